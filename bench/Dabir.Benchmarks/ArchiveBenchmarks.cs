using System.Buffers;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Dabir.Archive;
using Dabir.News;
using Dabir.News.Json;
using Dabir.News.Readers;
using Dabir.Pipeline;

namespace Dabir.Benchmarks;

/// <summary>
/// The archive's per-article hot parts on the 746 fars-dev records analysed once at the tokens level (setup): building
/// the archive document (term folding of every token and lemma, shingles, MinHash and LSH keys, Brotli of record and
/// source), and the fingerprint alone (shingles + MinHash band keys).
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 2, iterationCount: 8)]
public class ArchiveBenchmarks
{
    private readonly List<(NewsDocument Doc, byte[] Record)> _docs = [];
    private readonly List<ulong[]> _tokenHashes = [];

    [GlobalSetup]
    public void Setup()
    {
        var analyzer = new ArticleAnalyzer(new DocumentPipelineBuilder().UseArticleReading().UseSegmentation().UseLemmas().Build());
        foreach (var raw in ArticleSource.FromPath(Path.Combine(BenchData.SharedRoot(), "data", "news", "fars-dev.jsonl")))
        {
            var doc = analyzer.Analyze(ArticleSource.Read(raw));
            var buffer = new ArrayBufferWriter<byte>();
            using (var w = new Utf8JsonWriter(buffer, DocumentJsonWriter.Options(false)))
            {
                DocumentJsonWriter.Write(w, doc);
            }
            _docs.Add((doc, buffer.WrittenSpan.ToArray()));
            _tokenHashes.Add([.. doc.Tokens.Select(t => SearchTerms.Fold(t.Form)).OfType<string>().Select(t => MinHash.TokenHash(t))]);
        }
    }

    [Benchmark(Baseline = true, Description = "ArchiveDocument.Create (746 records)")]
    public int Create()
    {
        int n = 0;
        foreach (var (doc, record) in _docs)
        {
            n += ArchiveDocument.Create(doc, record, "bench").BodyForms.Length;
        }
        return n;
    }

    [Benchmark(Description = "shingles + MinHash band keys (746 records)")]
    public long Fingerprint()
    {
        long n = 0;
        foreach (var hashes in _tokenHashes)
        {
            n += MinHash.BandKeys(MinHash.Shingles(hashes))[0];
        }
        return n;
    }
}
