using System.Buffers;
using System.IO.Hashing;
using System.Text;
using System.Text.Json;
using Dabir.Archive;
using Dabir.News;
using Dabir.News.Json;
using Dabir.News.Readers;
using Dabir.Pipeline;

namespace Dabir.Scale.Tests;

/// <summary>Test articles: variants of the Fars dev articles (each variant its own URL and a word of its own), and archive items built from them.</summary>
internal static class Articles
{
    private static readonly Lazy<ArticleAnalyzer> Analyzer = new(() =>
        new ArticleAnalyzer(new DocumentPipelineBuilder().UseArticleReading().UseSegmentation().UseLemmas().Build()));

    private static readonly Lazy<List<JsonElement>> Dev = new(() =>
        [.. File.ReadLines(SharedData.PathOf("data/news/fars-dev.jsonl")).Select(l => JsonDocument.Parse(l).RootElement)
            .Where(e => e.TryGetProperty("link", out var l) && l.GetString() is { Length: > 0 } && e.TryGetProperty("paragraphs", out _))]);

    private static readonly string[] Numbers = ["یک", "دو", "سه", "چهار", "پنج", "شش", "هفت", "هشت", "نه", "ده"];

    /// <summary>Article <paramref name="i"/> as a JSON line: dev article i mod the dev count, its link made unique (fars-dev repeats some), and for later rounds a word added to its title.</summary>
    public static string Json(int i)
    {
        var e = Dev.Value[i % Dev.Value.Count];
        int round = i / Dev.Value.Count;
        var fields = new Dictionary<string, object?>
        {
            ["title"] = e.GetProperty("title").GetString() + (round == 0 ? "" : " " + Numbers[round % Numbers.Length] + round.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ["paragraphs"] = e.GetProperty("paragraphs").EnumerateArray().Select(p => p.GetString()).ToArray(),
            // Unique per article: fars-dev repeats a few links, and n articles must be n documents.
            ["link"] = e.GetProperty("link").GetString() + "?edition=" + i.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        if (e.TryGetProperty("date", out var d) && d.ValueKind == JsonValueKind.String)
        {
            fields["date"] = d.GetString();
        }
        return JsonSerializer.Serialize(fields);
    }

    public static int DevCount => Dev.Value.Count;

    /// <summary>Writes articles [0, count) as a JSONL file.</summary>
    public static void WriteJsonl(string path, int count) => File.WriteAllLines(path, Enumerable.Range(0, count).Select(Json));

    /// <summary>An archive item the way ingest builds it (tokens and lemmas, no tagger weights), with optional hand-written actors/events sections.</summary>
    public static IngestItem Item(string json, string locator, string? actorsAndEvents = null)
    {
        var bytes = Encoding.UTF8.GetBytes(json);
        var raw = new RawArticle(0, locator, "/test/" + locator, null, "json", bytes);
        var doc = Analyzer.Value.Analyze(ArticleSource.Read(raw));
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, DocumentJsonWriter.Options(false)))
        {
            DocumentJsonWriter.Write(writer, doc);
        }
        string record = Encoding.UTF8.GetString(buffer.WrittenSpan);
        if (actorsAndEvents is not null)
        {
            Assert.Contains("\"events\":[]", record, StringComparison.Ordinal);
            record = record.Replace("\"events\":[]", actorsAndEvents, StringComparison.Ordinal);
        }
        return new IngestItem(locator, Convert.ToHexStringLower(XxHash128.Hash(bytes)), ArchiveDocument.Create(doc, Encoding.UTF8.GetBytes(record), "test"));
    }

    /// <summary>Query words: the first words of some titles (the known-item queries people type).</summary>
    public static List<string> Queries(int count) =>
        [.. Dev.Value.Where((_, i) => i % 7 == 0).Take(count).Select(e => string.Join(' ', (e.GetProperty("title").GetString() ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries).Take(3)))
            .Where(q => q.Length > 0)];
}
