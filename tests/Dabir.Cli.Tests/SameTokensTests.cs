using System.Text;
using System.Text.Json;

namespace Dabir.Cli.Tests;

/// <summary>
/// <c>tokenize</c>, <c>tag</c> and <c>analyze</c> build their pipelines from the same stages with one repair default,
/// so the same text gives the same tokens (a review found <c>tokenize</c> giving «سلامدنیا» where <c>analyze</c> gave
/// «سلام», «دنیا», and a URL run ending at different places in repair and the tokenizer).
/// </summary>
public sealed class SameTokensTests
{
    [Theory]
    [InlineData("سلام\u200Fدنیا و كتاب")]
    [InlineData("منبع این خبر: https://example.com/«كتاب» است.")]
    [InlineData("نشست \u200EG20\u200E در رم برگزار شد و وزیران کشاو\u00ADرزی گفت\u200Dوگو کردند.")]
    [InlineData("می‎شود سال­های ۱۴۰۲ و ٢٠٢٣ #غزه @user info@example.org")]
    public void Tokenize_and_analyze_give_the_same_tokens(string text)
    {
        var tokenized = DabirProcess.Run(Encoding.UTF8.GetBytes(text + "\n"), ["tokenize", "-", "--format", "json"]);
        Assert.True(tokenized.ExitCode == 0, tokenized.Stderr);
        var fromTokenize = new List<string>();
        foreach (var line in tokenized.Text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            using var sentence = JsonDocument.Parse(line);
            fromTokenize.AddRange(sentence.RootElement.GetProperty("tokens").EnumerateArray().Select(t => t.GetProperty("form").GetString()!));
        }

        string path = Path.Combine(Path.GetTempPath(), $"dabir-same-{Guid.NewGuid():N}.json");
        try
        {
            // As a record's one body paragraph, so that structure finding keeps the whole text.
            File.WriteAllText(path, JsonSerializer.Serialize(new { title = "عنوان", paragraphs = new[] { text } }));
            var analyzed = DabirProcess.Run((byte[]?)null, ["analyze", path, "--format", "json", "--level", "tokens"]);
            Assert.True(analyzed.ExitCode == 0, analyzed.Stderr);
            using var record = JsonDocument.Parse(analyzed.Stdout);
            var fromAnalyze = record.RootElement.GetProperty("tokens").EnumerateArray().Select(t => t.GetProperty("form").GetString()!).Skip(1).ToList();
            Assert.Equal(fromTokenize, fromAnalyze);
            Assert.DoesNotContain(fromAnalyze, t => t.Contains('ك', StringComparison.Ordinal));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
