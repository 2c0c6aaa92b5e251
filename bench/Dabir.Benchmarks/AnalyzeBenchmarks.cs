using System.Buffers;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Dabir.News;
using Dabir.News.Json;
using Dabir.Models;
using Dabir.News.Readers;
using Dabir.Pipeline;

namespace Dabir.Benchmarks;

/// <summary>
/// Article reading without taggers, one thread: the 746 fars-dev records (from ../shared, never copied) read
/// from their JSON lines, analysed and (for the whole path) written as document records. Articles per second
/// = 746 / mean time. <c>without half-space restoration</c> shows what the repair's restoration model costs.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 10)]
public class AnalyzeBenchmarks
{
    private readonly ArticleAnalyzer _analyzer = new();
    private readonly ArticleAnalyzer _withoutRestoration = new(new DocumentPipelineBuilder().UseRepair(RepairStage.DocumentOptions with { RestoreHalfSpaces = false }).UseArticleReading().Build());
    private readonly ArrayBufferWriter<byte> _output = new(1 << 16);
    private List<RawArticle> _records = [];

    [GlobalSetup]
    public void Setup()
    {
        string path = Path.Combine(BenchData.SharedRoot(), "data", "news", "fars-dev.jsonl");
        _records = [.. ArticleSource.FromPath(path)];
    }

    [Benchmark(Baseline = true, Description = "read + analyze (746 fars-dev records)")]
    public int Analyze() => Run(_analyzer, write: false);

    [Benchmark(Description = "read + analyze + write JSON (746 records)")]
    public int AnalyzeAndWrite() => Run(_analyzer, write: true);

    [Benchmark(Description = "read + analyze, without half-space restoration (746 records)")]
    public int AnalyzeWithoutRestoration() => Run(_withoutRestoration, write: false);

    private int Run(ArticleAnalyzer analyzer, bool write)
    {
        int paragraphs = 0;
        foreach (var raw in _records)
        {
            var doc = analyzer.Analyze(ArticleSource.Read(raw));
            paragraphs += doc.Paragraphs.Count;
            if (write)
            {
                _output.ResetWrittenCount();
                using var writer = new Utf8JsonWriter(_output, DocumentJsonWriter.Options(indented: false));
                DocumentJsonWriter.Write(writer, doc);
            }
        }
        return paragraphs;
    }
}

/// <summary>
/// The default <c>analyze</c> level, one thread: article reading, segmentation, taggers, lemmas and entity mentions
/// on the first 100 fars-dev records, built from the same stages as the CLI's pipeline. Later stages (actors,
/// events) are measured as the difference to <c>full</c>.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 2, iterationCount: 6)]
public class FullPipelineBenchmarks
{
    private readonly DocumentPipeline _structure = new DocumentPipelineBuilder().UseArticleReading().Build();
    private readonly DocumentPipeline _tokens = new DocumentPipelineBuilder().UseArticleReading().UseSegmentation().Build();
    private readonly DocumentPipeline _full = new DocumentPipelineBuilder().UseArticleReading().UseSegmentation()
        .UseTaggers().UseLemmas().UseEntityMentions().Build();
    private List<ArticleInput> _inputs = [];

    [GlobalSetup]
    public void Setup()
    {
        string path = Path.Combine(BenchData.SharedRoot(), "data", "news", "fars-dev.jsonl");
        _inputs = [.. ArticleSource.FromPath(path).Take(100).Select(ArticleSource.Read)];
        Run(_full); // model weights load outside the measurement
    }

    [Benchmark(Baseline = true, Description = "structure (100 records)")]
    public int Structure() => Run(_structure);

    [Benchmark(Description = "tokens (100 records)")]
    public int Tokens() => Run(_tokens);

    [Benchmark(Description = "full: taggers, lemmas, entities (100 records)")]
    public int Full() => Run(_full);

    private int Run(DocumentPipeline pipeline)
    {
        int layers = 0;
        foreach (var input in _inputs)
        {
            layers += pipeline.Run(ArticleFields.Create(input)).LayerTypes.Count();
        }
        return layers;
    }
}
