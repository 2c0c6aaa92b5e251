using System.CommandLine;
using System.Text;
using System.Text.Json;
using Dabir.Archive;
using Dabir.Events;

namespace Dabir.Cli.Commands.Archive;

/// <summary>
/// <c>dabir export --store FILE --format jsonl|plover|gdelt</c>: the current version of every record, one JSON line
/// each, as stored; or the stored events of current documents through the writers of <c>dabir events</c>
/// (PLOVER 0.8 JSON lines, GDELT 1.0 tab-separated rows).
/// </summary>
internal static class ExportCommand
{
    // Events are read from the store a page at a time (memory stays flat whatever the archive's size).
    private const int EventPage = 5000;

    public static Command Create()
    {
        var store = ArchiveCli.StoreOption();
        var format = new Option<string>("--format", "-f") { Description = "jsonl (the records), plover (PLOVER 0.8 events, JSON lines) or gdelt (GDELT 1.0 event rows, tab-separated).", DefaultValueFactory = _ => "jsonl" };
        format.AcceptOnlyFromAmong("jsonl", "plover", "gdelt");
        var output = new Option<string?>("--output", "-o") { Description = "Output file; standard output when omitted." };
        var command = new Command("export", "Write the archive's records (current versions) as JSON lines, or its events as PLOVER or GDELT.") { store, format, output };
        command.SetAction(parse =>
        {
            string path = parse.GetValue(store)!;
            return ArchiveCli.Guard(path, () =>
            {
                using var archive = ArchiveCli.OpenStore(path, readOnly: true);
                var output1 = parse.GetValue(output);
                using var stream = output1 is null or "-" ? Console.OpenStandardOutput() : new FileStream(output1, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
                string f = parse.GetValue(format)!;
                if (f == "jsonl")
                {
                    foreach (var doc in archive.Export())
                    {
                        stream.Write(doc.Record.Span);
                        stream.WriteByte((byte)'\n');
                    }
                }
                else
                {
                    WriteEvents(archive, stream, f);
                }
                stream.Flush();
                return ExitCodes.Ok;
            });
        });
        return command;
    }

    /// <summary>Every stored event of the current documents (newest document first), as <c>dabir events</c> writes them.</summary>
    internal static void WriteEvents(IArchiveStore archive, Stream stream, string format)
    {
        using var text = new StreamWriter(stream, new UTF8Encoding(false), 1 << 16, leaveOpen: true) { NewLine = "\n" };
        using var buffer = new MemoryStream();
        using var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        long gdeltId = 1;
        string? document = null;
        int inDocument = 0;
        for (int offset = 0; ; offset += EventPage)
        {
            var page = archive.Events(new EventQuery { Limit = EventPage, Offset = offset });
            foreach (var stored in page)
            {
                // A document's events come together and in record order: the same ids as `dabir events`.
                inDocument = stored.DocumentId == document ? inDocument + 1 : 1;
                document = stored.DocumentId;
                using var parsed = JsonDocument.Parse(stored.Json);
                var ev = PoliticalEvent.FromJson(parsed.RootElement);
                if (format == "gdelt")
                {
                    EventFormats.WriteGdelt(text, gdeltId, stored.Url, stored.Published, ev);
                    gdeltId += Math.Max(1, ev.Recipients.Count);
                    continue;
                }
                buffer.SetLength(0);
                json.Reset();
                EventFormats.WritePlover(json, $"{stored.DocumentId}-E{inDocument:D2}", stored.Url, stored.Published, ev);
                json.Flush();
                text.WriteLine(Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length));
            }
            if (page.Count < EventPage)
            {
                break;
            }
        }
        text.Flush();
    }
}
