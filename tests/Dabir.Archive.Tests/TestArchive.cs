using System.Buffers;
using System.IO.Hashing;
using System.Text;
using System.Text.Json;
using Dabir.News;
using Dabir.News.Json;
using Dabir.News.Readers;
using Dabir.Pipeline;

namespace Dabir.Archive.Tests;

/// <summary>Builds archive documents the way <c>dabir ingest</c> does (tokens and lemmas; no tagger weights, to stay fast).</summary>
internal static class TestArchive
{
    private static readonly Lazy<ArticleAnalyzer> Analyzer = new(() =>
        new ArticleAnalyzer(new DocumentPipelineBuilder().UseArticleReading().UseSegmentation().UseLemmas().Build()));

    public static string Json(string title, string[] paragraphs, string? link) =>
        JsonSerializer.Serialize(new Dictionary<string, object?> { ["title"] = title, ["paragraphs"] = paragraphs, ["link"] = link });

    /// <param name="json">The article as a JSON object.</param>
    /// <param name="locator">Its locator.</param>
    /// <param name="editRecord">Changes the record before the store reads it (to add sections a later layer writes).</param>
    public static IngestItem Item(string json, string locator, Func<string, string>? editRecord = null)
    {
        var bytes = Encoding.UTF8.GetBytes(json);
        var raw = new RawArticle(0, locator, "/test/" + locator, null, "json", bytes);
        var doc = Analyzer.Value.Analyze(ArticleSource.Read(raw));
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, DocumentJsonWriter.Options(false)))
        {
            DocumentJsonWriter.Write(writer, doc);
        }
        byte[] record = editRecord is null ? buffer.WrittenSpan.ToArray() : Encoding.UTF8.GetBytes(editRecord(Encoding.UTF8.GetString(buffer.WrittenSpan)));
        return new IngestItem(locator, Convert.ToHexStringLower(XxHash128.Hash(bytes)), ArchiveDocument.Create(doc, record, "test"));
    }

    public static IngestItem Item(string title, string[] paragraphs, string? link, string? locator = null) =>
        Item(Json(title, paragraphs, link), locator ?? link ?? title);

    public static string TempStore() => Path.Combine(Path.GetTempPath(), "dabir-archive-test-" + Guid.NewGuid().ToString("N") + ".db");

    public static void Delete(string path)
    {
        foreach (var p in new[] { path, path + "-wal", path + "-shm" })
        {
            if (File.Exists(p))
            {
                File.Delete(p);
            }
        }
    }

    /// <summary>Fars dev articles (skipped when ../shared is absent).</summary>
    public static List<JsonElement> FarsDev(int count)
    {
        var list = new List<JsonElement>();
        foreach (var line in File.ReadLines(SharedData.PathOf("data/news/fars-dev.jsonl")))
        {
            var e = JsonDocument.Parse(line).RootElement;
            if (e.TryGetProperty("paragraphs", out var p) && p.GetArrayLength() >= 3 && !list.Exists(x => x.GetProperty("link").GetString() == e.GetProperty("link").GetString()))
            {
                list.Add(e);
            }
            if (list.Count == count)
            {
                break;
            }
        }
        return list;
    }

    public static string[] Paragraphs(JsonElement e) => [.. e.GetProperty("paragraphs").EnumerateArray().Select(p => p.GetString() ?? "").Where(p => p.Trim().Length > 0)];
}
