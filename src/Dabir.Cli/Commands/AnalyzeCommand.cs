using System.Buffers;
using System.CommandLine;
using System.Diagnostics;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using Dabir.News;
using Dabir.News.Json;
using Dabir.News.Readers;
using Spectre.Console;

namespace Dabir.Cli.Commands;

/// <summary>
/// <c>dabir analyze PATH|- [--format json|jsonl] [--level structure|tokens|full]</c>: reads news articles (plain
/// text, JSON/JSONL, HTML, or a folder of them) into document records, by default with tokens tagged (UPOS,
/// lemma) and named entities. Batches run on all cores with bounded queues, keep input order,
/// report progress on standard error, write per-article failures to an errors file and never stop on one.
/// </summary>
internal static class AnalyzeCommand
{
    public static Command Create()
    {
        var input = new Argument<string>("PATH") { Description = "An article (.txt, .json, .html), a JSONL file, a folder of articles, or '-' for standard input." };
        var format = new Option<string?>("--format", "-f") { Description = "json (one indented document, or an array for a batch) or jsonl (one document per line). Default: json for one article, jsonl for a batch." };
        format.AcceptOnlyFromAmong("json", "jsonl");
        var output = new Option<string?>("--output", "-o") { Description = "Output file; standard output when omitted." };
        var errors = new Option<string?>("--errors") { Description = "Where failed articles are reported (JSONL). Default: OUTPUT.errors.jsonl, or dabir-analyze.errors.jsonl when writing to standard output." };
        var resume = new Option<bool>("--resume") { Description = "Skip articles whose id is already in the output file and append the rest (needs --output)." };
        var threads = new Option<int?>("--threads", "-j") { Description = "Worker threads (default: all cores)." };
        var quiet = new Option<bool>("--quiet", "-q") { Description = "No progress and no summary." };
        var level = new Option<string?>("--level", "-l")
        {
            Description = "How far to analyse: structure (title, lead, body, agency, dateline, dates, numbers), tokens (also sentences and tokens) or full (also UPOS, lemmas and named entities). Default: full.",
        };
        level.AcceptOnlyFromAmong(Levels.Structure, Levels.Tokens, Levels.Full);
        // Kept for scripts written before --level: the same as --level tokens.
        var segment = new Option<bool>("--segment") { Description = "Same as --level tokens.", Hidden = true };
        var actors = new Option<string?>("--actors") { Description = "A user actor dictionary (TSV, the columns of the shipped files) that extends or overrides the shipped one." };
        var command = new Command("analyze", "Read news articles: title, lead, body, agency, dateline, dates, numbers, tokens with UPOS and lemmas, and named entities, as JSON documents.")
        {
            input, format, output, errors, resume, threads, quiet, level, segment, actors,
        };
        command.SetAction(parse =>
        {
            string path = parse.GetValue(input)!;
            var options = new Options(path, parse.GetValue(format), parse.GetValue(output), parse.GetValue(errors),
                parse.GetValue(resume), Math.Max(1, parse.GetValue(threads) ?? Environment.ProcessorCount), parse.GetValue(quiet),
                parse.GetValue(level) ?? (parse.GetValue(segment) ? Levels.Tokens : Levels.Full), parse.GetValue(actors));
            return CliIO.Guard(path == "-" ? null : path, () => Run(options));
        });
        return command;
    }

    private static class Levels
    {
        public const string Structure = Pipelines.Levels.Structure;
        public const string Tokens = Pipelines.Levels.Tokens;
        public const string Full = Pipelines.Levels.Full;
    }

    private sealed record Options(string Path, string? Format, string? Output, string? Errors, bool Resume, int Threads, bool Quiet, string Level, string? Actors = null);

    private sealed record Result(RawArticle Raw, byte[]? Json, string? ErrorReason, string? ErrorMessage, string Id);

    private static int Run(Options o)
    {
        bool stdin = o.Path == "-";
        if (!stdin && !File.Exists(o.Path) && !Directory.Exists(o.Path))
        {
            throw new CliInputException($"{o.Path}: no such file or folder");
        }
        if (o.Resume && o.Output is null or "-")
        {
            Console.Error.WriteLine("dabir: error: --resume needs --output FILE (it reads what is already there)");
            return ExitCodes.Usage;
        }
        // --level structure builds neither segmenter nor taggers: that path is the issue-5 throughput figure
        // (>= 2,000 articles/s per core, docs/news.md).
        var analyzer = new ArticleAnalyzer(Pipelines.ForArticles(o.Level, o.Actors));
        bool batch = stdin ? false : ArticleSource.IsBatch(o.Path);
        IEnumerable<RawArticle> articles;
        if (stdin)
        {
            articles = ArticleSource.FromStream(Console.OpenStandardInput(), "stdin");
            batch = true; // stdin may be JSONL; a single article still gives one record
        }
        else
        {
            articles = ArticleSource.FromPath(o.Path);
        }

        if (!batch)
        {
            return RunOne(analyzer, articles.Single(), o);
        }
        return RunBatch(analyzer, articles, o);
    }

