using System.CommandLine;
using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Threading.Channels;
using Dabir.Archive;
using Dabir.Archive.Postgres;
using Dabir.Cli.Commands.Archive;
using Dabir.IO;
using Microsoft.Extensions.Logging;
using Npgsql;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;
using RabbitMQ.Client.Exceptions;

namespace Dabir.Cli.Commands.Scale;

/// <summary>
/// <c>dabir worker --queue amqp://… --store postgres://…</c>: takes articles from the work queue (manual acks, bounded
/// prefetch), runs the article pipeline, stores each document with its actors, events and near-duplicate signature in
/// one transaction, then acknowledges. Delivery is at least once and the store is idempotent on the document key, so
/// each article is stored once. An article whose analysis fails is requeued until its <c>--attempts</c>-th delivery
/// (the quorum queue's <c>x-delivery-count</c>), then published to the dead-letter queue with its reason and
/// acknowledged. A store that is unreachable (a restarting database) is retried, never counted against the article.
/// SIGTERM or Ctrl+C: stop taking messages, finish what is in hand, requeue what was prefetched, exit 0.
/// </summary>
internal static class WorkerCommand
{
    public static Command Create()
    {
        var queue = new Option<string>("--queue") { Description = "The work queue: amqp://user:password@host:port/vhost?queue=NAME (queue dabir.articles by default).", Required = true };
        var store = new Option<string>("--store", "-s") { Description = "The archive: a postgres://user:password@host:port/database URL (or an SQLite file, for one worker).", Required = true };
        var prefetch = new Option<int>("--prefetch") { Description = "Messages held unacknowledged at once (default: 4 per thread).", DefaultValueFactory = _ => 0 };
        var threads = new Option<int?>("--threads", "-j") { Description = "Analysis threads (default: all cores)." };
        var level = new Option<string>("--level", "-l") { Description = "Analysis level: structure, tokens or full (default).", DefaultValueFactory = _ => Pipelines.Levels.Full };
        level.AcceptOnlyFromAmong(Pipelines.Levels.Structure, Pipelines.Levels.Tokens, Pipelines.Levels.Full);
        var attempts = new Option<int>("--attempts") { Description = "Deliveries of an article that fails before it goes to the dead-letter queue (default 3).", DefaultValueFactory = _ => 3 };
        var command = new Command("worker", "Analyse articles from a work queue into a shared archive (RabbitMQ → PostgreSQL); runs until SIGTERM.")
        {
            queue, store, prefetch, threads, level, attempts,
        };
        command.SetAction(parse =>
        {
            int t = Math.Max(1, parse.GetValue(threads) ?? Environment.ProcessorCount);
            int p = parse.GetValue(prefetch) is > 0 and var pf ? pf : 4 * t;
            var o = new Options(parse.GetValue(queue)!, parse.GetValue(store)!, p, t, parse.GetValue(level)!, Math.Max(1, parse.GetValue(attempts)));
            WorkQueue q;
            try
            {
                q = WorkQueue.Parse(o.Queue);
            }
            catch (ArgumentException e)
            {
                return ArchiveCli.UsageError(e.Message);
            }
            return ArchiveCli.Guard(o.Store, () => Run(o, q));
        });
        return command;
    }

    private sealed record Options(string Queue, string Store, int Prefetch, int Threads, string Level, int Attempts);

    private sealed record Delivery(ulong Tag, IReadOnlyBasicProperties Properties, ReadOnlyMemory<byte> Body);

