using Dabir.Segmentation;

namespace Dabir.Core.Tests.Segmentation;

public class SegmentationSpecTests
{
    private static readonly Segmenter Segmenter = new();

    public static TheoryData<string, string, string> TokenCases => SpecFile.Load("tokens.tsv");

    public static TheoryData<string, string, string> SentenceCases => SpecFile.Load("sentences.tsv");

    [Theory]
    [MemberData(nameof(TokenCases))]
    public void Token_table_row_holds(string input, string expected, string rule)
    {
        var doc = Segmenter.Segment(input);
        string actual = string.Join(" | ", doc.Tokens.Select(t => doc.Form(t).ToString()));
        Assert.True(expected == actual, $"rule {rule}: «{input}» → «{actual}», expected «{expected}»");
    }

    [Theory]
    [MemberData(nameof(SentenceCases))]
    public void Sentence_table_row_holds(string input, string expected, string rule)
    {
        input = input.Replace("\\n", "\n", StringComparison.Ordinal);
        var doc = Segmenter.Segment(input);
        var text = doc.Text.Text;
        string actual = string.Join(" || ", doc.Sentences.Select(s =>
        {
            var first = doc.Tokens[s.FirstToken];
            var last = doc.Tokens[s.EndToken - 1];
            return text[first.Start..last.End];
        }));
        Assert.True(expected == actual, $"rule {rule}: «{input}» → «{actual}», expected «{expected}»");
    }

    [Theory]
    [InlineData("ماتمش شد", "ماتم", "ش")]
    [InlineData("خانه‌اش را دیدم", "خانه", "اش")]
    [InlineData("آنرا گفت", "آن", "را")]
    [InlineData("کتاب‌هایشان را", "کتاب‌های", "شان")]
    public void Pronominal_clitics_become_multiword_tokens(string input, string host, string clitic)
    {
        var doc = Segmenter.Segment(input);
        int at = doc.CliticStarts[0];
        Assert.True(at > 0);
        var form = doc.Form(doc.Tokens[0]);
        Assert.Equal(host, form[..at].TrimEnd('\u200C').ToString());
        Assert.Equal(clitic, form[at..].ToString());
    }

    [Theory]
    [InlineData("آموزش")]
    [InlineData("رفتم")]
    [InlineData("بینش")]
    [InlineData("کشش")]
    [InlineData("دانشجویان")]
    public void Words_and_verbs_stay_whole(string word)
    {
        var doc = Segmenter.Segment(word);
        Assert.Single(doc.Tokens);
        Assert.Equal(0, doc.CliticStarts[0]);
    }

    [Fact]
    public void Spans_map_back_to_source_offsets()
    {
        // Arabic yeh and kaf are repaired, but the token still points at the source characters.
        const string source = "  كتاب‌هاي  جديد.";
        var doc = Segmenter.Segment(source);
        var first = doc.Tokens[0];
        var span = doc.ToSource(first.Start, first.Length);
        Assert.Equal("كتاب‌هاي", source[span.Start..span.End]);
        var dot = doc.Tokens[^1];
        Assert.Equal(".", source.Substring(doc.ToSource(dot.Start, dot.Length).Start, 1));
    }
}
