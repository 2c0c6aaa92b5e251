using BenchmarkDotNet.Attributes;
using Dabir.News;
using Dabir.News.Readers;

namespace Dabir.Benchmarks;

/// <summary>
/// Article reading without taggers: fars-dev records (from ../shared, never copied) as JSON lines read and
/// analysed one after another on one thread. Articles per second = 746 / mean time.
/// </summary>
[MemoryDiagnoser]
public class AnalyzeBenchmarks
{
    private readonly ArticleAnalyzer _analyzer = new();
    private List<RawArticle> _records = [];

    [GlobalSetup]
    public void Setup()
    {
        string path = Path.Combine(BenchData.SharedRoot(), "data", "news", "fars-dev.jsonl");
        _records = [.. ArticleSource.FromPath(path)];
    }

    [Benchmark(Description = "analyze fars-dev (746 JSON records), one thread")]
    public int AnalyzeAll()
    {
        int paragraphs = 0;
        foreach (var raw in _records)
        {
            paragraphs += _analyzer.Analyze(ArticleSource.Read(raw)).Paragraphs.Count;
        }
        return paragraphs;
    }
}
