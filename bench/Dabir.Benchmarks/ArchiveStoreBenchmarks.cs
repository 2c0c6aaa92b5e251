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
/// The archive store's hot parts on the 746 fars-dev records analysed once at the tokens level (setup): committing
/// them into an empty store in batches of 256 (documents, FTS5 terms, LSH lookups and rows, clusters, inputs), and
/// searching a store of them with 200 queries made of the first six words of their titles (analysis of the query,
/// strict and full FTS5 expressions, BM25, cluster collapse; no snippets).
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 2, iterationCount: 8)]
public class ArchiveStoreBenchmarks
{
    private readonly List<IngestItem> _items = [];
    private readonly List<string> _queries = [];
    private string _searchPath = "";
    private string _addPath = "";
    private SqliteArchiveStore? _search;

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
            _items.Add(new IngestItem(raw.Locator, raw.Locator, ArchiveDocument.Create(doc, buffer.WrittenSpan.ToArray(), "bench")));
            if (_queries.Count < 200 && doc.Title?.Text is { Length: > 0 } title)
            {
                _queries.Add(string.Join(' ', title.Split(' ', StringSplitOptions.RemoveEmptyEntries).Take(6)));
            }
        }
        _searchPath = TempPath();
        using (var store = SqliteArchiveStore.Open(_searchPath))
        {
            store.Add(_items);
        }
        _search = SqliteArchiveStore.Open(_searchPath, readOnly: true);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _search?.Dispose();
        Delete(_searchPath);
    }

    [IterationSetup(Target = nameof(Add))]
    public void NewStore() => _addPath = TempPath();

    [IterationCleanup(Target = nameof(Add))]
    public void DropStore() => Delete(_addPath);

    [Benchmark(Description = "store.Add: 746 documents into an empty store, batches of 256")]
    public int Add()
    {
        using var store = SqliteArchiveStore.Open(_addPath);
        int added = 0;
        foreach (var batch in _items.Chunk(256))
        {
            added += store.Add(batch).Added;
        }
        return added;
    }

    [Benchmark(Description = "Search: 200 title queries over 746 documents")]
    public int Search()
    {
        int n = 0;
        foreach (var q in _queries)
        {
            n += _search!.Search(new SearchRequest { Query = q, Snippets = false }).Count;
        }
        return n;
    }

    private static string TempPath() => Path.Combine(Path.GetTempPath(), "dabir-bench-" + Guid.NewGuid().ToString("N") + ".db");

    private static void Delete(string path)
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            File.Delete(path + suffix);
        }
    }
}
