using Dabir.IO;
using System.Buffers;
using System.CommandLine;
using System.Diagnostics;
using System.IO.Hashing;
using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using Dabir.Archive;
using Dabir.News;
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

    private sealed record Outcome(RawArticle Raw, string Locator, string InputHash, ArchiveDocument? Document, string? Reason, string? Message);

    private static string Locator(RawArticle raw) => raw.Line is { } line ? $"{raw.Path}:{line}" : raw.Path ?? raw.Locator;

    private static string HashOf(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(XxHash128.Hash(bytes));

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
        string version = $"dabir {typeof(IngestCommand).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "?"} level={o.Level} schema={NewsDocument.SchemaId}";
        string errorsPath = o.Errors ?? (Dabir.Archive.Postgres.PostgresArchiveStore.IsUrl(o.Store) ? "dabir-ingest.errors.jsonl" : o.Store + ".errors.jsonl");
        var clock = Stopwatch.StartNew();
        long skipped = 0, failed = 0, added = 0, versions = 0, unchanged = 0, seen = 0;
        var failures = new Dictionary<string, long>(StringComparer.Ordinal);
        var storeTime = TimeSpan.Zero;
        StreamWriter? errorWriter = null;

        IEnumerable<RawArticle> Pending()
        {
            foreach (var p in o.Paths)
            {
                foreach (var raw in ArticleSource.FromPath(p))
                {
                    if (done.TryGetValue(Locator(raw), out var h) && h == HashOf(raw.Bytes.Span))
                    {
                        skipped++;
                        continue;
                    }
                    yield return raw;
                }
            }
        }

        Outcome Analyze(RawArticle raw)
        {
            string locator = Locator(raw), hash = HashOf(raw.Bytes.Span);
            try
            {
                var doc = analyzer.Analyze(ArticleSource.Read(raw));
                var buffer = new ArrayBufferWriter<byte>(16384);
                using (var writer = new Utf8JsonWriter(buffer, DocumentJsonWriter.Options(false)))
                {
                    DocumentJsonWriter.Write(writer, doc);
                }
                return new Outcome(raw, locator, hash, ArchiveDocument.Create(doc, buffer.WrittenSpan.ToArray(), version), null, null);
            }
            catch (InputException e)
            {
                return new Outcome(raw, locator, hash, null, e.ReasonCode, e.Message);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // One article's unexpected failure is reported like any other and never stops the run.
                return new Outcome(raw, locator, hash, null, "internal-error", $"{e.GetType().Name}: {e.Message}");
            }
        }

        var pendingBatch = new List<IngestItem>(o.Batch);
        var lastCommit = Stopwatch.StartNew();
        void Commit()
        {
            if (pendingBatch.Count == 0)
            {
                return;
            }
            long t0 = Stopwatch.GetTimestamp();
            var r = store.Add(pendingBatch);
            storeTime += Stopwatch.GetElapsedTime(t0);
            added += r.Added;
            versions += r.NewVersions;
            unchanged += r.Unchanged;
            pendingBatch.Clear();
            lastCommit.Restart();
        }

        void Consume(Outcome outcome)
        {
            seen++;
            if (outcome.Document is { } doc)
            {
                pendingBatch.Add(new IngestItem(outcome.Locator, outcome.InputHash, doc));
                // Commit by size, or every few seconds so a slow run still checkpoints its work.
                if (pendingBatch.Count >= o.Batch || lastCommit.Elapsed > TimeSpan.FromSeconds(5))
                {
                    Commit();
                }
                return;
            }
            failed++;
            failures[outcome.Reason!] = failures.GetValueOrDefault(outcome.Reason!) + 1;
            errorWriter ??= new StreamWriter(new FileStream(errorsPath, FileMode.Create, FileAccess.Write, FileShare.Read), new UTF8Encoding(false));
            errorWriter.WriteLine(JsonSerializer.Serialize(new Dictionary<string, object?>
            {
                ["locator"] = outcome.Locator,
                ["path"] = outcome.Raw.Path,
                ["line"] = outcome.Raw.Line,
                ["reason"] = outcome.Reason,
                ["message"] = outcome.Message,
            }));
            errorWriter.Flush();
        }

        void RunAll(Action<long> progress) => BoundedOrderedRun(Pending(), o.Threads, Analyze, outcome =>
        {
            Consume(outcome);
            progress(seen);
        });

        if (o.Quiet)
        {
            RunAll(_ => { });
        }
        else if (!Console.IsErrorRedirected)
        {
            long total = CountInputs(o.Paths) - done.Count;
            var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
            console.Progress()
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
                .Start(ctx =>
                {
                    var task = ctx.AddTask("ingest", maxValue: Math.Max(1, total));
                    RunAll(n =>
                    {
                        if (n % 16 == 0)
                        {
                            task.Value = Math.Min(n, task.MaxValue);
                            task.Description = $"ingest: {n:N0} articles, {failed:N0} failed, {n / Math.Max(clock.Elapsed.TotalSeconds, 1e-3):N0}/s";
                        }
                    });
                    task.Value = task.MaxValue;
                    task.StopTask();
                });
        }
        else
        {
            var lastReport = TimeSpan.Zero;
            RunAll(n =>
            {
                if (clock.Elapsed - lastReport >= TimeSpan.FromSeconds(5))
                {
                    lastReport = clock.Elapsed;
                    Console.Error.WriteLine($"dabir ingest: {n:N0} articles, {failed:N0} failed, {n / clock.Elapsed.TotalSeconds:N0}/s");
                }
            });
        }
        Commit();
        errorWriter?.Dispose();
        if (!o.Quiet)
        {
            double s = clock.Elapsed.TotalSeconds;
            var summary = new StringBuilder($"dabir ingest: {seen:N0} articles in {s:F1} s ({seen / Math.Max(s, 1e-3):N0}/s on {o.Threads} thread(s)): {added:N0} added, {versions:N0} new versions, {unchanged:N0} unchanged, {failed:N0} failed; {storeTime.TotalSeconds:F1} s in store commits");
            if (skipped > 0)
            {
                summary.Append($", {skipped:N0} inputs already done");
            }
            if (failed > 0)
            {
                summary.Append(" (").AppendJoin(", ", failures.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"{kv.Key}: {kv.Value}")).Append($"); see {errorsPath}");
            }
            Console.Error.WriteLine(summary.ToString());
        }
        return ExitCodes.Ok;
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

    /// <summary>
    /// Runs <paramref name="work"/> over <paramref name="items"/> on <paramref name="workers"/> threads and hands the results to
    /// <paramref name="consume"/> on the calling thread in input order, with bounded queues (memory stays flat whatever
    /// the input size). The one place to swap for the shared batch runner (Dabir.News.Batch) once it is on main.
    /// </summary>
    internal static void BoundedOrderedRun<TIn, TOut>(IEnumerable<TIn> items, int workers, Func<TIn, TOut> work, Action<TOut> consume)
    {
        var queue = Channel.CreateBounded<(TIn, TaskCompletionSource<TOut>)>(new BoundedChannelOptions(workers * 4) { SingleWriter = true });
        var ordered = Channel.CreateBounded<Task<TOut>>(new BoundedChannelOptions(workers * 32) { SingleWriter = true, SingleReader = true });
        var producer = Task.Run(async () =>
        {
            try
            {
                foreach (var item in items)
                {
                    var tcs = new TaskCompletionSource<TOut>(TaskCreationOptions.RunContinuationsAsynchronously);
                    await ordered.Writer.WriteAsync(tcs.Task).ConfigureAwait(false);
                    await queue.Writer.WriteAsync((item, tcs)).ConfigureAwait(false);
                }
            }
            finally
            {
                queue.Writer.Complete();
                ordered.Writer.Complete();
            }
        });
        var pool = Enumerable.Range(0, workers).Select(_ => Task.Run(async () =>
        {
            await foreach (var (item, tcs) in queue.Reader.ReadAllAsync().ConfigureAwait(false))
            {
                try
                {
                    tcs.SetResult(work(item));
                }
                catch (Exception e)
                {
                    tcs.SetException(e);
                }
            }
        })).ToArray();
        var reader = ordered.Reader;
        while (reader.WaitToReadAsync().AsTask().GetAwaiter().GetResult())
        {
            while (reader.TryRead(out var task))
            {
                consume(task.GetAwaiter().GetResult());
            }
        }
        producer.GetAwaiter().GetResult();
        Task.WaitAll(pool);
    }
}
