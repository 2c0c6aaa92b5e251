using System.CommandLine;

namespace Dabir.Cli.Commands.Archive;

/// <summary><c>dabir export --store FILE --format jsonl</c>: the current version of every record, one JSON line each, as stored.</summary>
internal static class ExportCommand
{
    public static Command Create()
    {
        var store = ArchiveCli.StoreOption();
        var format = new Option<string>("--format", "-f") { Description = "jsonl: the records (plover and gdelt come with the events layer).", DefaultValueFactory = _ => "jsonl" };
        format.AcceptOnlyFromAmong("jsonl", "plover", "gdelt");
        var output = new Option<string?>("--output", "-o") { Description = "Output file; standard output when omitted." };
        var command = new Command("export", "Write the archive's records (current versions) as JSON lines.") { store, format, output };
        command.SetAction(parse =>
        {
            string path = parse.GetValue(store)!;
            if (parse.GetValue(format) != "jsonl")
            {
                return ArchiveCli.UsageError($"--format {parse.GetValue(format)} needs the events layer (issue 13), not in this build; use jsonl");
            }
            return ArchiveCli.Guard(path, () =>
            {
                using var archive = ArchiveCli.OpenStore(path, readOnly: true);
                var output1 = parse.GetValue(output);
                using var stream = output1 is null or "-" ? Console.OpenStandardOutput() : new FileStream(output1, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
                foreach (var doc in archive.Export())
                {
                    stream.Write(doc.Record.Span);
                    stream.WriteByte((byte)'\n');
                }
                stream.Flush();
                return ExitCodes.Ok;
            });
        });
        return command;
    }
}
