using Dabir.Fuzz;
using SharpFuzz;

// dotnet Dabir.Fuzz.dll TARGET           run under afl-fuzz (fuzz/run.sh), reading inputs from AFL++
// dotnet Dabir.Fuzz.dll TARGET FILE...   run the target once on each file (to reproduce a crash; use the build
//                                        tree's copy: instrumented assemblies only run under afl-fuzz)
if (args.Length == 0 || !FuzzTargets.All.TryGetValue(args[0], out var target))
{
    Console.Error.WriteLine($"usage: Dabir.Fuzz TARGET [FILE...]; targets: {string.Join(", ", FuzzTargets.All.Keys)}");
    return 1;
}
if (args.Length > 1)
{
    foreach (string file in args[1..])
    {
        target(File.ReadAllBytes(file));
        Console.WriteLine($"{file}: ok");
    }
    return 0;
}
Fuzzer.OutOfProcess.Run(stream =>
{
    using var copy = new MemoryStream();
    stream.CopyTo(copy);
    target(copy.ToArray());
});
return 0;
