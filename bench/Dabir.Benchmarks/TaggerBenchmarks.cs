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
    private EntityTag[][] _sentenceEntities = [];
    private string[] _xpos = [];

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
        _xpos = new string[longest];
        _ = PosTagger.Default;
        _ = NerTagger.Default;
        _ = XposTagger.For(PosConvention.PerDT);
        _sentenceEntities = [.. _sentences.Select(sentence =>
        {
            var tags = new EntityTag[sentence.Length];
            NerTagger.Default.Tag(sentence, tags);
            return tags;
        })];
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

    /// <summary>UPOS and then PerDT XPOS (decoded within the XPOS tags compatible with each word's UPOS), as
    /// <c>dabir tag</c> runs them.</summary>
    /// <summary>UPOS given the sentence's entity tags (its cost inside the tagging stage, where NER runs anyway).</summary>
    [Benchmark]
    public int PosTagGivenEntitiesPerdtDev()
    {
        int n = 0;
        for (int s = 0; s < _sentences.Length; s++)
        {
            PosTagger.Default.Tag(_sentences[s], _pos, PosConvention.PerDT, _sentenceEntities[s]);
            n += (int)_pos[0];
        }
        return n;
    }

    /// <summary>UPOS and NER together as the tagging stage runs them (one token preparation).</summary>
    [Benchmark]
    public int PosAndNerTagPerdtDev()
    {
        int n = 0;
        foreach (var sentence in _sentences)
        {
            PosTagger.Default.TagWithEntities(sentence, _pos, _entities, PosConvention.PerDT, NerTagger.Default);
            n += (int)_pos[0] + (int)_entities[0].Label;
        }
        return n;
    }

    [Benchmark]
    public int PosAndXposTagPerdtDev()
    {
        int n = 0;
        var xpos = XposTagger.For(PosConvention.PerDT);
        foreach (var sentence in _sentences)
        {
            var pos = _pos.AsSpan(0, sentence.Length);
            PosTagger.Default.Tag(sentence, pos, PosConvention.PerDT);
            xpos.Tag(sentence, pos, _xpos);
            n += _xpos[0].Length;
        }
        return n;
    }

    /// <summary>Loading the embedded PerDT XPOS model, JIT warm.</summary>
    [Benchmark]
    public int LoadXposModel()
    {
        using var stream = typeof(XposTagger).Assembly.GetManifestResourceStream("Dabir.Models.xpos-perdt.bin.br")!;
        return XposTagger.Load(stream).Tags.Count;
    }

    /// <summary>Loading the embedded UPOS model (decompress, parse, build the lookup tables), JIT warm.</summary>
    [Benchmark]
    public int LoadPosModel() => Dabir.Models.Tagging.SequenceModel.LoadEmbedded("upos").FeatureCount;

    /// <summary>Loading the embedded NER model, JIT warm.</summary>
    [Benchmark]
    public int LoadNerModel() => Dabir.Models.Tagging.SequenceModel.LoadEmbedded("ner").FeatureCount;

    /// <summary>Token preparation alone (folding, lexicon, clusters, gazetteer phrases), shared by NER and UPOS.</summary>
    [Benchmark]
    public int PrepareTokensPerdtDev()
    {
        int n = 0;
        var scratch = new Dabir.Models.Features.FeatureExtractor.Scratch();
        var extractor = PosTagger.Default.Model.Extractor;
        foreach (var sentence in _sentences)
        {
            extractor.Prepare(sentence, scratch, 19);
            n += (int)scratch.Tokens[0].Gazetteer;
        }
        return n;
    }

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
