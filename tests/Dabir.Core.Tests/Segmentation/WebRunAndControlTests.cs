using CsCheck;
using Dabir.Repair;
using Dabir.Segmentation;
using Dabir.Text;

namespace Dabir.Core.Tests.Segmentation;

/// <summary>
/// Repair and the tokenizer share one recognizer of URLs, e-mails, hashtags and mentions, and the tokenizer reads
/// through the invisible controls repair deletes, so both layers agree on every character.
/// </summary>
public class WebRunAndControlTests
{
    private static readonly PersianNormalizer Normalizer = new();
    private static readonly PersianNormalizer KeepControls = new(new NormalizerOptions { RemoveControlCharacters = false });

    [Fact]
    public void A_url_ends_at_a_guillemet_for_repair_and_tokenizer_alike()
    {
        const string text = "منبع این خبر: https://example.com/«كتاب» است.";
        int url = text.IndexOf("https", StringComparison.Ordinal);
        Assert.Equal("https://example.com/".Length, ProtectedRuns.Length(text, url));

        var tokens = new List<Token>();
        Tokenizer.Tokenize(text, tokens);
        var urlToken = Assert.Single(tokens, t => t.Kind == TokenKind.Url);
        Assert.Equal(new Token(url, "https://example.com/".Length, TokenKind.Url), urlToken);

        // The word after the URL is repaired, so the taggers see «کتاب» with a Persian kaf.
        var doc = new Segmenter().Segment(text);
        var forms = doc.Tokens.Select(t => doc.Form(t).ToString()).ToList();
        Assert.Contains("https://example.com/", forms);
        Assert.Contains("کتاب", forms);
        Assert.DoesNotContain(forms, f => f.Contains('ك', StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("https://example.com/a،b", "https://example.com/a")]
    [InlineData("https://example.com؛ سپس", "https://example.com")]
    [InlineData("https://example.com/path?q=1.", "https://example.com/path?q=1")]
    [InlineData("https://fa.wikipedia.org/wiki/تهران", "https://fa.wikipedia.org/wiki/تهران")]
    [InlineData("https://en.wikipedia.org/wiki/Tehran_(city))", "https://en.wikipedia.org/wiki/Tehran_(city)")]
    [InlineData("www.example.com”", "www.example.com")]
    [InlineData("http://a.b/c\u200Fد", "http://a.b/c")]
    [InlineData("www.example.comرا ببینید", "www.example.com")]
    [InlineData("http://ایران.ir/خبر،", "http://ایران.ir/خبر")]
    public void Url_extent(string text, string url)
    {
        Assert.Equal(url.Length, WebRuns.UrlLength(text));
        Assert.Equal(url.Length, ProtectedRuns.Length(text, 0));
    }

    [Theory]
    [InlineData("@علی", 0)]
    [InlineData("@dabir_fa.", 9)]
    [InlineData("#انتخابات_۱۴۰۲،", 14)]
    [InlineData("info@example.comرا", 16)]
    public void Other_runs(string text, int length) => Assert.Equal(length, ProtectedRuns.Length(text, 0));

    // Text drawn from the characters where URLs, e-mails, tags and words meet.
    private static readonly Gen<string> WebText = Gen.Char["htps:/w.exampl.com@#_x1۲كتابیمی«»()،؛؟!?,\"' \u200c\u200f\u00ad"].Array[0, 40]
        .Select(a => new string(a));

    // On repaired text (the text the tokenizer is given), repair protects exactly the runs the tokenizer finds.
    // Repair deletes invisible controls and the tokenizer reads through them, so a control inside a URL is not compared.
    [Fact]
    public void Repair_protects_exactly_the_runs_the_tokenizer_finds() =>
        WebText.Select(Normalizer.Normalize).Sample(s =>
        {
            var tokens = new List<Token>();
            Tokenizer.Tokenize(s, tokens);
            foreach (var t in tokens)
            {
                bool runStart = t.Start == 0 || s[t.Start - 1] is ' ' or '\t' or '(' or '«' or '[';
                if (!runStart || s[t.Start] >= 0x80)
                {
                    continue;
                }
                bool web = t.Kind is TokenKind.Url or TokenKind.Email or TokenKind.Hashtag or TokenKind.Mention;
                int protectedLength = ProtectedRuns.Length(s, t.Start);
                if (web ? protectedLength != t.Length : protectedLength != 0)
                {
                    return false;
                }
            }
            return true;
        }, iter: 20_000);

    [Fact]
    public void A_bidi_mark_inside_a_word_does_not_split_it()
    {
        const string text = "سلام\u200Fدنیا و كتاب";
        var kept = new Segmenter(KeepControls).Segment(text);
        var removed = new Segmenter(Normalizer).Segment(text);
        Assert.Equal(["سلام\u200Fدنیا", "و", "کتاب"], kept.Tokens.Select(t => kept.Form(t).ToString()));
        Assert.Equal(["سلامدنیا", "و", "کتاب"], removed.Tokens.Select(t => removed.Form(t).ToString()));
        Assert.Equal(kept.Tokens.Select(t => kept.ToSource(t.Start, t.Length)), removed.Tokens.Select(t => removed.ToSource(t.Start, t.Length)));
    }

    [Theory]
    [InlineData("می\u200Eشود")]
    [InlineData("کتاب\u00ADها")]
    [InlineData("می\u200F\u200Eکند")]
    [InlineData("آسیب\u200cدیدگی\u200Eهایی")]
    [InlineData("ب\u200Dه")]
    [InlineData("۱۲\u2066۳۴")]
    [InlineData("ab\u2060cd")]
    public void Invisible_controls_never_split_a_token(string word)
    {
        var tokens = new List<Token>();
        Tokenizer.Tokenize(" " + word + "\u200F ", tokens);
        Assert.Equal(new Token(1, word.Length, tokens[0].Kind), Assert.Single(tokens));
    }

    private static readonly Gen<string> ControlText = Gen.Char["كتابمیهاشودabc12۳۴ .،«»:/#@\u200c\u200d\u200e\u200f\u00ad\u2066\u2069\ufeff"].Array[0, 50]
        .Select(a => new string(a));

    [Fact]
    public void Tokens_cover_the_same_characters_whether_controls_are_removed_or_kept() =>
        ControlText.Sample(s =>
        {
            var keptTokens = new List<Token>();
            Tokenizer.Tokenize(s, keptTokens);
            var map = new List<int>();
            var removed = new System.Text.StringBuilder();
            for (int i = 0; i < s.Length; i++)
            {
                if (!Tokenizer.IsTransparent(s[i]))
                {
                    map.Add(i);
                    removed.Append(s[i]);
                }
            }
            var removedTokens = new List<Token>();
            Tokenizer.Tokenize(removed.ToString(), removedTokens);
            return keptTokens.Count == removedTokens.Count && keptTokens.Zip(removedTokens).All(p =>
                p.First.Kind == p.Second.Kind && p.First.Start == map[p.Second.Start] && p.First.End == map[p.Second.End - 1] + 1);
        }, iter: 20_000);
}
