using System.CommandLine;
using System.Diagnostics;
using Dabir.Repair.HalfSpace.Training;

namespace Dabir.Cli.Commands;

/// <summary>
/// <c>dabir train zwnj --data PATH --out PATH</c>: rebuilds the half-space model (a subcommand of the
/// <c>train</c> parent, beside <c>pos</c> and <c>ner</c>). Deterministic: the same data gives the same bytes.
/// </summary>
internal static class TrainCommand
{
    public static Command CreateZwnj()
    {
        var data = new Option<string>("--data") { Description = "The shared data folder (holding orthography/, pos/, lexicons/).", DefaultValueFactory = _ => "../shared/data" };
        var output = new Option<string>("--out", "-o") { Description = "Where to write the model.", DefaultValueFactory = _ => "src/Dabir.Core/Models/zwnj.bin.br" };
        var command = new Command("zwnj", "Train the half-space (ZWNJ) restoration model from correctly written text and lexicons (never the dev files).")
        {
            data, output,
        };
        command.SetAction(parse =>
        {
            string dataPath = parse.GetValue(data)!;
            string outPath = parse.GetValue(output)!;
            if (!Directory.Exists(dataPath))
            {
                Console.Error.WriteLine($"dabir: data folder not found: {dataPath}");
                return ExitCodes.InputError;
            }
            var clock = Stopwatch.StartNew();
            using var memory = new MemoryStream();
            HalfSpaceTrainer.Train(dataPath, memory, Console.Error);
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(outPath))!);
            File.WriteAllBytes(outPath, memory.ToArray());
            Console.Error.WriteLine($"wrote {outPath} ({memory.Length:N0} bytes) in {clock.Elapsed.TotalSeconds:F1} s");
            return ExitCodes.Ok;
        });
        return command;
    }
}
