using System.Text;
using System.Text.Json;
using CsCheck;
using Dabir.News.Readers;

namespace Dabir.News.Tests;

/// <summary>
/// Time linearity without timing (issue 12): the work (bytes allocated) of reading an article — decoding, the
/// format's reader and the article-reading stage — on an input 4x as large is at most ~5x, for the shapes that were
/// superlinear or are likely to be: HTML nesting (row 2 of the issue), flat HTML, one long line, many short lines,
/// JSON with many paragraphs.
/// </summary>
public sealed class LinearWorkTests
{
    private static readonly ArticleAnalyzer Structure = new();

    private static readonly Gen<string> Sentence = Gen.Char["کتابدرآسهیشانمت مینهاوزرگ ،.۱۲۳«»\u200c"].Array[20, 90].Select(a => new string(a));

    private static void Read(string format, string text) =>
        Structure.Analyze(ArticleSource.Read(new RawArticle(0, "t", null, null, format, Encoding.UTF8.GetBytes(text))));

    private static void AssertLinear(string format, Func<string, int, string> make, int n) =>
        Sentence.Sample(s =>
        {
            double ratio = LinearWork.Ratio(t => Read(format, t), make(s, n), make(s, 4 * n));
            Assert.True(ratio <= LinearWork.MaxRatio, $"{format}: 4x input cost {ratio:F1}x");
        }, iter: 8);

    [Fact]
    public void Nested_html_is_linear() =>
        // Within the documented depth limit (HtmlArticleReader.MaxDepth): 200 and 800 levels.
        AssertLinear("html", (s, n) => "<html><body>" + string.Concat(Enumerable.Repeat("<div><p>" + s + "</p>", n)) + string.Concat(Enumerable.Repeat("</div>", n)) + "</body></html>", 200);

    [Fact]
    public void Unclosed_html_tags_are_linear() =>
        AssertLinear("html", (s, n) => "<html><body>" + string.Concat(Enumerable.Repeat("<p>" + s + "<li>" + s, n)), 150);

    [Fact]
    public void Flat_html_is_linear() =>
        AssertLinear("html", (s, n) => "<html><body><article>" + string.Concat(Enumerable.Repeat("<p>" + s + "</p>\n", n)) + "</article></body></html>", 150);

    [Fact]
    public void One_long_line_is_linear() =>
        AssertLinear("text", (s, n) => string.Join(' ', Enumerable.Repeat(s, n)), 300);

    [Fact]
    public void Many_short_lines_are_linear() =>
        AssertLinear("text", (s, n) => string.Join('\n', Enumerable.Repeat(s, n)), 300);

    [Fact]
    public void Json_with_many_paragraphs_is_linear() =>
        AssertLinear("json", (s, n) => JsonSerializer.Serialize(new { title = s, paragraphs = Enumerable.Repeat(s, n).Select((p, i) => p + i).ToArray() }), 200);
}