    private static int Run(Options o, WorkQueue queue)
    {
        using var logs = LoggerFactory.Create(b => b
            .AddSimpleConsole(c =>
            {
                c.SingleLine = true;
                c.TimestampFormat = "HH:mm:ss.fff ";
            })
            .AddFilter("Microsoft", LogLevel.Warning)
            .SetMinimumLevel(LogLevel.Information));
        var log = logs.CreateLogger("dabir.worker");
        using var store = ArchiveCli.OpenStore(o.Store, readOnly: false);
        using var stop = new CancellationTokenSource();
        using var term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c =>
        {
            c.Cancel = true;
            stop.Cancel();
        });
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, c =>
        {
            c.Cancel = true;
            stop.Cancel();
        });
        try
        {
            using var worker = new Worker(o, queue, store, log);
            worker.RunAsync(stop.Token).GetAwaiter().GetResult();
        }
        catch (BrokerUnreachableException e)
        {
            log.LogError("{Queue}: cannot reach the broker ({Reason})", queue.Display, e.InnerException?.Message ?? e.Message);
            return ExitCodes.InputError;
        }
        return ExitCodes.Ok;
    }

    private sealed class Worker(Options o, WorkQueue queue, IArchiveStore store, ILogger log) : IDisposable
    {
        public void Dispose() => _channelLock.Dispose();

        private readonly ArchiveAnalysis _analysis = new(o.Level);
        private readonly SemaphoreSlim _channelLock = new(1, 1);
        private readonly bool _sharedStore = store is PostgresArchiveStore;
        private IChannel _channel = null!;
        private IChannel _deadChannel = null!;
        private long _stored, _unchanged, _dead, _retried, _queueTicks, _pipelineTicks, _storeTicks;

        public async Task RunAsync(CancellationToken stop)
        {
            await using var connection = await queue.Factory($"dabir worker {Environment.MachineName}:{Environment.ProcessId}").CreateConnectionAsync(stop).ConfigureAwait(false);
            await using var channel = await connection.CreateChannelAsync(cancellationToken: stop).ConfigureAwait(false);
            await using var dead = await connection.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true), stop).ConfigureAwait(false);
            _channel = channel;
            _deadChannel = dead;
            await queue.DeclareAsync(channel, stop).ConfigureAwait(false);
            await channel.BasicQosAsync(0, (ushort)Math.Min(o.Prefetch, ushort.MaxValue), false, stop).ConfigureAwait(false);
            var work = Channel.CreateBounded<Delivery>(new BoundedChannelOptions(o.Prefetch) { SingleWriter = true });
            var consumer = new AsyncEventingBasicConsumer(channel);
            consumer.ReceivedAsync += async (_, ea) =>
                await work.Writer.WriteAsync(new Delivery(ea.DeliveryTag, ea.BasicProperties, ea.Body.ToArray())).ConfigureAwait(false);
            string tag = await channel.BasicConsumeAsync(queue.Name, autoAck: false, consumer, stop).ConfigureAwait(false);
            string storeName = store is PostgresArchiveStore ? PostgresArchiveStore.Redact(o.Store) : o.Store;
            if (log.IsEnabled(LogLevel.Information))
            {
                log.LogInformation("consuming {Queue} queue {Name} into {Store}: {Threads} thread(s), prefetch {Prefetch}, level {Level}, dead letters after {Attempts} attempts",
                    queue.Display, queue.Name, storeName, o.Threads, o.Prefetch, o.Level, o.Attempts);
            }
            var clock = Stopwatch.StartNew();
            var threads = Enumerable.Range(0, o.Threads).Select(_ => Task.Run(async () =>
            {
                while (true)
                {
                    long idle = Stopwatch.GetTimestamp();
                    bool more = !stop.IsCancellationRequested && await work.Reader.WaitToReadAsync(CancellationToken.None).ConfigureAwait(false);
                    Interlocked.Add(ref _queueTicks, Stopwatch.GetTimestamp() - idle);
                    if (!more)
                    {
                        break;
                    }
                    if (!stop.IsCancellationRequested && work.Reader.TryRead(out var d))
                    {
                        await ProcessAsync(d, stop).ConfigureAwait(false);
                    }
                }
            })).ToArray();
            using (var report = new PeriodicTimer(TimeSpan.FromSeconds(10)))
            {
                try
                {
                    while (await report.WaitForNextTickAsync(stop).ConfigureAwait(false))
                    {
                        Report(clock.Elapsed);
                    }
                }
                catch (OperationCanceledException)
                {
                    // SIGTERM: shut down below
                }
            }
            log.LogInformation("stopping: no new messages; finishing the articles in hand");
            try
            {
                await channel.BasicCancelAsync(tag, cancellationToken: CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception e) when (e is AlreadyClosedException or OperationInterruptedException)
            {
                // the broker is gone: it requeues everything unacknowledged by itself
            }
            work.Writer.TryComplete();
            await Task.WhenAll(threads).ConfigureAwait(false);
            // Prefetched but not started: back to the queue for another worker.
            int requeued = 0;
            while (work.Reader.TryRead(out var d))
            {
                await SettleAsync(d, ack: false).ConfigureAwait(false);
                requeued++;
            }
            Report(clock.Elapsed);
            if (log.IsEnabled(LogLevel.Information))
            {
                log.LogInformation("stopped: {Requeued} prefetched message(s) requeued", requeued);
            }
        }

        // Thread time: waiting on the queue for a message, in the pipeline, in the store (its transaction and retries); the rest is settling with the broker.
        private void Report(TimeSpan elapsed)
        {
            if (!log.IsEnabled(LogLevel.Information))
            {
                return;
            }
            long n = Interlocked.Read(ref _stored) + Interlocked.Read(ref _unchanged);
            double total = Math.Max(1e-9, elapsed.TotalSeconds * o.Threads);
            double share(long ticks) => 100 * Stopwatch.GetElapsedTime(0, Interlocked.Read(ref ticks)).TotalSeconds / total;
            double rate = n / Math.Max(elapsed.TotalSeconds, 1e-3);
            double queueShare = share(_queueTicks), pipelineShare = share(_pipelineTicks), storeShare = share(_storeTicks);
            log.LogInformation("{Done} articles ({Stored} stored, {Unchanged} already there), {Dead} dead-lettered, {Retried} requeued; {Rate:F1}/s; thread time: {Queue:F0}% waiting on the queue, {Pipeline:F0}% pipeline, {Store:F0}% store",
                n, _stored, _unchanged, _dead, _retried, rate, queueShare, pipelineShare, storeShare);
        }

        private async Task ProcessAsync(Delivery d, CancellationToken stop)
        {
            if (d.Properties.Timestamp.UnixTime > 0)
            {
                var waited = DateTimeOffset.UtcNow - DateTimeOffset.FromUnixTimeSeconds(d.Properties.Timestamp.UnixTime);
                Interlocked.Add(ref _queueTicks, (long)(Math.Max(0, waited.TotalSeconds) * Stopwatch.Frequency));
            }
            RawArticleMessage message;
            try
            {
                var (raw, locator, hash) = WorkQueue.Read(d.Properties, d.Body);
                message = new RawArticleMessage(raw, locator, hash);
            }
            catch (FormatException e)
            {
                await DeadLetterAsync(d, "malformed-message", e.Message, Attempts(d)).ConfigureAwait(false);
                return;
            }
            ArchiveDocument doc;
            long t0 = Stopwatch.GetTimestamp();
            try
            {
                doc = _analysis.Analyze(message.Raw);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                string reason = e is InputException ie ? ie.ReasonCode : "internal-error";
                int attempts = Attempts(d);
                if (attempts >= o.Attempts)
                {
                    await DeadLetterAsync(d, reason, $"{e.GetType().Name}: {e.Message}", attempts).ConfigureAwait(false);
                }
                else
                {
                    log.LogWarning("{Locator}: attempt {Attempt} of {Attempts} failed ({Reason}: {Message}); requeued", message.Locator, attempts, o.Attempts, reason, e.Message);
                    Interlocked.Increment(ref _retried);
                    await SettleAsync(d, ack: false).ConfigureAwait(false);
                }
                return;
            }
            Interlocked.Add(ref _pipelineTicks, Stopwatch.GetTimestamp() - t0);
            var delay = TimeSpan.FromMilliseconds(500);
            while (true)
            {
                long t1 = Stopwatch.GetTimestamp();
                try
                {
                    BatchResult result;
                    if (_sharedStore)
                    {
                        result = store.Add([new IngestItem(message.Locator, message.Hash, doc)]);
                    }
                    else
                    {
                        lock (store)
                        {
                            result = store.Add([new IngestItem(message.Locator, message.Hash, doc)]);
                        }
                    }
                    Interlocked.Add(ref _storeTicks, Stopwatch.GetTimestamp() - t1);
                    Interlocked.Add(ref result.Unchanged > 0 ? ref _unchanged : ref _stored, 1);
                    break;
                }
                catch (Exception e) when (Transient(e))
                {
                    if (stop.IsCancellationRequested)
                    {
                        log.LogWarning("{Locator}: the store is unavailable while stopping ({Message}); requeued", message.Locator, e.Message);
                        await SettleAsync(d, ack: false).ConfigureAwait(false);
                        return;
                    }
                    double seconds = delay.TotalSeconds;
                    log.LogWarning("{Locator}: the store is unavailable ({Message}); retrying in {Delay} s", message.Locator, e.Message, seconds);
                    try
                    {
                        await Task.Delay(delay, stop).ConfigureAwait(false);
                    }
                    catch (OperationCanceledException)
                    {
                        // stopping: one more try, then requeue
                    }
                    delay = TimeSpan.FromMilliseconds(Math.Min(10_000, delay.TotalMilliseconds * 2));
                }
                catch (Exception e) when (e is not OutOfMemoryException)
                {
                    int attempts = Attempts(d);
                    if (attempts >= o.Attempts)
                    {
                        await DeadLetterAsync(d, "store-error", $"{e.GetType().Name}: {e.Message}", attempts).ConfigureAwait(false);
                    }
                    else
                    {
                        log.LogWarning("{Locator}: storing failed on attempt {Attempt} ({Message}); requeued", message.Locator, attempts, e.Message);
                        await SettleAsync(d, ack: false).ConfigureAwait(false);
                    }
                    return;
                }
            }
            await SettleAsync(d, ack: true).ConfigureAwait(false);
        }

        private sealed record RawArticleMessage(News.Readers.RawArticle Raw, string Locator, string Hash);

        // A restarting or unreachable database: not the article's fault.
        private static bool Transient(Exception e) => e switch
        {
            NpgsqlException n when n.IsTransient => true,
            NpgsqlException { InnerException: System.Net.Sockets.SocketException or IOException or TimeoutException } => true,
            PostgresException p when p.SqlState.StartsWith("57P", StringComparison.Ordinal) || p.SqlState.StartsWith("08", StringComparison.Ordinal) => true,
            ArchiveStoreException { InnerException: { } inner } => Transient(inner),
            _ => false,
        };

        // This delivery's number: the quorum queue counts earlier deliveries in x-delivery-count.
        private static int Attempts(Delivery d) =>
            d.Properties.Headers is { } h && h.TryGetValue("x-delivery-count", out var v) && v is not null ? (int)Convert.ToInt64(v, System.Globalization.CultureInfo.InvariantCulture) + 1 : 1;

        private async Task DeadLetterAsync(Delivery d, string reason, string message, int attempts)
        {
            var headers = new Dictionary<string, object?>(d.Properties.Headers ?? new Dictionary<string, object?>())
            {
                [WorkQueue.ReasonHeader] = reason,
                [WorkQueue.MessageHeader] = message.Length > 2000 ? message[..2000] : message,
                [WorkQueue.AttemptsHeader] = attempts,
            };
            var props = new BasicProperties { Persistent = true, MessageId = d.Properties.MessageId, ContentType = d.Properties.ContentType, Headers = headers };
            await _channelLock.WaitAsync().ConfigureAwait(false);
            try
            {
                await _deadChannel.BasicPublishAsync("", queue.DeadName, mandatory: true, props, d.Body).ConfigureAwait(false);
            }
            finally
            {
                _channelLock.Release();
            }
            Interlocked.Increment(ref _dead);
            log.LogError("{Locator}: dead-lettered to {Dead} after {Attempts} attempt(s): {Reason}: {Message}",
                WorkQueue.Header(headers, WorkQueue.LocatorHeader) ?? d.Properties.MessageId, queue.DeadName, attempts, reason, message);
            await SettleAsync(d, ack: true).ConfigureAwait(false);
        }

        private async Task SettleAsync(Delivery d, bool ack)
        {
            await _channelLock.WaitAsync().ConfigureAwait(false);
            try
            {
                if (ack)
                {
                    await _channel.BasicAckAsync(d.Tag, false).ConfigureAwait(false);
                }
                else
                {
                    await _channel.BasicNackAsync(d.Tag, false, requeue: true).ConfigureAwait(false);
                }
            }
            catch (Exception e) when (e is AlreadyClosedException or OperationInterruptedException)
            {
                // The connection dropped: the broker requeues the message itself and the store's idempotence absorbs the redelivery.
                log.LogWarning("could not {Verb} a message ({Message}): the broker redelivers it", ack ? "acknowledge" : "requeue", e.Message);
            }
            finally
            {
                _channelLock.Release();
            }
        }
    }
}
