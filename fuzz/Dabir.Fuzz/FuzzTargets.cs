using System.Buffers;
using System.Text;
using System.Text.Json;
using Dabir.Archive.Query;
using Dabir.Events;
using Dabir.IO;
using Dabir.Models;
using Dabir.News;
using Dabir.News.Json;
using Dabir.News.Readers;
using Dabir.Pipeline;
using Dabir.Repair;

namespace Dabir.Fuzz;

/// <summary>An invariant a harness checks did not hold (a crash for the fuzzer, a failure for the replay tests).</summary>
public sealed class FuzzInvariantException(string message) : Exception(message);

/// <summary>
/// The fuzzing targets: each takes arbitrary bytes and either returns or throws. Returning, or throwing the one
/// exception type the API documents for bad input, is correct; anything else (another exception type, a broken
/// invariant as <see cref="FuzzInvariantException"/>) is a bug. Shared by the AFL++ program and the replay tests.
/// </summary>
public static class FuzzTargets
{
    /// <summary>The targets by name, as <c>fuzz/run.sh TARGET</c> and the corpus folders name them.</summary>
    public static IReadOnlyDictionary<string, Action<byte[]>> All { get; } = new Dictionary<string, Action<byte[]>>(StringComparer.Ordinal)
    {
        ["normalize"] = Normalize,
        ["text"] = Text,
        ["json"] = Json,
        ["jsonl"] = Jsonl,
        ["html"] = Html,
        ["query"] = Query,
        ["analyze"] = Analyze,
    };

    // Everything that runs Dabir code is made on first use: under AFL++ the instrumented assemblies may only run
    // inside the fuzzer's callback (before it, the coverage map does not exist yet).
    private static readonly Lazy<PersianNormalizer> Normalizer = new(() => new PersianNormalizer());
    private static readonly Lazy<ArticleAnalyzer> FullAnalyzer = new(() => new ArticleAnalyzer(new DocumentPipelineBuilder()
        .UseArticleReading().UseSegmentation().UseTaggers().UseLemmas().UseEntityMentions()
        .UseActors(ActorDictionary.Default).UseEvents().Build()));

    /// <summary>
    /// The normalizer never throws on text, is idempotent (normalize(normalize(x)) == normalize(x)), and its aligned
    /// form gives the same text with every character mapped to a span inside the source.
    /// </summary>
    public static void Normalize(byte[] bytes)
    {
        string text = Encoding.UTF8.GetString(bytes); // invalid UTF-8 becomes U+FFFD, as --lenient does
        string once = Normalizer.Value.Normalize(text);
        string twice = Normalizer.Value.Normalize(once);
        if (!string.Equals(once, twice, StringComparison.Ordinal))
        {
            throw new FuzzInvariantException($"normalize is not idempotent: {Escape(once)} -> {Escape(twice)}");
        }
        var aligned = Normalizer.Value.NormalizeAligned(text);
        if (!string.Equals(aligned.Text, once, StringComparison.Ordinal))
        {
            throw new FuzzInvariantException($"NormalizeAligned differs from Normalize: {Escape(aligned.Text)} vs {Escape(once)}");
        }
        for (int i = 0; i < aligned.Text.Length; i++)
        {
            int s = aligned.SourceStart(i), e = aligned.SourceEnd(i);
            if (s < 0 || e < s || e > text.Length)
            {
                throw new FuzzInvariantException($"character {i} maps to [{s}, {e}) outside the source (length {text.Length})");
            }
        }
    }

    /// <summary>A plain-text article: read, or an <see cref="InputException"/>.</summary>
    public static void Text(byte[] bytes) => ReadOnly(bytes, "text");

    /// <summary>A JSON article: read, or an <see cref="InputException"/>.</summary>
    public static void Json(byte[] bytes) => ReadOnly(bytes, "json");

    /// <summary>An HTML page: read, or an <see cref="InputException"/>.</summary>
    public static void Html(byte[] bytes) => ReadOnly(bytes, "html");

    /// <summary>A JSONL stream: each line read, or an <see cref="InputException"/> for that line.</summary>
    public static void Jsonl(byte[] bytes)
    {
        foreach (var raw in ArticleSource.FromStream(new MemoryStream(bytes, writable: false), "fuzz"))
        {
            try
            {
                _ = ArticleSource.Read(raw, lenient: (raw.Index & 1) == 1);
            }
            catch (InputException)
            {
            }
        }
    }

    /// <summary>
    /// The archive's query language: parsed and compiled to an FTS5 expression (the words analysed as the archive
    /// indexes them), or a <see cref="QuerySyntaxException"/>.
    /// </summary>
    public static void Query(byte[] bytes)
    {
        string query = Encoding.UTF8.GetString(bytes);
        try
        {
            _ = new QueryCompiler().Compile(query);
        }
        catch (QuerySyntaxException)
        {
        }
    }

    /// <summary>
    /// The whole chain on arbitrary bytes: the first byte picks the format (text, JSON, HTML), the rest is the
    /// article; read (or an <see cref="InputException"/>), analysed at the full level, written as a JSON record that
    /// parses back.
    /// </summary>
    public static void Analyze(byte[] bytes)
    {
        if (bytes.Length == 0)
        {
            return;
        }
        string format = (bytes[0] % 3) switch { 0 => "text", 1 => "json", _ => "html" };
        ArticleInput input;
        try
        {
            input = ArticleSource.Read(new RawArticle(0, "fuzz", null, null, format, bytes.AsMemory(1)), lenient: (bytes[0] & 4) != 0);
        }
        catch (InputException)
        {
            return;
        }
        var doc = FullAnalyzer.Value.Analyze(input);
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, DocumentJsonWriter.Options(indented: false)))
        {
            DocumentJsonWriter.Write(writer, doc);
        }
        try
        {
            using var parsed = JsonDocument.Parse(buffer.WrittenMemory);
        }
        catch (JsonException e)
        {
            throw new FuzzInvariantException($"the record is not valid JSON: {e.Message}");
        }
    }

    private static void ReadOnly(byte[] bytes, string format)
    {
        for (int pass = 0; pass < 2; pass++)
        {
            try
            {
                _ = ArticleSource.Read(new RawArticle(0, "fuzz", null, null, format, bytes), lenient: pass == 1);
            }
            catch (InputException)
            {
            }
        }
    }

    private static string Escape(string s) => string.Concat(s.Select(c => c < 0x20 || c > 0x7E ? $"\\u{(int)c:X4}" : c.ToString()));
}
