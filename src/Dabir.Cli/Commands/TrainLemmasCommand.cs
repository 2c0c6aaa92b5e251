using System.CommandLine;
using Dabir.Morphology;

namespace Dabir.Cli.Commands;

/// <summary><c>dabir train lemmas --data DIR --out PATH</c>: rebuilds the embedded lemma lexicon from training data.</summary>
internal static class TrainLemmasCommand
{
    public static Command Create()
    {
        var data = new Option<string>("--data") { Description = "The shared data folder (../shared/data).", DefaultValueFactory = _ => "../shared/data" };
        var output = new Option<string>("--out") { Description = "Where to write the lexicon.", DefaultValueFactory = _ => "src/Dabir.Core/Models/lemma-lexicon.bin.br" };
        var listing = new Option<string?>("--listing") { Description = "Also write the lexicon uncompressed to this file, for inspection." };
        var command = new Command("lemmas", "Build the lemma lexicon (verb stems, known words, learned forms) from training data only.")
        {
            data, output, listing,
        };
        command.SetAction(parse =>
        {
            string dataRoot = parse.GetValue(data)!;
            string outPath = parse.GetValue(output)!;
            return CliIO.Guard(dataRoot, () =>
            {
                if (!Directory.Exists(dataRoot))
                {
                    throw new Dabir.IO.InputException(Dabir.IO.InputErrorReason.NotFound, "no such directory").At(dataRoot);
                }
                using var stream = new FileStream(outPath, FileMode.Create, FileAccess.Write);
                string? listingPath = parse.GetValue(listing);
                using var listingWriter = listingPath is null ? null : new StreamWriter(listingPath);
                var summary = LemmaLexiconBuilder.Build(dataRoot, stream, listingWriter);
                Console.Error.WriteLine($"dabir: lemma lexicon: {summary.VerbStems} verb stems, {summary.Words} known words, {summary.LearnedForms} learned forms, {summary.CompressedBytes} bytes -> {outPath}");
                return ExitCodes.Ok;
            });
        });
        return command;
    }
}
