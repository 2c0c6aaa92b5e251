using Dabir.IO;
using System.Buffers;
using System.CommandLine;
using System.Diagnostics;
using System.IO.Hashing;
using System.Reflection;
using System.Text;
using System.Text.Json;
using Dabir.Archive;
using Dabir.News;
using Dabir.News.Batch;
using Dabir.News.Json;
using Dabir.News.Readers;
using Spectre.Console;

namespace Dabir.Cli.Commands.Archive;

/// <summary>
/// <c>dabir ingest PATH… --store FILE</c>: analyses articles on all cores and stores them in the archive, committing in
/// batches. Each batch records its inputs as done in the same transaction, so a run killed at any moment and started
/// again skips what was committed and stores nothing twice (documents are also idempotent on their key).
/// </summary>
internal static class IngestCommand
{
    public static Command Create()
    {
        var paths = new Argument<string[]>("PATH") { Description = "Articles: files (.txt, .json, .jsonl, .html) or folders of them.", Arity = ArgumentArity.OneOrMore };
        var store = ArchiveCli.StoreOption();
        var level = new Option<string>("--level", "-l") { Description = "Analysis level: structure, tokens or full (default).", DefaultValueFactory = _ => Pipelines.Levels.Full };
        level.AcceptOnlyFromAmong(Pipelines.Levels.Structure, Pipelines.Levels.Tokens, Pipelines.Levels.Full);
        var threads = new Option<int?>("--threads", "-j") { Description = "Worker threads (default: all cores)." };
        var batch = new Option<int>("--batch", "-b") { Description = "Articles per commit (default 256).", DefaultValueFactory = _ => 256 };
        var errors = new Option<string?>("--errors") { Description = "Where failed articles are reported (JSONL: locator, reason, message). Default: STORE.errors.jsonl." };
        var quiet = new Option<bool>("--quiet", "-q") { Description = "No progress and no summary." };
        var queue = new Option<string?>("--queue") { Description = "Publish the articles to a work queue (amqp://…?queue=NAME) for dabir worker instead of analysing them here." };
        var queueState = new Option<string?>("--queue-state") { Description = "With --queue: the file recording the articles the broker confirmed, so a rerun sends only the rest (default ./dabir-queue.state)." };
        var command = new Command("ingest", "Analyse articles and store them in an archive (resumable; re-ingesting adds nothing).")
        {
            paths, store, level, threads, batch, errors, quiet, queue, queueState,
        };
        command.SetAction(parse =>
        {
            if (parse.GetValue(queue) is { } queueUrl)
            {
                return Scale.QueueCli.Produce(parse.GetValue(paths)!, queueUrl, parse.GetValue(queueState), parse.GetValue(quiet));
            }
            var o = new Options(parse.GetValue(paths)!, parse.GetValue(store)!, parse.GetValue(level)!,
                Math.Max(1, parse.GetValue(threads) ?? Environment.ProcessorCount), Math.Max(1, parse.GetValue(batch)),
                parse.GetValue(errors), parse.GetValue(quiet));
            return ArchiveCli.Guard(o.Store, () => Run(o));
        });
        return command;
    }

    private sealed record Options(string[] Paths, string Store, string Level, int Threads, int Batch, string? Errors, bool Quiet);

    private static string Locator(RawArticle raw) => raw.Line is { } line ? $"{raw.Path}:{line}" : raw.Path ?? raw.Locator;

