using System.Text;
using BenchmarkDotNet.Attributes;
using Dabir.Repair;
using Dabir.Repair.HalfSpace;
using Dabir.Text;

namespace Dabir.Benchmarks;

/// <summary>
/// Half-space restoration cost on PerDT training text with its half-spaces stripped (3.7 MB), one thread:
/// the restoration pass alone on lines already through the character rules (warm per-thread word cache, the
/// steady state of a long run), the same pass with a cold cache (every word type analysed once, as in the
/// first megabytes of a run), the full default <c>normalize</c>, and the model load.
/// MB/s = input UTF-8 bytes / mean time.
/// </summary>
[MemoryDiagnoser]
public class HalfSpaceBenchmarks
{
    private string _text = "";
    private AlignedTextBuilder[] _lines = [];
    private AlignedTextBuilder _output = null!;
    private HalfSpaceRestorer _restorer = null!;
    private PersianNormalizer _full = null!;

    [GlobalSetup]
    public void Setup()
    {
        _text = BenchData.PerdtTrain(stripHalfSpaces: true);
        var characterRules = new PersianNormalizer(NormalizerOptions.Default with { JoinSpacedAffixes = false, RestoreHalfSpaces = false });
        _lines = characterRules.Normalize(_text).Split('\n').Select(line =>
        {
            var builder = new AlignedTextBuilder(line.Length + 16, trackAlignment: false);
            builder.AppendSource(line, 0);
            return builder;
        }).ToArray();
        _output = new AlignedTextBuilder(4096, trackAlignment: false);
        _restorer = EmbeddedHalfSpaceModel.Restorer(insert: true, merge: true, hamza: false);
        _full = new PersianNormalizer();
        Console.WriteLine($"// input: {Encoding.UTF8.GetByteCount(_text) / 1e6:F2} MB UTF-8, {_lines.Length:N0} lines");
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _output.Dispose();
        foreach (var line in _lines)
        {
            line.Dispose();
        }
    }

    /// <summary>The restoration pass alone, word cache warm.</summary>
    [Benchmark(Baseline = true)]
    public int RestorationPassWarm() => RunPass(_restorer);

    /// <summary>The restoration pass alone with emptied caches: every word type is analysed once.</summary>
    [Benchmark]
    public int RestorationPassColdCache()
    {
        _restorer.ClearCaches();
        return RunPass(_restorer);
    }

    /// <summary>The default normalize (character rules, spacing, restoration).</summary>
    [Benchmark]
    public int DefaultNormalize() => _full.Normalize(_text).Length;

    /// <summary>Reading the embedded model (Brotli + dictionaries + merge filters).</summary>
    [Benchmark]
    public int ModelLoad()
    {
        using var stream = typeof(EmbeddedHalfSpaceModel).Assembly.GetManifestResourceStream(EmbeddedHalfSpaceModel.ResourceName)!;
        return HalfSpaceModel.Read(stream).Words.Count;
    }

    private int RunPass(HalfSpaceRestorer restorer)
    {
        int length = 0;
        foreach (var line in _lines)
        {
            _output.Clear();
            restorer.Apply(line, _output);
            length += _output.Length;
        }
        return length;
    }
}
