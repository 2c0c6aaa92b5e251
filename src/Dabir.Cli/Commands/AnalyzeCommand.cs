using System.Text.Json;
using System.CommandLine;
using System.Globalization;
using System.Text;
using Dabir.IO;
using Dabir.News;
using Dabir.News.Batch;
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
        var input = new Argument<string>("PATH") { Description = "An article (.txt, .json, .html), a JSONL file, a folder of articles, or '-' for standard input." }.RejectingOptions();
        var format = new Option<string?>("--format", "-f") { Description = "json (one indented document, or an array for a batch) or jsonl (one document per line). Default: json for one article, jsonl for a batch." };
        format.AcceptOnlyFromAmong("json", "jsonl");
        var output = new Option<string?>("--output", "-o") { Description = "Output file; standard output when omitted." };
        var errors = new Option<string?>("--errors") { Description = "Where failed articles are reported (JSONL). Default: OUTPUT.errors.jsonl, or dabir-analyze.errors.jsonl when writing to standard output." };
        var resume = new Option<bool>("--resume") { Description = "Skip articles already in the output file (found by their origin: file and line) and append the rest (needs --output and the jsonl format)." };
        var threads = new Option<int?>("--threads", "-j") { Description = "Worker threads (default: all cores)." };
        threads.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int?>() is < 1)
            {
                result.AddError("--threads must be at least 1");
            }
        });
        var quiet = new Option<bool>("--quiet", "-q") { Description = "No progress and no summary." };
        var lenient = new Option<bool>("--lenient") { Description = "Replace invalid UTF-8 with U+FFFD instead of reporting the article as unreadable." };
        var maxBytes = new Option<int>("--max-article-bytes")
        {
            Description = "Largest article read, in bytes (a file, or one JSONL line); a larger one is reported as too-large and the batch goes on (16 MiB by default).",
            DefaultValueFactory = _ => ArticleSource.DefaultMaxArticleBytes,
        };
        maxBytes.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() <= 0)
            {
                r.AddError("--max-article-bytes must be a positive number of bytes");
            }
        });
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
            input, format, output, errors, resume, threads, quiet, level, segment, maxBytes, lenient, actors,
        };
        command.SetAction(parse =>
        {
            string path = parse.GetValue(input)!;
            var options = new Options(path, parse.GetValue(format), parse.GetValue(output), parse.GetValue(errors),
                parse.GetValue(resume), Math.Max(1, parse.GetValue(threads) ?? Environment.ProcessorCount), parse.GetValue(quiet),
                parse.GetValue(level) ?? (parse.GetValue(segment) ? Levels.Tokens : Levels.Full), parse.GetValue(maxBytes), parse.GetValue(lenient),
                parse.GetValue(actors));
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

    private sealed record Options(string Path, string? Format, string? Output, string? Errors, bool Resume, int Threads, bool Quiet, string Level, int MaxArticleBytes, bool Lenient, string? Actors);

    private static int Run(Options o)
    {
        bool stdin = o.Path == "-";
        if (!stdin && !File.Exists(o.Path) && !Directory.Exists(o.Path))
        {
            throw new InputException(InputErrorReason.NotFound, "no such file or folder").At(o.Path);
        }
        if (o.Resume && o.Output is null or "-")
        {
            return CliIO.UsageError("--resume needs --output FILE (it reads what is already there)");
        }
        if (o.Resume && o.Format == "json")
        {
            // A JSON array cannot be appended to: the records would land after its closing bracket.
            return CliIO.UsageError("--resume works with --format jsonl only (records are appended one per line)");
        }
        // --level structure builds neither segmenter nor taggers: that path is the issue-5 throughput figure
        // (>= 2,000 articles/s per core, docs/news.md).
        var analyzer = new ArticleAnalyzer(Pipelines.ForArticles(o.Level, o.Actors));
        if (stdin)
        {
            // Standard input may be JSONL; a single article still gives one record.
            return RunBatch(analyzer, ArticleSource.FromStream(Console.OpenStandardInput(), "stdin", o.MaxArticleBytes), o);
        }
        var articles = ArticleSource.FromPath(o.Path, o.MaxArticleBytes);
        return ArticleSource.IsBatch(o.Path) ? RunBatch(analyzer, articles, o) : RunOne(analyzer, articles.Single(), o);
    }

    /// <summary>
    /// The work on one article: read, analyse, write its JSON record. Kept to this one function so that the
    /// analysis can be swapped (the document pipeline) without touching the batch machinery.
    /// </summary>
    private static ChunkedBuffer AnalyzeOne(ArticleAnalyzer analyzer, RawArticle raw, bool indented, bool lenient)
    {
        var input = ArticleSource.Read(raw, lenient);
        if (input.IsEmpty)
        {
            throw new InputException(InputErrorReason.Empty, "empty article: no text to analyse");
        }
        var doc = analyzer.Analyze(input);
        // Chunks, not one growing array: the record of a long article is many times its size (docs/performance.md).
        var buffer = new ChunkedBuffer();
        using (var writer = new Utf8JsonWriter(buffer, DocumentJsonWriter.Options(indented)))
        {
            DocumentJsonWriter.Write(writer, doc);
        }
        return buffer;
    }

    // One article: an input error is exit code 2 (CliIO.Guard) with the message naming the file; an empty article
    // gives empty output (as every command: empty in, empty out), with a note on standard error.
    private static int RunOne(ArticleAnalyzer analyzer, RawArticle raw, Options o)
    {
        ChunkedBuffer json;
        try
        {
            json = AnalyzeOne(analyzer, raw, indented: o.Format != "jsonl", o.Lenient);
        }
        catch (InputException e) when (e.Reason == InputErrorReason.Empty)
        {
            using (OpenOutput(o.Output, append: false))
            {
                Console.Error.WriteLine($"dabir: note: {o.Path}: empty article, no record written");
            }
            return ExitCodes.Ok;
        }
        using var stream = OpenOutput(o.Output, append: false);
        json.WriteTo(stream);
        stream.WriteByte((byte)'\n');
        return ExitCodes.Ok;
    }

    private static OutputStream OpenOutput(string? path, bool append) => OutputStream.Open(path, append);

    private static int RunBatch(ArticleAnalyzer analyzer, IEnumerable<RawArticle> articles, Options o)
    {
        string format = o.Format ?? "jsonl";
        var done = o.Resume ? ResumeState.Load(o.Output!, ResumeState.DocumentOriginKey) : null;
        string errorsPath = o.Errors ?? (o.Output is null or "-" ? "dabir-analyze.errors.jsonl" : o.Output + ".errors.jsonl");
        var failedByReason = new SortedDictionary<string, long>(StringComparer.Ordinal);
        long ok = 0;
        bool arrayOpen = false;
        BatchProgress last = default;

        using var output = OpenOutput(o.Output, append: o.Resume);
        // Rewritten by every run, --resume included: the articles that failed are not in the output, so they run again
        // and report again (appending doubled the file); a stale file from an earlier run is removed.
        File.Delete(errorsPath);
        using var errors = new ErrorsFileWriter(errorsPath, append: false);
        var runner = new OrderedBatchRunner<RawArticle, ChunkedBuffer>((raw, _) => AnalyzeOne(analyzer, raw, indented: false, o.Lenient), new BatchRunnerOptions { Workers = o.Threads });

        // Ctrl+C stops the run after the records already written (whole lines: --resume goes on from there);
        // a second Ctrl+C ends the process at once.
        using var interrupt = new CancellationTokenSource();
        void OnCancel(object? sender, ConsoleCancelEventArgs e)
        {
            if (!interrupt.IsCancellationRequested)
            {
                e.Cancel = true;
                interrupt.Cancel();
            }
        }
        bool interrupted = false;

        void Consume(IProgress<BatchProgress> progress)
        {
            var results = runner.RunAsync(articles, done is null ? null : a => done.Contains(a.ResumeKey), new Tracking(progress, p => last = p), interrupt.Token);
            var e = results.GetAsyncEnumerator();
            try
            {
                while (e.MoveNextAsync().AsTask().GetAwaiter().GetResult())
                {
                    var r = e.Current;
                    if (r.Succeeded)
                    {
                        if (format == "json")
                        {
                            output.Write(arrayOpen ? ",\n"u8 : "[\n"u8);
                            arrayOpen = true;
                        }
                        r.Value!.WriteTo(output);
                        if (format == "jsonl")
                        {
                            output.WriteByte((byte)'\n');
                        }
                        ok++;
                        continue;
                    }
                    errors.Write(r.Item.Locator, r.Item.Path, r.Item.Line, r.Error.Reason, r.Error.Message);
                    failedByReason[r.Error.Reason] = failedByReason.GetValueOrDefault(r.Error.Reason) + 1;
                }
            }
            catch (OperationCanceledException) when (interrupt.IsCancellationRequested)
            {
                interrupted = true;
            }
            finally
            {
                e.DisposeAsync().AsTask().GetAwaiter().GetResult();
            }
        }

        Console.CancelKeyPress += OnCancel;
        try
        {

            if (o.Quiet)
            {
                Consume(new Progress(_ => { }));
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
                        Consume(new Progress(p => task.Description = $"analyze: {p.Done:N0} articles, {p.Failed:N0} failed, {p.Rate:N0}/s"));
                        task.StopTask();
                    });
            }
            else
            {
                var lastReport = TimeSpan.Zero;
                Consume(new Progress(p =>
                {
                    if (p.Elapsed - lastReport >= TimeSpan.FromSeconds(5))
                    {
                        lastReport = p.Elapsed;
                        Console.Error.WriteLine($"dabir analyze: {p.Done:N0} articles, {p.Failed:N0} failed, {p.Done / p.Elapsed.TotalSeconds:N0}/s");
                    }
                }));
            }
        }
        finally
        {
            Console.CancelKeyPress -= OnCancel;
        }

        if (format == "json")
        {
            output.Write(arrayOpen ? "\n]\n"u8 : "[]\n"u8);
        }
        output.Flush();
        if (!o.Quiet)
        {
            double seconds = last.Elapsed.TotalSeconds;
            long failed = failedByReason.Values.Sum();
            long total = ok + failed;
            var summary = new StringBuilder($"dabir analyze: {total:N0} articles in {seconds:F1} s ({total / Math.Max(seconds, 1e-3):N0}/s on {o.Threads} thread(s)): {ok:N0} ok, {failed:N0} failed");
            if (last.Skipped > 0)
            {
                summary.Append(CultureInfo.InvariantCulture, $", {last.Skipped:N0} skipped (already in the output)");
            }
            if (failed > 0)
            {
                summary.Append(" (").AppendJoin(", ", failedByReason.Select(kv => $"{kv.Key}: {kv.Value}")).Append($"); see {errorsPath}");
            }
            Console.Error.WriteLine(summary.ToString());
        }
        if (interrupted)
        {
            // Said even with --quiet: the output is incomplete.
            Console.Error.WriteLine(o.Output is null or "-"
                ? "dabir analyze: interrupted; the output holds whole records only"
                : $"dabir analyze: interrupted; {o.Output} holds whole records only: run again with --resume to go on");
            return ExitCodes.Interrupted;
        }
        return ExitCodes.Ok;
    }

    // Progress straight on the consumer's thread (Progress<T> would post to the thread pool, out of order).
    private sealed class Progress(Action<BatchProgress> report) : IProgress<BatchProgress>
    {
        public void Report(BatchProgress value) => report(value);
    }

    // Keeps the last report for the summary and passes every report on.
    private sealed class Tracking(IProgress<BatchProgress> inner, Action<BatchProgress> keep) : IProgress<BatchProgress>
    {
        public void Report(BatchProgress value)
        {
            keep(value);
            inner.Report(value);
        }
    }
}
