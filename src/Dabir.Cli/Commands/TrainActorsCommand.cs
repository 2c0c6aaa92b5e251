using Dabir.IO;
using System.CommandLine;
using Dabir.Events;

namespace Dabir.Cli.Commands;

/// <summary><c>dabir train actors --data DIR --out PATH</c>: compiles the actor dictionary (events/actors/*.tsv) into the embedded resource.</summary>
internal static class TrainActorsCommand
{
    public static Command Create()
    {
        var data = new Option<string>("--data") { Description = "The shared data folder (../shared/data).", DefaultValueFactory = _ => "../shared/data" };
        var extra = new Option<string?>("--extra") { Description = "Dabir's own additions (roles layout), compiled after the shared files.", DefaultValueFactory = _ => "src/Dabir.Events/Resources/actors-extra.tsv" };
        var output = new Option<string>("--out") { Description = "Where to write the compiled dictionary.", DefaultValueFactory = _ => "src/Dabir.Events/Resources/actors.bin.br" };
        var command = new Command("actors", "Compile the actor dictionary (countries, organizations, people with role spells, roles) into a Brotli resource; byte-identical for the same input.")
        {
            data, output, extra,
        };
        command.SetAction(parse =>
        {
            string dataRoot = parse.GetValue(data)!;
            string outPath = parse.GetValue(output)!;
            return CliIO.Guard(dataRoot, () =>
            {
                string folder = Path.Combine(dataRoot, "events", "actors");
                if (!Directory.Exists(folder))
                {
                    throw new InputException(InputErrorReason.NotFound, "no such directory").At(folder);
                }
                ActorDictionary dictionary;
                try
                {
                    string? extraPath = parse.GetValue(extra);
                    dictionary = extraPath is not null && File.Exists(extraPath) ? ActorDictionary.FromFolder(folder, extraPath) : ActorDictionary.FromFolder(folder);
                }
                catch (ActorDictionaryException e)
                {
                    throw new InputException(InputErrorReason.Malformed, e.Message, innerException: e);
                }
                using (var stream = new FileStream(outPath, FileMode.Create, FileAccess.Write))
                {
                    dictionary.Write(stream);
                }
                Console.Error.WriteLine($"dabir: actor dictionary: {dictionary.RowCount} rows, {dictionary.AliasCount} folded aliases, {new FileInfo(outPath).Length} bytes -> {outPath}");
                return ExitCodes.Ok;
            });
        });
        return command;
    }
}
