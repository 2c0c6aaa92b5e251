using Dabir.IO;
using System.CommandLine;
using System.Text;
using System.Text.Json;
using Dabir.Events;
using Dabir.News;
using Dabir.News.Readers;

namespace Dabir.Cli.Commands;

/// <summary>
/// <c>dabir events PATH… [--format jsonl|plover|gdelt] [--actors FILE]</c>: reads articles like <c>analyze</c> and writes
/// only their political events: Dabir's JSON lines, PLOVER 0.8 records, or GDELT 1.0 event rows (tab-separated).
/// </summary>
internal static class EventsCommand
{
    public static Command Create()
    {
        var inputs = new Argument<string[]>("PATH") { Description = "Articles (.txt, .json, .html), JSONL files or folders.", Arity = ArgumentArity.OneOrMore };
        var format = new Option<string>("--format", "-f") { Description = "jsonl (Dabir's event objects), plover (PLOVER 0.8 JSON lines) or gdelt (GDELT 1.0 event rows, tab-separated).", DefaultValueFactory = _ => "jsonl" };
        format.AcceptOnlyFromAmong("jsonl", "plover", "gdelt");
        var output = new Option<string?>("--output", "-o") { Description = "Output file; standard output when omitted." };
        var actors = new Option<string?>("--actors") { Description = "A user actor dictionary (TSV) that extends or overrides the shipped one." };
        var command = new Command("events", "Code political events (PLOVER 0.8 / CAMEO) in Persian news articles and write only the events.")
        {
            inputs, format, output, actors,
        };
        command.SetAction(parse =>
        {
            var paths = parse.GetValue(inputs)!;
            return CliIO.Guard(paths[0], () => Run(paths, parse.GetValue(format)!, parse.GetValue(output), parse.GetValue(actors)));
        });
        return command;
    }

    private static int Run(string[] paths, string format, string? output, string? actorsFile)
    {
        foreach (var path in paths)
        {
            if (!File.Exists(path) && !Directory.Exists(path))
            {
                throw new InputException(InputErrorReason.NotFound, "no such file or folder").At(path);
            }
        }
        var analyzer = new ArticleAnalyzer(Pipelines.ForArticles(Pipelines.Levels.Full, actorsFile));
        using var stream = OutputStream.Open(output);
        using var text = new StreamWriter(stream, new UTF8Encoding(false)) { NewLine = "\n" };
        long gdeltId = 1;
        int failed = 0;
        foreach (var path in paths)
        {
            foreach (var raw in ArticleSource.FromPath(path))
            {
                NewsDocument doc;
                try
                {
                    doc = analyzer.Analyze(ArticleSource.Read(raw));
                }
                catch (InputException e)
                {
                    Console.Error.WriteLine($"dabir: {raw.Locator}: {e.ReasonCode}: {e.Message}");
                    failed++;
                    continue;
                }
                var events = doc.Document?.Find<EventMentions>()?.Items ?? [];
                string? date = doc.Published?.Iso;
                for (int i = 0; i < events.Count; i++)
                {
                    var ev = events[i];
                    if (format == "gdelt")
                    {
                        EventFormats.WriteGdelt(text, gdeltId, doc.Url, date, ev);
                        gdeltId += Math.Max(1, ev.Recipients.Count);
                        continue;
                    }
                    using var buffer = new MemoryStream();
                    using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
                    {
                        if (format == "plover")
                        {
                            EventFormats.WritePlover(writer, $"{doc.Id}-E{i + 1:D2}", doc.Url, date, ev);
                        }
                        else
                        {
                            EventFormats.WriteJsonLine(writer, doc.Id, doc.Url, date, ev);
                        }
                    }
                    text.WriteLine(Encoding.UTF8.GetString(buffer.ToArray()));
                }
            }
        }
        return failed > 0 ? ExitCodes.InputError : ExitCodes.Ok;
    }
}
