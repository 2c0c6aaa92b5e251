using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Dabir.Archive;

namespace Dabir.Cli.Commands.Archive;

/// <summary><c>dabir stats --store FILE [--format text|json]</c>: documents, versions, clusters, by agency, by month, top entities, actors and event types.</summary>
internal static class StatsCommand
{
    public static Command Create()
    {
        var store = ArchiveCli.StoreOption();
        var format = new Option<string>("--format", "-f") { Description = "text or json.", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "json");
        var top = new Option<int>("--top") { Description = "How many top entities and actors (default 20).", DefaultValueFactory = _ => 20 };
        var command = new Command("stats", "What the archive holds: documents, by agency, by month, top entities, actors and event types.") { store, format, top };
        command.SetAction(parse =>
        {
            string path = parse.GetValue(store)!;
            return ArchiveCli.Guard(path, () =>
            {
                using var archive = ArchiveCli.OpenStore(path, readOnly: true);
                var s = archive.Stats(Math.Max(1, parse.GetValue(top)));
                long? bytes = ArchiveCli.StoreBytes(path);
                using var writer = CliIO.OpenOutput(null);
                if (parse.GetValue(format) == "json")
                {
                    var buffer = new System.Buffers.ArrayBufferWriter<byte>();
                    using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
                    {
                        ArchiveJson.WriteStats(json, s, bytes);
                    }
                    writer.WriteLine(System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan));
                }
                else
                {
                    var inv = CultureInfo.InvariantCulture;
                    writer.WriteLine(string.Create(inv, $"documents: {s.Documents:N0} ({s.Versions:N0} versions, {s.Inputs:N0} inputs done), store {(bytes is { } b ? $"{b / 1048576.0:F1} MB" : "on the server")}"));
                    writer.WriteLine(string.Create(inv, $"near-duplicate clusters: {s.Clusters:N0} holding {s.ClusteredDocuments:N0} documents"));
                    void Section(string title, IReadOnlyList<KeyValuePair<string, long>> pairs)
                    {
                        if (pairs.Count == 0)
                        {
                            return;
                        }
                        writer.WriteLine(title + ":");
                        foreach (var (k, v) in pairs)
                        {
                            writer.WriteLine(string.Create(inv, $"  {(k.Length == 0 ? "(none)" : k)}\t{v:N0}"));
                        }
                    }
                    Section("by agency", s.ByAgency);
                    Section("by month", s.ByMonth);
                    Section("top entities", s.TopEntities);
                    Section("top actors", s.TopActors);
                    Section("event types by month", [.. s.EventTypesByMonth.Select(p => new KeyValuePair<string, long>(p.Key.StartsWith(' ') ? "(undated)" + p.Key : p.Key, p.Value))]);
                }
                writer.Flush();
                return ExitCodes.Ok;
            });
        });
        return command;
    }
}
