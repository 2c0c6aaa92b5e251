using BenchmarkDotNet.Attributes;
using Dabir.Morphology;
using Dabir.Repair;
using Dabir.Segmentation;

namespace Dabir.Benchmarks;

/// <summary>
/// Segmentation and lemmatization throughput per core (single thread). Tokenize: PerDT training text
/// (26,196 sentences, 446,065 tokens; tokens/s = token count / mean time); Segment: the whole chain
/// (repair with alignment, tokens, sentences, clitic splits) on the same text one line at a time; Lemmatize:
/// the 25,147 gold words of PerDT dev. Run:
/// <c>dotnet run -c Release --project bench/Dabir.Benchmarks -- --filter '*Segmentation*'</c>.
/// </summary>
[MemoryDiagnoser]
public class SegmentationBenchmarks
{
    private string _text = "";
    private string[] _lines = [];
    private string[] _words = [];
    private readonly List<Token> _tokens = new(1 << 20);
    private readonly List<int> _ends = new(1 << 16);
    private Segmenter _segmenter = null!;

    [GlobalSetup]
    public void Setup()
    {
        _text = BenchData.PerdtTrain(stripHalfSpaces: false);
        _lines = _text.Split('\n');
        _segmenter = new Segmenter(new PersianNormalizer());
        var words = new List<string>();
        foreach (var line in File.ReadLines(Path.Combine(BenchData.SharedRoot(), "data", "treebanks", "fa_perdt-ud-dev.conllu")))
        {
            var columns = line.Split('\t');
            if (columns.Length == 10 && !columns[0].Contains('-') && !columns[0].Contains('.'))
            {
                words.Add(columns[1]);
            }
        }
        _words = [.. words];
        _ = Lemmatizer.Default.Lemmatize("کتاب‌ها");
        Console.WriteLine($"// tokens: {Tokenize()}, words: {_words.Length}, segmented tokens: {Segment()}");
    }

    /// <summary>Tokens and sentence ends of the whole text.</summary>
    [Benchmark]
    public int Tokenize()
    {
        _tokens.Clear();
        _ends.Clear();
        Tokenizer.Tokenize(_text, _tokens);
        SentenceSplitter.Split(_text, System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_tokens), _ends);
        return _tokens.Count;
    }

    /// <summary>Repair, tokens, sentences and clitic splits, line by line (what <c>dabir tokenize</c> does).</summary>
    [Benchmark]
    public int Segment()
    {
        int n = 0;
        foreach (var line in _lines)
        {
            n += _segmenter.Segment(line).Tokens.Count;
        }
        return n;
    }

    /// <summary>Lemmas of the PerDT dev words.</summary>
    [Benchmark]
    public int Lemmatize()
    {
        int n = 0;
        var lemmatizer = Lemmatizer.Default;
        foreach (var word in _words)
        {
            n += lemmatizer.Lemmatize(word).Length;
        }
        return n;
    }
}
