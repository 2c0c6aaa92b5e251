using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Dabir.IO;

namespace Dabir.News.Readers;

/// <summary>
/// Reads an article page: the main content with SmartReader (a port of Mozilla's Readability) on an
/// AngleSharp document, which drops menus, ads, share bars and comment blocks; the headline, the lead
/// (an element marked as lead/summary, else the meta description) and the publication date and site name
/// from the meta tags.
/// </summary>
public static class HtmlArticleReader
{
    private static readonly string[] PublishedMeta =
        ["article:published_time", "og:published_time", "datePublished", "pubdate", "publishdate", "date", "dc.date", "dc.date.issued", "sailthru.date"];

    private static readonly string[] LeadSelectors =
        [".lead", ".news-lead", ".summary", ".introtext", ".intro", ".abstract", ".subtitle", "[itemprop=description]", ".rutitr"];

    /// <summary>
    /// Deepest element nesting read. Real article pages nest a few dozen levels; the content extraction walks the tree
    /// in time that grows faster than its depth (30,000 nested divs took 27 s), so a deeper page is refused up front.
    /// </summary>
    public const int MaxDepth = 1_000;

    // Elements whose end tag may be left out (the parser closes them at the next sibling) and void elements: they
    // never deepen the tree, however many are left open.
    private static readonly System.Collections.Frozen.FrozenSet<string> Flat = System.Collections.Frozen.FrozenSet.Create(StringComparer.OrdinalIgnoreCase,
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr", "p", "li", "dt", "dd",
        "option", "optgroup", "tr", "td", "th", "thead", "tbody", "tfoot", "rb", "rt", "rp", "colgroup", "caption");

    // How deep the page's elements nest, estimated from its tags before parsing (a start tag deepens, an end tag or a
    // self-closing one does not; comments, scripts and styles are skipped), given up past the limit. The HTML parser
    // itself slows down with depth (100,000 nested divs: minutes), so the estimate has to come first.
    private static int NestingDepth(string html, int limit)
    {
        var text = html.AsSpan();
        int depth = 0, deepest = 0, i = 0;
        while (i < text.Length)
        {
            int next = text[i..].IndexOf('<');
            if (next < 0 || i + next + 1 >= text.Length)
            {
                break;
            }
            i += next;
            if (text[(i + 1)..].StartsWith("!--"))
            {
                int end = text[(i + 4)..].IndexOf("-->");
                i = end < 0 ? text.Length : i + 4 + end + 3;
                continue;
            }
            bool closing = text[i + 1] == '/';
            int nameStart = i + (closing ? 2 : 1), nameEnd = nameStart;
            while (nameEnd < text.Length && char.IsAsciiLetterOrDigit(text[nameEnd]))
            {
                nameEnd++;
            }
            int close = text[nameEnd..].IndexOf('>');
            if (nameEnd == nameStart || close < 0)
            {
                i = nameStart;
                continue;
            }
            var name = text[nameStart..nameEnd];
            int after = nameEnd + close + 1;
            if (closing)
            {
                depth = Math.Max(0, depth - (IsFlat(name) ? 0 : 1));
            }
            else if (name.Equals("script", StringComparison.OrdinalIgnoreCase) || name.Equals("style", StringComparison.OrdinalIgnoreCase))
            {
                int end = text[after..].IndexOf(name.Equals("script", StringComparison.OrdinalIgnoreCase) ? "</script" : "</style", StringComparison.OrdinalIgnoreCase);
                after = end < 0 ? text.Length : after + end;
            }
            else if (text[after - 2] != '/' && !IsFlat(name) && ++depth > deepest)
            {
                deepest = depth;
                if (deepest > limit)
                {
                    return deepest;
                }
            }
            i = after;
        }
        return deepest;
    }

    private static bool IsFlat(ReadOnlySpan<char> name) => Flat.GetAlternateLookup<ReadOnlySpan<char>>().Contains(name);