    private static int RunOne(ArticleAnalyzer analyzer, RawArticle raw, Options o)
    {
        var result = Process(analyzer, raw, indented: o.Format != "jsonl");
        if (result.Json is null)
        {
            Console.Error.WriteLine($"dabir: error: {o.Path}: {result.ErrorReason}: {result.ErrorMessage}");
            return ExitCodes.InputError;
        }
        using var stream = OpenOutput(o.Output, append: false);
        stream.Write(result.Json);
        stream.WriteByte((byte)'\n');
        return ExitCodes.Ok;
    }

    private static Result Process(ArticleAnalyzer analyzer, RawArticle raw, bool indented)
    {
        try
        {
            var input = ArticleSource.Read(raw);
            var doc = analyzer.Analyze(input);
            var buffer = new ArrayBufferWriter<byte>(8192);
            using (var writer = new Utf8JsonWriter(buffer, DocumentJsonWriter.Options(indented)))
            {
                DocumentJsonWriter.Write(writer, doc);
            }
            return new Result(raw, buffer.WrittenSpan.ToArray(), null, null, doc.Id);
        }
        catch (ArticleException e)
        {
            return new Result(raw, null, e.Reason, e.Message, raw.Id);
        }
    }

    private static Stream OpenOutput(string? path, bool append) => path is null or "-"
        ? Console.OpenStandardOutput()
        : new FileStream(path, append ? FileMode.Append : FileMode.Create, FileAccess.Write, FileShare.Read, 1 << 16);

