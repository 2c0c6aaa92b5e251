namespace Dabir.Fuzz.Tests;

/// <summary>
/// CI's short fuzzing run (no AFL++ in CI): every fuzzing target on its committed seed corpus and on the minimised
/// inputs of the crashes fuzzing found, then on mutations of those inputs drawn from a fixed seed — the same inputs
/// every run, no timing. A target throwing anything but the error its API documents fails the test with the input.
/// </summary>
public sealed class CorpusReplayTests
{
    public static TheoryData<string> Targets() => new(FuzzTargets.All.Keys);

    // The full chain loads the models and analyses each input: fewer mutations there.
    private static int MutationsOf(string target) => target == "analyze" ? 60 : 400;

    [Theory]
    [MemberData(nameof(Targets))]
    public void Corpus_and_crash_inputs_pass(string target)
    {
        var inputs = Inputs(target);
        Assert.NotEmpty(inputs);
        foreach (var (name, bytes) in inputs)
        {
            Run(target, name, bytes);
        }
    }

    [Theory]
    [MemberData(nameof(Targets))]
    public void Seeded_mutations_pass(string target)
    {
        var inputs = Inputs(target);
        var random = new Random(20261203);
        for (int i = 0; i < MutationsOf(target); i++)
        {
            var (name, bytes) = inputs[random.Next(inputs.Count)];
            byte[] mutated = Mutator.Mutate(bytes, random, inputs[random.Next(inputs.Count)].Bytes);
            Run(target, $"{name} mutation {i}", mutated);
        }
    }

    private static void Run(string target, string name, byte[] bytes)
    {
        try
        {
            FuzzTargets.All[target](bytes);
        }
        catch (Exception e)
        {
            Assert.Fail($"{target} on {name} ({bytes.Length} bytes, base64 {Convert.ToBase64String(bytes.AsSpan(0, Math.Min(bytes.Length, 512)))}): {e}");
        }
    }

    private static List<(string Name, byte[] Bytes)> Inputs(string target)
    {
        var list = new List<(string, byte[])>();
        foreach (string folder in new[] { "corpus", "crashes" })
        {
            string dir = Path.Combine(AppContext.BaseDirectory, folder, target);
            if (Directory.Exists(dir))
            {
                foreach (string file in Directory.GetFiles(dir).Order(StringComparer.Ordinal))
                {
                    list.Add(($"{folder}/{target}/{Path.GetFileName(file)}", File.ReadAllBytes(file)));
                }
            }
        }
        return list;
    }
}
