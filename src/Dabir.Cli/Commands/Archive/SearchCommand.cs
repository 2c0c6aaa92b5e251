using System.CommandLine;
using System.Text;
using System.Text.Json;
using Dabir.Archive;
using Dabir.Archive.Query;
using Spectre.Console;

namespace Dabir.Cli.Commands.Archive;

/// <summary>
/// <c>dabir search QUERY --store FILE</c>: BM25-ranked search over the archive's analysed terms, with filters, snippets
/// mapped to the source text and one hit per near-duplicate cluster; <c>--queries FILE</c> runs a batch of
/// <c>{"id","query"}</c> lines and writes <c>{"id","hits":[{"url","id","score","title"}…]}</c> lines.
/// </summary>
internal static class SearchCommand
{
    public static Command Create()
    {
        var query = new Argument<string?>("QUERY") { Description = "Words (any of them, best matches first), \"a phrase\", AND, OR, NOT or -word, prefix*, (groups).", Arity = ArgumentArity.ZeroOrOne };
        var store = ArchiveCli.StoreOption();
        var queries = new Option<string?>("--queries") { Description = "A JSONL file of {\"id\", \"query\"}: one result line per query." };
        var format = new Option<string?>("--format", "-f") { Description = "table (default for one query on a terminal), json or jsonl." };
        format.AcceptOnlyFromAmong("table", "json", "jsonl");
        var limit = new Option<int>("--limit", "-n") { Description = "Hits per query (default 10).", DefaultValueFactory = _ => 10 };
        var from = new Option<string?>("--from") { Description = "Published on or after this date (2009-06-21, 1388/03/31, ۳۱ خرداد ۱۳۸۸)." };
        var to = new Option<string?>("--to") { Description = "Published on or before this date." };
        var agency = new Option<string?>("--agency") { Description = "Agency id (fars, irna, isna …)." };
        var entity = new Option<string?>("--entity") { Description = "Articles naming this entity." };
        var actor = new Option<string?>("--actor") { Description = "Articles with this actor (id or alias; needs the actors layer)." };
        var country = new Option<string?>("--country") { Description = "Articles with an actor or event party of this country (ISO3; needs the actors layer)." };
        var ev = new Option<string?>("--event") { Description = "Articles with an event of this PLOVER type (needs the events layer)." };
        var all = new Option<bool>("--all-copies") { Description = "Show every near-duplicate instead of one hit per cluster." };
        var timings = new Option<bool>("--timings") { Description = "With --queries: print search latency (p50, p90, p99, max) on standard error." };
        var output = new Option<string?>("--output", "-o") { Description = "Output file; standard output when omitted." };
        var command = new Command("search", "Search the archive (BM25), with filters, snippets and one hit per near-duplicate cluster.")
        {
            query, store, queries, format, limit, from, to, agency, entity, actor, country, ev, all, timings, output,
        };
        command.SetAction(parse =>
        {
            string storePath = parse.GetValue(store)!;
            return ArchiveCli.Guard(storePath, () =>
            {
                DateOnly? Date(Option<string?> option)
                {
                    string? v = parse.GetValue(option);
                    return v is null ? null : ArchiveDates.ParseFilter(option.Name, v);
                }
                var template = new SearchRequest
                {
                    Query = parse.GetValue(query) ?? "",
                    Limit = Math.Max(1, parse.GetValue(limit)),
                    From = Date(from),
                    To = Date(to),
                    Agency = parse.GetValue(agency),
                    Entity = parse.GetValue(entity),
                    Actor = parse.GetValue(actor),
                    Country = parse.GetValue(country),
                    Event = parse.GetValue(ev),
                    Collapse = !parse.GetValue(all),
                };
                string? queriesPath = parse.GetValue(queries);
                if (queriesPath is null && template.Query.Length == 0)
                {
                    return ArchiveCli.UsageError("give a QUERY or --queries FILE");
                }
                using var archive = ArchiveCli.OpenStore(storePath, readOnly: true);
                using var writer = CliIO.OpenOutput(parse.GetValue(output));
                int code = queriesPath is null
                    ? One(archive, template, parse.GetValue(format) ?? (Console.IsOutputRedirected ? "jsonl" : "table"), writer)
                    : Batch(archive, template, queriesPath, writer, parse.GetValue(timings));
                writer.Flush();
                return code;
            });
        });
        return command;
    }

