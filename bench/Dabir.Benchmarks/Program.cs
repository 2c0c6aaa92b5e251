using System.Diagnostics;
using System.Text;
using BenchmarkDotNet.Running;
using Dabir.Repair;

namespace Dabir.Benchmarks;

/// <summary>
/// Runs the benchmarks: <c>dotnet run -c Release --project bench/Dabir.Benchmarks -- --filter '*'</c>.
/// <c>-- quick</c> prints a fast best-of-10 figure per configuration (for iterating; publish BenchmarkDotNet's).
/// Inputs come from the shared data folder (<c>../shared/data</c> beside the repository, or <c>$DABIR_SHARED</c>).
/// </summary>
public static class Program
{
    public static void Main(string[] args)
    {
        if (args is ["quick", ..])
        {
            Quick();
            return;
        }
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
    }

    private static void Quick()
    {
        var text = BenchData.PerdtTrain(stripHalfSpaces: true);
        double mb = Encoding.UTF8.GetByteCount(text) / 1e6;
        foreach (var (name, normalizer) in new[]
        {
            ("character rules", new PersianNormalizer(NormalizerOptions.Default with { JoinSpacedAffixes = false, RestoreHalfSpaces = false })),
            ("default normalize", new PersianNormalizer()),
        })
        {
            double best = double.MaxValue;
            for (int i = 0; i < 10; i++)
            {
                var sw = Stopwatch.StartNew();
                _ = normalizer.Normalize(text);
                best = Math.Min(best, sw.Elapsed.TotalSeconds);
            }
            Console.WriteLine($"{name}: {mb / best:F1} MB/s (best of 10, {best * 1000:F1} ms for {mb:F2} MB)");
        }
    }
}
