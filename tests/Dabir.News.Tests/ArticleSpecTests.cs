using System.Text;
using Dabir.IO;
using Dabir.News.Readers;
using Dabir.Pipeline;
using Dabir.News.Structure;

namespace Dabir.News.Tests;

/// <summary>
/// Article variants under <c>Spec/articles</c>: each input has a <c>.expect</c> file of <c>key=value</c> lines
/// (title, lead or «-» for none, paragraphs count, agency id or «-», country, dateline, published ISO date,
/// removed reasons in order, numbers that must be found, or error=REASON for inputs that must fail).
/// </summary>
public sealed class ArticleSpecTests
{
    private static readonly ArticleAnalyzer Analyzer = new();
    private static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "Spec", "articles");

    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (var f in Directory.EnumerateFiles(Folder, "*.expect").Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileNameWithoutExtension(f));
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Variant_is_read_as_specified(string name)
    {
        var expect = File.ReadAllLines(Path.Combine(Folder, name + ".expect"))
            .Where(l => l.Length > 0 && l[0] != '#')
            .Select(l => (Key: l[..l.IndexOf('=', StringComparison.Ordinal)], Value: l[(l.IndexOf('=', StringComparison.Ordinal) + 1)..]))
            .ToList();
        string input = Directory.EnumerateFiles(Folder, name + ".*").Single(f => !f.EndsWith(".expect", StringComparison.Ordinal));
        var raw = ArticleSource.FromPath(input).Single();
        if (expect.FirstOrDefault(e => e.Key == "error") is { Value: { } reason })
        {
            var error = Assert.Throws<InputException>(() => Analyzer.Analyze(ArticleSource.Read(raw)));
            Assert.Equal(reason, error.ReasonCode);
            Assert.False(string.IsNullOrWhiteSpace(error.Message));
            return;
        }
        var doc = Analyzer.Analyze(ArticleSource.Read(raw));
        var numbers = expect.Where(e => e.Key == "number").Select(e => decimal.Parse(e.Value, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        foreach (var (key, value) in expect)
        {
            switch (key)
            {
                case "title":
                    Assert.Equal(TextFold.Key(value), TextFold.Key(doc.Title?.Text ?? ""));
                    break;
                case "lead":
                    if (value == "-")
                    {
                        Assert.Null(doc.Lead);
                    }
                    else
                    {
                        Assert.Equal(TextFold.Key(value), TextFold.Key(doc.Lead?.Text ?? ""));
                    }
                    break;
                case "paragraphs":
                    Assert.Equal(int.Parse(value, System.Globalization.CultureInfo.InvariantCulture), doc.Paragraphs.Count);
                    break;
                case "agency":
                    Assert.Equal(value == "-" ? null : value, doc.Agency?.Agency.Id);
                    break;
                case "country":
                    Assert.Equal(value, doc.Agency?.Agency.Country);
                    break;
                case "dateline":
                    Assert.Equal(value, doc.Dateline?.Text);
                    break;
                case "published":
                    Assert.Equal(value, doc.Published?.Iso);
                    break;
                case "removed":
                    Assert.Equal(value.Split(','), doc.Removed.Select(r => r.Reason));
                    break;
            }
        }
        foreach (var n in numbers)
        {
            Assert.Contains(doc.Numbers, m => m.Value == n);
        }
        AssertSpansPointIntoSource(doc);
    }

    // Every span must cover, in the source, text that folds to the same key as the repaired text.
    private static void AssertSpansPointIntoSource(NewsDocument doc)
    {
        var fields = new List<TextField>(doc.Paragraphs);
        if (doc.Title is not null)
        {
            fields.Add(doc.Title);
        }
        if (doc.Lead is not null)
        {
            fields.Add(doc.Lead);
        }
        foreach (var f in fields)
        {
            string source = doc.SourceText.Substring(f.Span.Start, f.Span.Length);
            Assert.Equal(TextFold.Key(f.Text), TextFold.Key(source));
        }
    }

    [Fact]
    public void Malformed_json_line_is_a_clear_error_for_that_line_only()
    {
        var raws = ArticleSource.FromPath(Path.Combine(Folder, "malformed.jsonl")).ToList();
        Assert.True(raws.Count >= 2);
        var first = Analyzer.Analyze(ArticleSource.Read(raws[0]));
        Assert.Equal("خبر سالم", first.Title?.Text);
        var error = Assert.Throws<InputException>(() => ArticleSource.Read(raws[1]));
        Assert.Equal("invalid-json", error.ReasonCode);
        Assert.Equal(raws[1].Path, error.Path);
        Assert.Equal(2, error.Line);
        Assert.Contains("invalid JSON", error.Message, StringComparison.Ordinal);
        Assert.Equal(2, raws[1].Line);
    }

    [Fact]
    public void Json_array_is_not_an_article()
    {
        var raw = new RawArticle(0, "x", null, 1, "json", Encoding.UTF8.GetBytes("[1, 2]"));
        Assert.Equal("not-an-object", Assert.Throws<InputException>(() => ArticleSource.Read(raw)).ReasonCode);
    }

    [Fact]
    public void Invalid_utf8_is_a_clear_error()
    {
        var raw = new RawArticle(0, "x", null, null, "text", new byte[] { 0xD8, 0xA7, 0xFF, 0x20 });
        var error = Assert.Throws<InputException>(() => ArticleSource.Read(raw));
        Assert.Equal(InputErrorReason.InvalidUtf8, error.Reason);
        Assert.Equal(2, error.ByteOffset);
        Assert.Equal("x: invalid UTF-8 at byte offset 2 (byte 0xFF)", error.Message);
    }

    [Fact]
    public void Example_article_gives_title_lead_once_body_and_mehr()
    {
        string path = SharedData.PathOf("data/example/article.txt");
        var doc = Analyzer.Analyze(ArticleInput.FromText("article.txt", File.ReadAllText(path), path));
        Assert.NotNull(doc.Title);
        Assert.NotNull(doc.Lead);
        Assert.DoesNotContain(doc.Paragraphs, p => TextFold.Key(p.Text) == TextFold.Key(doc.Lead!.Text));
        Assert.Equal(9, doc.Paragraphs.Count);
        Assert.Equal("Mehr News Agency", doc.Agency?.Agency.Name);
        Assert.Equal("Iran", doc.Agency?.Agency.Country);
    }
    [Fact]
    public void Format_characters_of_the_published_text_are_kept_in_the_record()
    {
        Assert.False(RepairStage.DocumentOptions.RemoveControlCharacters);
        // LRM around a Latin name, a soft hyphen and a ZWJ: display intent of the published page.
        const string Lead = "نشست \u200EG20\u200E در رم برگزار شد و وزیران کشاو\u00ADرزی و بازرگانی گفت\u200Dوگو کردند.";
        var doc = Analyzer.Analyze(ArticleInput.FromText("x.txt", "نشست گروه بیست\n" + Lead + "\nبه گزارش ایرنا، این نشست دو روز ادامه دارد.\n", null));
        Assert.Equal(Lead, doc.Lead?.Text);
        Assert.Equal("irna", doc.Agency?.Agency.Id);
    }
    [Fact]
    public void Segmentation_is_opt_in_and_covers_title_lead_and_body_only()
    {
        const string Text = "کد خبر: ۴۵۶۷۸\nبرگزاری نمایشگاه کتاب در تبریز\nنمایشگاه کتاب استان امروز آغاز شد. این نمایشگاه تا جمعه ادامه دارد.\nبه گزارش ایرنا، ۲۰۰ ناشر در آن حضور دارند.\nاشتراک گذاری\n";
        Assert.Empty(Analyzer.Analyze(ArticleInput.FromText("x.txt", Text, null)).Tokens);
        var doc = new ArticleAnalyzer(new DocumentPipelineBuilder().UseArticleReading().UseSegmentation().Build()).Analyze(ArticleInput.FromText("x.txt", Text, null));
        Assert.True(doc.Sentences.Count >= 4);
        Assert.DoesNotContain(doc.Tokens, t => t.Form is "کد" or "اشتراک");
        foreach (var t in doc.Tokens)
        {
            Assert.Equal(TextFold.Key(t.Form), TextFold.Key(doc.SourceText.AsSpan(t.Span.Start, t.Span.Length)));
        }
        foreach (var s in doc.Sentences)
        {
            Assert.Equal(doc.Tokens[s.FirstToken].Span.Start, s.Span.Start);
            Assert.Equal(doc.Tokens[s.FirstToken + s.TokenCount - 1].Span.End, s.Span.End);
        }
        Assert.Equal(doc.Tokens.Count, doc.Sentences.Sum(s => s.TokenCount));
    }
}