    private static int One(IArchiveStore archive, SearchRequest request, string format, TextWriter writer)
    {
        IReadOnlyList<SearchHit> hits;
        try
        {
            hits = archive.Search(request with { Snippets = true });
        }
        catch (QuerySyntaxException e)
        {
            Console.Error.WriteLine($"dabir: error: query: {e.Message}");
            return ExitCodes.Usage;
        }
        if (format == "table")
        {
            var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(writer) });
            var table = new Table().AddColumns("#", "score", "title / snippet", "date", "agency", "copies");
            int rank = 0;
            foreach (var h in hits)
            {
                string snippet = h.Snippet is { } s ? Markup(s) : "";
                table.AddRow((++rank).ToString(System.Globalization.CultureInfo.InvariantCulture), h.Score.ToString("F2", System.Globalization.CultureInfo.InvariantCulture),
                    $"[bold]{Spectre.Console.Markup.Escape(h.Title ?? h.Id)}[/]\n{snippet}\n[dim]{Spectre.Console.Markup.Escape(h.Url ?? h.Id)}[/]",
                    h.Published ?? "", h.Agency ?? "", h.Copies.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
            console.Write(table);
            if (hits.Count == 0)
            {
                writer.WriteLine("no match");
            }
            return ExitCodes.Ok;
        }
        var options = new JsonWriterOptions { Indented = format == "json", Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
        if (format == "json")
        {
            writer.WriteLine(Serialize(w =>
            {
                w.WriteStartArray();
                foreach (var h in hits)
                {
                    ArchiveJson.WriteHit(w, h, details: true);
                }
                w.WriteEndArray();
            }, options));
        }
        else
        {
            foreach (var h in hits)
            {
                writer.WriteLine(Serialize(w => ArchiveJson.WriteHit(w, h, details: true), options));
            }
        }
        return ExitCodes.Ok;
    }

    private static string Markup(Snippet s)
    {
        var sb = new StringBuilder();
        int at = 0;
        foreach (var (start, length) in s.Highlights)
        {
            sb.Append(Spectre.Console.Markup.Escape(s.Text[at..start])).Append("[yellow bold]").Append(Spectre.Console.Markup.Escape(s.Text.Substring(start, length))).Append("[/]");
            at = start + length;
        }
        sb.Append(Spectre.Console.Markup.Escape(s.Text[at..]));
        return sb.ToString().ReplaceLineEndings(" ");
    }

    private static string Serialize(Action<Utf8JsonWriter> write, JsonWriterOptions options)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, options))
        {
            write(w);
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static int Batch(IArchiveStore archive, SearchRequest template, string path, TextWriter writer, bool timings)
    {
        var options = new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
        int lineNumber = 0, bad = 0;
        var latencies = new List<double>();
        using var reader = new StreamReader(CliIO.OpenInput(path), new UTF8Encoding(false));
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }
            string? id = null, query = null;
            try
            {
                using var doc = JsonDocument.Parse(line);
                var root = doc.RootElement;
                if (root.ValueKind == JsonValueKind.Object)
                {
                    id = root.TryGetProperty("id", out var i) ? (i.ValueKind == JsonValueKind.String ? i.GetString() : i.GetRawText()) : null;
                    query = root.TryGetProperty("query", out var q) && q.ValueKind == JsonValueKind.String ? q.GetString() : null;
                }
            }
            catch (JsonException e)
            {
                Console.Error.WriteLine($"dabir: warning: {path}:{lineNumber}: not JSON ({e.Message}); skipped");
                bad++;
                continue;
            }
            id ??= lineNumber.ToString(System.Globalization.CultureInfo.InvariantCulture);
            IReadOnlyList<SearchHit> hits = [];
            string? error = null;
            if (query is null)
            {
                error = "no \"query\" string";
            }
            else
            {
                try
                {
                    long t0 = System.Diagnostics.Stopwatch.GetTimestamp();
                    hits = archive.Search(template with { Query = query, Snippets = false });
                    // The first query loads the analysis models (about a second): a start-up cost, not a search latency.
                    if (lineNumber > 1)
                    {
                        latencies.Add(System.Diagnostics.Stopwatch.GetElapsedTime(t0).TotalMilliseconds);
                    }
                }
                catch (QuerySyntaxException e)
                {
                    error = e.Message;
                }
            }
            if (error is not null)
            {
                Console.Error.WriteLine($"dabir: warning: {path}:{lineNumber}: query {id}: {error}");
                bad++;
            }
            writer.WriteLine(Serialize(w =>
            {
                w.WriteStartObject();
                w.WriteString("id", id);
                w.WriteStartArray("hits");
                foreach (var h in hits)
                {
                    ArchiveJson.WriteHit(w, h, details: false);
                }
                w.WriteEndArray();
                if (error is not null)
                {
                    w.WriteString("error", error);
                }
                w.WriteEndObject();
            }, options));
        }
        if (timings && latencies.Count > 0)
        {
            latencies.Sort();
            double P(double q) => latencies[Math.Min(latencies.Count - 1, (int)(q * latencies.Count))];
            Console.Error.WriteLine(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"dabir search: {latencies.Count:N0} queries, p50 {P(0.5):F2} ms, p90 {P(0.9):F2} ms, p99 {P(0.99):F2} ms, max {latencies[^1]:F2} ms"));
        }
        return ExitCodes.Ok;
    }
}