    /// <summary>Reads one page; throws <see cref="InputException"/> when it holds no readable article.</summary>
    public static ArticleInput Read(string html, string id, string? path, string? url = null)
    {
        ArgumentNullException.ThrowIfNull(html);
        if (html.AsSpan().TrimStart().IsEmpty)
        {
            throw new InputException(InputErrorReason.Empty, "empty HTML page");
        }
        if (html.AsSpan().IndexOfAny('<', '>') < 0)
        {
            throw new InputException(InputErrorReason.InvalidHtml, "not HTML: the page has no tags");
        }
        if (NestingDepth(html, MaxDepth) > MaxDepth)
        {
            throw new InputException(InputErrorReason.InvalidHtml, $"the page's elements nest deeper than {MaxDepth:N0} levels; no article page does");
        }
        var parser = new HtmlParser();
        using IHtmlDocument document = parser.ParseDocument(html);
        string? canonical = url ?? Meta(document, "og:url") ?? document.QuerySelector("link[rel=canonical]")?.GetAttribute("href");
        string? published = Meta(document, PublishedMeta) ?? document.QuerySelector("time[datetime]")?.GetAttribute("datetime");
        string? siteName = Meta(document, "og:site_name");
        string? lead = LeadElement(document) ?? Meta(document, "description") ?? Meta(document, "og:description");
        string? metaTitle = Meta(document, "og:title");
        string? h1 = document.QuerySelector("h1")?.TextContent.Trim();

        var baseUri = Uri.TryCreate(canonical, UriKind.Absolute, out var u) ? u.ToString() : "https://localhost/";
        SmartReader.Article article;
        try
        {
            using var reader = new SmartReader.Reader(baseUri, document);
            article = reader.GetArticle();
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException or NullReferenceException or FormatException)
        {
            throw new InputException(InputErrorReason.InvalidHtml, $"could not extract the article: {e.Message}", innerException: e);
        }
        var body = new List<string>();
        if (!string.IsNullOrEmpty(article.Content))
        {
            using var content = parser.ParseDocument(article.Content);
            foreach (var element in content.QuerySelectorAll("p, h2, h3, h4, h5, h6, li, blockquote, pre"))
            {
                if (element.QuerySelector("p, li, blockquote") is not null)
                {
                    continue; // the inner elements are read on their own
                }
                string text = Squash(element.TextContent);
                if (text.Length > 0)
                {
                    body.Add(text);
                }
            }
            if (body.Count == 0 && !string.IsNullOrWhiteSpace(article.TextContent))
            {
                body.AddRange(article.TextContent.ReplaceLineEndings("\n").Split('\n').Select(Squash).Where(l => l.Length > 0));
            }
        }
        string? title = !string.IsNullOrWhiteSpace(h1) ? h1 : !string.IsNullOrWhiteSpace(metaTitle) ? metaTitle : article.Title;
        if (body.Count == 0 && string.IsNullOrWhiteSpace(title))
        {
            throw new InputException(InputErrorReason.Empty, "no article found in the page (no headline and no readable text)");
        }
        published ??= article.PublicationDate?.ToString("yyyy-MM-ddTHH:mm:ss", System.Globalization.CultureInfo.InvariantCulture);
        return new ArticleInput
        {
            Id = id,
            Origin = new ArticleOrigin(path, null, "html"),
            Title = title is null ? null : Squash(title),
            Lead = lead is null ? null : Squash(lead),
            Body = body,
            Url = canonical,
            Published = published,
            SourceName = siteName ?? (string.IsNullOrWhiteSpace(article.SiteName) ? null : article.SiteName),
        };
    }

    private static string? LeadElement(IDocument document)
    {
        foreach (var selector in LeadSelectors)
        {
            if (document.QuerySelector(selector) is { } e)
            {
                string text = Squash(e.TextContent);
                if (text.Length is >= 20 and <= 1500)
                {
                    return text;
                }
            }
        }
        return null;
    }

    private static string? Meta(IDocument document, params string[] names)
    {
        foreach (var name in names)
        {
            foreach (var meta in document.QuerySelectorAll("meta"))
            {
                string? key = meta.GetAttribute("property") ?? meta.GetAttribute("name") ?? meta.GetAttribute("itemprop");
                if (key is not null && key.Equals(name, StringComparison.OrdinalIgnoreCase) && meta.GetAttribute("content") is { Length: > 0 } value)
                {
                    return value.Trim();
                }
            }
        }
        return null;
    }

    // Collapses the whitespace of HTML text into single spaces, keeping half-spaces.
    private static string Squash(string text)
    {
        var sb = new System.Text.StringBuilder(text.Length);
        bool space = false;
        foreach (char c in text)
        {
            if (char.IsWhiteSpace(c))
            {
                space = sb.Length > 0;
                continue;
            }
            if (space)
            {
                sb.Append(' ');
                space = false;
            }
            sb.Append(c);
        }
        return sb.ToString();
    }
}