    private static int RunBatch(ArticleAnalyzer analyzer, IEnumerable<RawArticle> articles, Options o)
    {
        string format = o.Format ?? "jsonl";
        var done = o.Resume ? ResumeState.Load(o.Output!) : null;
        string errorsPath = o.Errors ?? (o.Output is null or "-" ? "dabir-analyze.errors.jsonl" : o.Output + ".errors.jsonl");
        var stats = new Stats();
        var clock = Stopwatch.StartNew();
        bool arrayOpen = false;

        using var output = OpenOutput(o.Output, append: o.Resume);
        StreamWriter? errorWriter = null;
        void Write(Result r)
        {
            if (r.Json is not null)
            {
                if (format == "json")
                {
                    output.Write(arrayOpen ? ",\n"u8 : "[\n"u8);
                    arrayOpen = true;
                }
                output.Write(r.Json);
                if (format == "jsonl")
                {
                    output.WriteByte((byte)'\n');
                }
                stats.Ok++;
                return;
            }
            errorWriter ??= new StreamWriter(new FileStream(errorsPath, o.Resume ? FileMode.Append : FileMode.Create, FileAccess.Write, FileShare.Read), new UTF8Encoding(false));
            using (var json = new Utf8JsonWriter(errorWriter.BaseStream, DocumentJsonWriter.Options(false)))
            {
                errorWriter.Flush();
                json.WriteStartObject();
                json.WriteString("id", r.Id);
                json.WriteString("path", r.Raw.Path);
                if (r.Raw.Line is { } line)
                {
                    json.WriteNumber("line", line);
                }
                json.WriteString("reason", r.ErrorReason);
                json.WriteString("message", r.ErrorMessage);
                json.WriteEndObject();
            }
            errorWriter.BaseStream.WriteByte((byte)'\n');
            stats.Failed.AddOrUpdate(r.ErrorReason!, 1, (_, n) => n + 1);
        }

        var pending = done is null ? articles : articles.Where(a =>
        {
            if (done.Contains(a.Id))
            {
                stats.Skipped++;
                return false;
            }
            return true;
        });

        void RunPipeline(Action<long> progress)
        {
            int workers = o.Threads;
            var work = Channel.CreateBounded<(RawArticle, TaskCompletionSource<Result>)>(new BoundedChannelOptions(workers * 4) { SingleWriter = true });
            // In-flight window: bounds memory (articles read but not yet written) whatever the order of completion.
            var ordered = Channel.CreateBounded<Task<Result>>(new BoundedChannelOptions(workers * 64) { SingleWriter = true, SingleReader = true });
            var producer = Task.Run(async () =>
            {
                try
                {
                    foreach (var a in pending)
                    {
                        var tcs = new TaskCompletionSource<Result>(TaskCreationOptions.RunContinuationsAsynchronously);
                        await ordered.Writer.WriteAsync(tcs.Task).ConfigureAwait(false);
                        await work.Writer.WriteAsync((a, tcs)).ConfigureAwait(false);
                    }
                }
                finally
                {
                    work.Writer.Complete();
                    ordered.Writer.Complete();
                }
            });
            var pool = Enumerable.Range(0, workers).Select(_ => Task.Run(async () =>
            {
                await foreach (var (a, tcs) in work.Reader.ReadAllAsync().ConfigureAwait(false))
                {
                    try
                    {
                        tcs.SetResult(Process(analyzer, a, indented: false));
                    }
                    catch (Exception e) when (e is not OutOfMemoryException)
                    {
                        // An unexpected failure on one article is reported like any other and never stops the batch.
                        tcs.SetResult(new Result(a, null, "internal-error", $"{e.GetType().Name}: {e.Message}", a.Id));
                    }
                }
            })).ToArray();
            long count = 0;
            var reader = ordered.Reader;
            while (reader.WaitToReadAsync().AsTask().GetAwaiter().GetResult())
            {
                while (reader.TryRead(out var task))
                {
                    Write(task.GetAwaiter().GetResult());
                    progress(++count);
                }
            }
            producer.GetAwaiter().GetResult();
            Task.WaitAll(pool);
        }

        if (o.Quiet)
        {
            RunPipeline(_ => { });
        }
        else if (!Console.IsErrorRedirected)
        {
            var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
            console.Progress()
                .Columns(new SpinnerColumn(), new TaskDescriptionColumn(), new ElapsedTimeColumn())
                .Start(ctx =>
                {
                    var task = ctx.AddTask("analyze");
                    task.IsIndeterminate = true;
                    RunPipeline(n =>
                    {
                        if (n % 64 == 0)
                        {
                            task.Description = $"analyze: {n:N0} articles, {stats.FailedCount:N0} failed, {n / Math.Max(clock.Elapsed.TotalSeconds, 1e-3):N0}/s";
                        }
                    });
                    task.StopTask();
                });
        }
        else
        {
            var lastReport = TimeSpan.Zero;
            RunPipeline(n =>
            {
                if (clock.Elapsed - lastReport >= TimeSpan.FromSeconds(5))
                {
                    lastReport = clock.Elapsed;
                    Console.Error.WriteLine($"dabir analyze: {n:N0} articles, {stats.FailedCount:N0} failed, {n / clock.Elapsed.TotalSeconds:N0}/s");
                }
            });
        }

        if (format == "json")
        {
            output.Write(arrayOpen ? "\n]\n"u8 : "[]\n"u8);
        }
        output.Flush();
        errorWriter?.Dispose();
        if (!o.Quiet)
        {
            double seconds = clock.Elapsed.TotalSeconds;
            long total = stats.Ok + stats.FailedCount;
            var summary = new StringBuilder($"dabir analyze: {total:N0} articles in {seconds:F1} s ({total / Math.Max(seconds, 1e-3):N0}/s on {o.Threads} thread(s)): {stats.Ok:N0} ok, {stats.FailedCount:N0} failed");
            if (stats.Skipped > 0)
            {
                summary.Append($", {stats.Skipped:N0} skipped (already in the output)");
            }
            if (stats.FailedCount > 0)
            {
                summary.Append(" (").AppendJoin(", ", stats.Failed.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"{kv.Key}: {kv.Value}")).Append($"); see {errorsPath}");
            }
            Console.Error.WriteLine(summary.ToString());
        }
        return ExitCodes.Ok;
    }

    private sealed class Stats
    {
        public long Ok { get; set; }
        public long Skipped { get; set; }
        public System.Collections.Concurrent.ConcurrentDictionary<string, long> Failed { get; } = new(StringComparer.Ordinal);
        public long FailedCount => Failed.Values.Sum();
    }

    /// <summary>The ids already in an output file; a last line cut short by an interrupted run is removed.</summary>
    private static class ResumeState
    {
        public static HashSet<string> Load(string path)
        {
            var ids = new HashSet<string>(StringComparer.Ordinal);
            if (!File.Exists(path))
            {
                return ids;
            }
            long goodLength = 0;
            using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16))
            {
                long offset = 0;
                foreach (var (bytes, end) in Lines(stream))
                {
                    offset = end;
                    if (IdOf(bytes) is { } id)
                    {
                        ids.Add(id);
                        goodLength = offset;
                    }
                }
            }
            var info = new FileInfo(path);
            if (info.Length > goodLength)
            {
                using var trim = new FileStream(path, FileMode.Open, FileAccess.Write);
                trim.SetLength(goodLength);
            }
            return ids;
        }

        // Complete lines only (ending with a line feed) and the offset just past each.
        private static IEnumerable<(byte[] Bytes, long End)> Lines(Stream stream)
        {
            var buffer = new MemoryStream();
            long position = 0;
            int b;
            var reader = new BufferedStream(stream, 1 << 16);
            while ((b = reader.ReadByte()) >= 0)
            {
                position++;
                if (b == '\n')
                {
                    yield return (buffer.ToArray(), position);
                    buffer.SetLength(0);
                }
                else
                {
                    buffer.WriteByte((byte)b);
                }
            }
        }

        private static string? IdOf(byte[] line)
        {
            try
            {
                var reader = new Utf8JsonReader(line);
                if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
                {
                    return null;
                }
                string? id = null;
                while (reader.Read() && reader.CurrentDepth >= 1)
                {
                    if (reader.TokenType == JsonTokenType.PropertyName && reader.CurrentDepth == 1 && reader.ValueTextEquals("id"u8))
                    {
                        reader.Read();
                        id = reader.GetString();
                    }
                    else if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
                    {
                        reader.Skip();
                    }
                }
                // A whole object: the reader got back to depth 0 without running out of bytes.
                return reader.TokenType == JsonTokenType.EndObject && reader.CurrentDepth == 0 ? id : null;
            }
            catch (JsonException)
            {
                return null;
            }
        }
    }
}
