using System.Text;
using BenchmarkDotNet.Attributes;
using Dabir.Repair;

namespace Dabir.Benchmarks;

/// <summary>
/// Normalize throughput on PerDT training text with its half-spaces stripped, per core (single thread).
/// MB/s = input UTF-8 bytes / mean time. Character rules alone: letters, digits, controls, whitespace and
/// punctuation spacing, no word-level stages.
/// </summary>
[MemoryDiagnoser]
public class NormalizeBenchmarks
{
    private string _text = "";
    private PersianNormalizer _characterRules = null!;
    private PersianNormalizer _full = null!;

    [GlobalSetup]
    public void Setup()
    {
        _text = BenchData.PerdtTrain(stripHalfSpaces: true);
        _characterRules = new PersianNormalizer(NormalizerOptions.Default with { JoinSpacedAffixes = false, RestoreHalfSpaces = false });
        _full = new PersianNormalizer();
        Console.WriteLine($"// input: {Encoding.UTF8.GetByteCount(_text) / 1e6:F2} MB UTF-8, {_text.Length:N0} chars");
    }

    [Benchmark(Baseline = true)]
    public int CharacterRules() => _characterRules.Normalize(_text).Length;

    [Benchmark]
    public int DefaultNormalize() => _full.Normalize(_text).Length;

    [Benchmark]
    public int DefaultNormalizeWithAlignment() => _full.NormalizeAligned(_text).Text.Length;
}