    private static string HashOf(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(XxHash128.Hash(bytes));

    /// <summary>What analysed a stored document: Dabir's version, the level and the record schema.</summary>
    internal static string AnalysisVersion(string level) =>
        $"dabir {typeof(IngestCommand).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "?"} level={level} schema={NewsDocument.SchemaId}";

    private static int Run(Options o)
    {
        foreach (var p in o.Paths)
        {
            if (!File.Exists(p) && !Directory.Exists(p))
            {
                throw new InputException(InputErrorReason.NotFound, "no such file or folder").At(p);
            }
        }
        using var store = ArchiveCli.OpenStore(o.Store, readOnly: false);
        var done = store.DoneInputs();
        var analyzer = new ArticleAnalyzer(Pipelines.ForArticles(o.Level));
        string version = AnalysisVersion(o.Level);
        string errorsPath = o.Errors ?? (Dabir.Archive.Postgres.PostgresArchiveStore.IsUrl(o.Store) ? "dabir-ingest.errors.jsonl" : o.Store + ".errors.jsonl");
        long failed = 0, added = 0, versions = 0, unchanged = 0, seen = 0;
        var failures = new SortedDictionary<string, long>(StringComparer.Ordinal);
        var storeTime = TimeSpan.Zero;
        BatchProgress last = default;

        // Rewritten by every run: failed inputs are not recorded as done, so they run and report again.
        File.Delete(errorsPath);
        using var errors = new ErrorsFileWriter(errorsPath, append: false);

        // On the workers: the analysis, the record's JSON and everything the store derives from it (terms,
        // shingles, MinHash, compression), so the one writer only commits.
        ArchiveDocument Analyze(RawArticle raw)
        {
            var doc = analyzer.Analyze(ArticleSource.Read(raw));
            var buffer = new ArrayBufferWriter<byte>(16384);
            using (var writer = new Utf8JsonWriter(buffer, DocumentJsonWriter.Options(false)))
            {
                DocumentJsonWriter.Write(writer, doc);
            }
            return ArchiveDocument.Create(doc, buffer.WrittenSpan.ToArray(), version);
        }
        // Inputs already committed with the same bytes (the previous run's work) are passed over.
        bool Done(RawArticle raw) => done.Count > 0 && done.TryGetValue(Locator(raw), out var h) && h == HashOf(raw.Bytes.Span);

        var runner = new OrderedBatchRunner<RawArticle, ArchiveDocument>((raw, _) => Analyze(raw), new BatchRunnerOptions { Workers = o.Threads });
        var pending = new List<IngestItem>(o.Batch);
        var lastCommit = Stopwatch.StartNew();
        void Commit()
        {
            if (pending.Count == 0)
            {
                return;
            }
            long t0 = Stopwatch.GetTimestamp();
            var r = store.Add(pending);
            storeTime += Stopwatch.GetElapsedTime(t0);
            added += r.Added;
            versions += r.NewVersions;
            unchanged += r.Unchanged;
            pending.Clear();
            lastCommit.Restart();
        }

        // Ctrl+C commits what is analysed and stops (run again to go on); a second Ctrl+C ends the process at once.
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
            var results = runner.RunAsync(o.Paths.SelectMany(p => ArticleSource.FromPath(p)), Done, new Tracking(progress, p => last = p), interrupt.Token);
            var e = results.GetAsyncEnumerator();
            try
            {
                while (e.MoveNextAsync().AsTask().GetAwaiter().GetResult())
                {
                    var r = e.Current;
                    seen++;
                    string locator = Locator(r.Item);
                    if (r.Succeeded)
                    {
                        pending.Add(new IngestItem(locator, HashOf(r.Item.Bytes.Span), r.Value!));
                        // Commit by size, or every few seconds so a slow run still checkpoints its work.
                        if (pending.Count >= o.Batch || lastCommit.Elapsed > TimeSpan.FromSeconds(5))
                        {
                            Commit();
                        }
                        continue;
                    }
                    failed++;
                    failures[r.Error.Reason] = failures.GetValueOrDefault(r.Error.Reason) + 1;
                    errors.Write(locator, r.Item.Path, r.Item.Line, r.Error.Reason, r.Error.Message);
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
            Commit();
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
                long total = Math.Max(1, CountInputs(o.Paths) - done.Count);
                var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
                console.Progress()
                    .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
                    .Start(ctx =>
                    {
                        var task = ctx.AddTask("ingest", maxValue: total);
                        Consume(new Progress(p =>
                        {
                            task.Value = Math.Min(p.Done, task.MaxValue);
                            task.Description = $"ingest: {p.Done:N0} articles, {p.Failed:N0} failed, {p.Rate:N0}/s";
                        }));
                        task.Value = task.MaxValue;
                        task.StopTask();
                    });
            }
            else
            {
                long total = CountInputs(o.Paths) - done.Count;
                var lastReport = TimeSpan.Zero;
                Consume(new Progress(p =>
                {
                    if (p.Elapsed - lastReport >= TimeSpan.FromSeconds(5))
                    {
                        lastReport = p.Elapsed;
                        Console.Error.WriteLine($"dabir ingest: {p.Done:N0} articles, {p.Failed:N0} failed, {p.Rate:N0}/s{Eta(p, total)}");
                    }
                }));
            }
        }
        finally
        {
            Console.CancelKeyPress -= OnCancel;
        }
        if (!o.Quiet)
        {
            double s = last.Elapsed.TotalSeconds;
            var summary = new StringBuilder($"dabir ingest: {seen:N0} articles in {s:F1} s ({seen / Math.Max(s, 1e-3):N0}/s on {o.Threads} thread(s)): {added:N0} added, {versions:N0} new versions, {unchanged:N0} unchanged, {failed:N0} failed; {storeTime.TotalSeconds:F1} s in store commits");
            if (last.Skipped > 0)
            {
                summary.Append($", {last.Skipped:N0} inputs already done");
            }
            if (failed > 0)
            {
                summary.Append(" (").AppendJoin(", ", failures.Select(kv => $"{kv.Key}: {kv.Value}")).Append($"); see {errorsPath}");
            }
            Console.Error.WriteLine(summary.ToString());
        }
        if (interrupted)
        {
            // Said even with --quiet: the store holds what was committed, and the same command goes on from there.
            Console.Error.WriteLine($"dabir ingest: interrupted; {o.Store} holds every article committed so far: run the same command again to go on");
            return ExitCodes.Interrupted;
        }
        return ExitCodes.Ok;
    }

    // " ETA 12:34" from the rate so far and the inputs left (skipped inputs were counted as done already).
    private static string Eta(BatchProgress p, long total)
    {
        long left = total - p.Done - p.Skipped;
        if (left <= 0 || p.Done == 0)
        {
            return "";
        }
        var eta = TimeSpan.FromSeconds(left / p.Rate);
        return $", ETA {(int)eta.TotalHours}:{eta.Minutes:00}:{eta.Seconds:00}";
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

    // Inputs to expect, for the progress bar's ETA: lines of JSONL files, one per other article file.
    private static long CountInputs(string[] paths)
    {
        long n = 0;
        foreach (var p in paths)
        {
            var files = Directory.Exists(p) ? Directory.EnumerateFiles(p, "*", SearchOption.AllDirectories).Where(f => ArticleSource.FormatOf(f) is not null) : [p];
            foreach (var f in files)
            {
                if (ArticleSource.FormatOf(f) == "jsonl")
                {
                    using var stream = File.OpenRead(f);
                    var buffer = new byte[1 << 16];
                    int read;
                    while ((read = stream.Read(buffer)) > 0)
                    {
                        n += buffer.AsSpan(0, read).Count((byte)'\n');
                    }
                }
                else
                {
                    n++;
                }
            }
        }
        return n;
    }
}
