using System.CommandLine;
using System.Diagnostics;
using Dabir.Models;
using Dabir.Models.Training;

namespace Dabir.Cli.Commands;

/// <summary><c>dabir train xpos --convention PerDT|Seraji --data DIR --out PATH [--cv K]</c>: trains the XPOS tagger
/// of one treebank convention (docs/models.md, "XPOS model card").</summary>
internal static class TrainXposCommand
{
    public static Command Create()
    {
        var convention = new Option<PosConvention>("--convention") { Description = "Whose XPOS tag set: PerDT or Seraji.", DefaultValueFactory = _ => PosConvention.PerDT };
        var data = new Option<string>("--data") { Description = "The shared data folder (../shared/data).", DefaultValueFactory = _ => "../shared/data" };
        var output = new Option<string?>("--out", "-o") { Description = "Where to write the model (.bin.br)." };
        var epochs = new Option<int>("--epochs") { Description = "XPOS training epochs.", DefaultValueFactory = _ => 10 };
        var uposEpochs = new Option<int>("--upos-epochs") { Description = "--cv: epochs of the per-fold UPOS models (the shipped UPOS model uses 10).", DefaultValueFactory = _ => 10 };
        var seed = new Option<int>("--seed") { Description = "Random seed (training is deterministic for a seed).", DefaultValueFactory = _ => 17 };
        var minCount = new Option<int>("--min-count") { Description = "Drop features seen fewer times than this in the training data.", DefaultValueFactory = _ => 2 };
        var repeat = new Option<int>("--treebank-repeat") { Description = "Seraji: how many times Seraji dev is repeated next to iPerUDT.", DefaultValueFactory = _ => XposRecipes.DefaultTreebankRepeat };
        var crossValidate = new Option<int>("--cv") { Description = "Report K-fold cross-validated XPOS accuracy on the convention's dev treebank (no model written unless --out)." };
        var command = new Command("xpos", "Train the XPOS tagger of a convention (PerDT: PerDT dev; Seraji: Seraji dev + iPerUDT).")
        {
            convention, data, output, epochs, uposEpochs, seed, minCount, repeat, crossValidate,
        };
        command.SetAction(parse =>
        {
            string dataDir = parse.GetValue(data)!;
            if (!Directory.Exists(dataDir))
            {
                Console.Error.WriteLine($"dabir: error: {dataDir}: no such data folder");
                return ExitCodes.InputError;
            }
            var chosen = parse.GetValue(convention);
            if (chosen is not (PosConvention.PerDT or PosConvention.Seraji))
            {
                Console.Error.WriteLine("dabir: error: --convention must be PerDT or Seraji");
                return ExitCodes.Usage;
            }
            var options = new TrainerOptions { Epochs = parse.GetValue(epochs), Seed = parse.GetValue(seed), MinFeatureCount = parse.GetValue(minCount) };
            string? outPath = parse.GetValue(output);
            var clock = Stopwatch.StartNew();
            void Log(string message) => Console.Error.WriteLine($"[{clock.Elapsed.TotalSeconds,6:F1}s] {message}");
            if (parse.GetValue(crossValidate) is > 1 and var folds)
            {
                var uposOptions = options with { Epochs = parse.GetValue(uposEpochs) };
                Console.Out.Write(XposRecipes.CrossValidate(dataDir, chosen, folds, options, uposOptions, Log, parse.GetValue(repeat)));
                if (outPath is null)
                {
                    return ExitCodes.Ok;
                }
            }
            if (outPath is null)
            {
                Console.Error.WriteLine("dabir: error: --out is required");
                return ExitCodes.Usage;
            }
            var tagger = XposRecipes.Train(dataDir, chosen, options, Log, parse.GetValue(repeat));
            using (var stream = File.Create(outPath))
            {
                tagger.Save(stream);
            }
            Log($"wrote {outPath} ({new FileInfo(outPath).Length / 1024} KiB, {tagger.Model.FeatureCount} feature rows x {tagger.Tags.Count} tags)");
            return ExitCodes.Ok;
        });
        return command;
    }
}
