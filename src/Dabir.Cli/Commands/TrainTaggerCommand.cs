using System.CommandLine;
using System.Diagnostics;
using Dabir.Models;
using Dabir.Models.Tagging;
using Dabir.Models.Training;

namespace Dabir.Cli.Commands;

/// <summary><c>dabir train pos|ner --data DIR --out PATH</c>: trains a tagger from the shared corpora.
/// Exposed as factories so that any <c>train</c> parent command can host them.</summary>
internal static class TrainTaggerCommand
{
    /// <summary>The <c>pos</c> subcommand.</summary>
    public static Command CreatePos() => Create("pos", "Train the UPOS tagger (Bijankhan, iPerUDT, PerDT dev, Seraji dev).", pos: true);

    /// <summary>The <c>ner</c> subcommand.</summary>
    public static Command CreateNer() => Create("ner", "Train the named-entity tagger (PEYMA, Arman, ParsTwiNER).", pos: false);

    private static Command Create(string name, string description, bool pos)
    {
        var data = new Option<string>("--data") { Description = "The shared data folder (../shared/data).", DefaultValueFactory = _ => "../shared/data" };
        var output = new Option<string?>("--out", "-o") { Description = "Where to write the model (.bin.br)." };
        var epochs = new Option<int>("--epochs") { Description = "Training epochs.", DefaultValueFactory = _ => pos ? 6 : 8 };
        var seed = new Option<int>("--seed") { Description = "Random seed (training is deterministic for a seed).", DefaultValueFactory = _ => 17 };
        var permissive = new Option<bool>("--permissive") { Description = "Use permissively licensed training data only." };
        var crossValidate = new Option<int>("--cv") { Description = "pos: report K-fold cross-validated UPOS on PerDT dev and Seraji dev (no model written unless --out)." };
        var evaluate = new Option<bool>("--eval") { Description = "ner: after training, score PEYMA dev, the held-out 10% of Arman train and ParsTwiNER dev." };
        var corpora = new Option<string>("--corpora") { Description = "ner: comma-separated training corpora (peyma, arman, parstwiner).", DefaultValueFactory = _ => string.Join(',', TaggerRecipes.DefaultNerCorpora) };
        var repeat = new Option<int>("--treebank-repeat") { Description = "pos: how many times the UD dev treebank sentences are repeated in training.", DefaultValueFactory = _ => TaggerRecipes.DefaultTreebankRepeat };
        var minCount = new Option<int>("--min-count") { Description = "Drop features seen fewer times than this in the training data.", DefaultValueFactory = _ => 2 };
        var runs = new Option<int>("--runs") { Description = "Training runs (seeds SEED, SEED+1, ...) whose averaged weights are summed into one model.", DefaultValueFactory = _ => 1 };
        var command = new Command(name, description) { data, output, epochs, seed, permissive, minCount, runs };
        var nerModel = new Option<string?>("--ner-model") { Description = "pos: the NER model whose tags the UPOS model reads (a file from 'dabir train ner'); the embedded one when omitted." };
        if (pos)
        {
            command.Options.Add(crossValidate);
            command.Options.Add(repeat);
            command.Options.Add(nerModel);
        }
        else
        {
            command.Options.Add(evaluate);
            command.Options.Add(corpora);
        }
        command.SetAction(parse =>
        {
            string dataDir = parse.GetValue(data)!;
            if (!Directory.Exists(dataDir))
            {
                Console.Error.WriteLine($"dabir: error: {dataDir}: no such data folder");
                return ExitCodes.InputError;
            }
            var options = new TrainerOptions { Epochs = parse.GetValue(epochs), Seed = parse.GetValue(seed), MinFeatureCount = parse.GetValue(minCount), Runs = Math.Max(1, parse.GetValue(runs)) };
            string? outPath = parse.GetValue(output);
            bool onlyPermissive = parse.GetValue(permissive);
            var clock = Stopwatch.StartNew();
            void Log(string message) => Console.Error.WriteLine($"[{clock.Elapsed.TotalSeconds,6:F1}s] {message}");
            NerTagger? EntityTagger() => pos && parse.GetValue(nerModel) is { } path ? NerTagger.Load(path) : null;
            if (pos && parse.GetValue(crossValidate) is > 1 and var folds)
            {
                Console.Out.Write(TaggerRecipes.CrossValidatePos(dataDir, onlyPermissive, folds, options, Log, parse.GetValue(repeat), EntityTagger()));
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
            SequenceModel model = pos
                ? TaggerRecipes.TrainPos(dataDir, onlyPermissive, options, Log, parse.GetValue(repeat), EntityTagger())
                : TaggerRecipes.TrainNer(dataDir, onlyPermissive, options, Log, parse.GetValue(corpora)!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
            using (var stream = File.Create(outPath))
            {
                model.Save(stream);
            }
            Log($"wrote {outPath} ({new FileInfo(outPath).Length / 1024} KiB)");
            if (!pos && parse.GetValue(evaluate))
            {
                Console.Out.Write(TaggerRecipes.EvaluateNer(model, "peyma-dev", Dabir.Models.Data.CorpusReaders.ReadNer(Path.Combine(dataDir, TaggerRecipes.PeymaDev)), 0));
                Console.Out.Write(TaggerRecipes.EvaluateNer(model, "arman-heldout", TaggerRecipes.ArmanSplit(dataDir).HeldOut, 0));
                Console.Out.Write(TaggerRecipes.EvaluateNer(model, "parstwiner-dev", Dabir.Models.Data.CorpusReaders.ReadNer(Path.Combine(dataDir, "ner", "parstwiner-dev.txt")), 0));
            }
            return ExitCodes.Ok;
        });
        return command;
    }
}
