using System.CommandLine;
using System.Text.Json;

namespace Dabir.Cli.Commands.Archive;

/// <summary><c>dabir dupes --store FILE</c>: the near-duplicate clusters of two or more, <c>{"members": [url or id, …]}</c> per line.</summary>
internal static class DupesCommand
{
    public static Command Create()
    {
        var store = ArchiveCli.StoreOption();
        var format = new Option<string>("--format", "-f") { Description = "jsonl (one cluster per line) or text (members tab-separated).", DefaultValueFactory = _ => "jsonl" };
        format.AcceptOnlyFromAmong("jsonl", "text");
        var output = new Option<string?>("--output", "-o") { Description = "Output file; standard output when omitted." };
        var command = new Command("dupes", "List the archive's near-duplicate clusters (reprints, cut, extended or re-spelled copies).") { store, format, output };
        command.SetAction(parse =>
        {
            string path = parse.GetValue(store)!;
            return ArchiveCli.Guard(path, () =>
            {
                using var archive = ArchiveCli.OpenStore(path, readOnly: true);
                using var writer = CliIO.OpenOutput(parse.GetValue(output));
                var options = new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
                foreach (var members in archive.Clusters())
                {
                    writer.WriteLine(parse.GetValue(format) == "text"
                        ? string.Join('\t', members)
                        : JsonSerializer.Serialize(new Dictionary<string, object> { ["members"] = members }, options));
                }
                writer.Flush();
                return ExitCodes.Ok;
            });
        });
        return command;
    }
}
