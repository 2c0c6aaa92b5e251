using System.Text.RegularExpressions;

namespace Dabir.Web.Tests;

/// <summary>
/// The committed bundle (web/dist) is what the server embeds: its page must load only its own files (no CDN, nothing
/// fetched elsewhere) and must run under the server's Content-Security-Policy (no inline script or style).
/// </summary>
public sealed partial class DistTests
{
    private static readonly string Dist = RepoPaths.Of("web/dist");

    [GeneratedRegex("""\s(src|href)\s*=\s*"([^"]*)""", RegexOptions.IgnoreCase)]
    private static partial Regex Reference();

    [GeneratedRegex("""url\(\s*['"]?([^'")]+)""", RegexOptions.IgnoreCase)]
    private static partial Regex CssUrl();

    [GeneratedRegex("""https?://|//[a-z0-9.-]+\.[a-z]{2,}/""", RegexOptions.IgnoreCase)]
    private static partial Regex ExternalUrl();

    private static string Index => File.ReadAllText(Path.Combine(Dist, "index.html"));

    [Fact]
    public void IndexReferencesOnlyFilesInTheBundle()
    {
        var references = Reference().Matches(Index).Select(m => m.Groups[2].Value).ToList();
        Assert.Contains(references, r => r.EndsWith(".js", StringComparison.Ordinal));
        Assert.Contains(references, r => r.EndsWith(".css", StringComparison.Ordinal));
        foreach (var reference in references)
        {
            if (reference.StartsWith('#'))
            {
                continue; // the skip link
            }
            Assert.DoesNotMatch(ExternalUrl(), reference);
            Assert.StartsWith("/", reference, StringComparison.Ordinal);
            if (reference is "/" or "/analyze")
            {
                continue; // the page's own routes (the header's links)
            }
            var file = Path.Combine(Dist, reference.TrimStart('/'));
            Assert.True(File.Exists(file), $"index.html references {reference}, which is not in web/dist");
        }
    }

    [Fact]
    public void StylesheetsReferenceOnlyBundledFonts()
    {
        var css = Directory.GetFiles(Path.Combine(Dist, "assets"), "*.css");
        Assert.NotEmpty(css);
        var urls = css.SelectMany(f => CssUrl().Matches(File.ReadAllText(f)).Select(m => m.Groups[1].Value)).ToList();
        Assert.Contains(urls, u => u.EndsWith(".woff2", StringComparison.Ordinal));
        foreach (var url in urls)
        {
            Assert.False(url.StartsWith("data:", StringComparison.Ordinal) && url.Contains("font", StringComparison.Ordinal), "a font inlined as data: is refused by font-src 'self'");
            Assert.DoesNotMatch(ExternalUrl(), url);
            Assert.True(File.Exists(Path.Combine(Dist, url.TrimStart('/'))), $"the stylesheet references {url}, which is not in web/dist");
        }
    }

    [Fact]
    public void IndexHasNoInlineScriptOrStyle()
    {
        var index = Index;
        Assert.Matches("""<html lang="fa" dir="rtl">""", index);
        Assert.DoesNotContain("<style", index, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotMatch("""\sstyle\s*=""", index);
        Assert.DoesNotMatch("""\son[a-z]+\s*=""", index);
        foreach (Match script in Regex.Matches(index, "<script[^>]*>"))
        {
            Assert.Contains(" src=", script.Value, StringComparison.Ordinal);
        }
        Assert.DoesNotMatch("<script[^>]*>[^<]+</script>", index);
    }

    [Fact]
    public void ScriptsNeitherEvaluateCodeNorParseHtml()
    {
        var scripts = Directory.GetFiles(Path.Combine(Dist, "assets"), "*.js");
        Assert.NotEmpty(scripts);
        foreach (var script in scripts)
        {
            var code = File.ReadAllText(script);
            Assert.DoesNotContain("innerHTML", code, StringComparison.Ordinal);
            Assert.DoesNotContain("insertAdjacentHTML", code, StringComparison.Ordinal);
            Assert.DoesNotContain("new Function", code, StringComparison.Ordinal);
            Assert.DoesNotMatch("""(?<![\w.$])eval\(""", code);
        }
    }

    [Fact]
    public void FontAndPackagesAreListedWithTheirLicences()
    {
        var fonts = Directory.GetFiles(Path.Combine(Dist, "assets"), "Vazirmatn*.woff2");
        Assert.NotEmpty(fonts);
        var notices = File.ReadAllText(RepoPaths.Of("web/THIRD-PARTY.md"));
        Assert.Contains("Vazirmatn", notices, StringComparison.Ordinal);
        Assert.Contains("SIL Open Font License", notices, StringComparison.Ordinal);
        Assert.Contains("Chart.js", notices, StringComparison.Ordinal);
    }
}
