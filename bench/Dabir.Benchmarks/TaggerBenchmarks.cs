using BenchmarkDotNet.Attributes;
using Dabir.Models;

namespace Dabir.Benchmarks;

/// <summary>
/// Tagger throughput per core (single thread) on gold-tokenised PerDT dev sentences (25,147 words):
/// tokens/s = 25,147 / mean time. Run: <c>dotnet run -c Release --project bench/Dabir.Benchmarks -- --filter '*Tagger*'</c>.
/// </summary>
[MemoryDiagnoser]
public class TaggerBenchmarks
{
    private string[][] _sentences = [];
    private UniversalPos[] _pos = [];
    private EntityTag[] _entities = [];

    [GlobalSetup]
    public void Setup()
    {
        var path = Path.Combine(BenchData.SharedRoot(), "data", "treebanks", "fa_perdt-ud-dev.conllu");
        var sentences = new List<string[]>();
        var current = new List<string>();
        foreach (var line in File.ReadLines(path))
        {
            if (line.Length == 0)
            {
                if (current.Count > 0)
                {
                    sentences.Add([.. current]);
                    current.Clear();
                }
                continue;
            }
            var columns = line.Split('\t');
            if (columns.Length > 3 && !line.StartsWith('#') && !columns[0].Contains('-') && !columns[0].Contains('.'))
            {
                current.Add(columns[1]);
            }
        }
        _sentences = [.. sentences];
        int longest = _sentences.Max(s => s.Length);
        _pos = new UniversalPos[longest];
        _entities = new EntityTag[longest];
        _ = PosTagger.Default;
        _ = NerTagger.Default;
        Console.WriteLine($"// {_sentences.Length} sentences, {_sentences.Sum(s => s.Length)} tokens");
    }

    [Benchmark]
    public int PosTagPerdtDev()
    {
        int n = 0;
        foreach (var sentence in _sentences)
        {
            PosTagger.Default.Tag(sentence, _pos);
            n += (int)_pos[0];
        }
        return n;
    }

    /// <summary>Loading the embedded UPOS model (decompress, parse, build the lookup tables), JIT warm.</summary>
    [Benchmark]
    public int LoadPosModel() => Dabir.Models.Tagging.SequenceModel.LoadEmbedded("upos").FeatureCount;

    /// <summary>Loading the embedded NER model, JIT warm.</summary>
    [Benchmark]
    public int LoadNerModel() => Dabir.Models.Tagging.SequenceModel.LoadEmbedded("ner").FeatureCount;

    [Benchmark]
    public int NerTagPerdtDev()
    {
        int n = 0;
        foreach (var sentence in _sentences)
        {
            NerTagger.Default.Tag(sentence, _entities);
            n += (int)_entities[0].Label;
        }
        return n;
    }
}
