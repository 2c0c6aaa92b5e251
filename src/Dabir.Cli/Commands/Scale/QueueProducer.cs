using System.Diagnostics;
using System.IO.Hashing;
using System.Text;
using Dabir.IO;
using Dabir.News.Readers;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace Dabir.Cli.Commands.Scale;

/// <summary>
/// <c>dabir ingest PATH… --queue amqp://…</c>: publishes one persistent message per article to the work queue with
/// publisher confirms. An article is recorded as sent in the state file (<c>LOCATOR TAB HASH</c> per line) only once
/// the broker has confirmed it, so a producer killed at any moment and started again sends what was not confirmed:
/// nothing is lost, and what was confirmed but not yet recorded is sent twice — the workers' writes are idempotent
/// on the document key. Articles over <see cref="WorkQueue.MaxArticleBytes"/> are refused with an error naming them
/// (they are not carried by reference: a worker on another machine cannot read the producer's files).
/// </summary>
internal static class QueueProducer
{
    // Messages awaiting their confirm at once: enough to keep the link busy, few enough to resend cheaply after a kill.
    private const int Window = 256;

    public static int Run(string[] paths, string queueUrl, string? statePath, bool quiet)
    {
        var queue = WorkQueue.Parse(queueUrl);
        foreach (var p in paths)
        {
            if (!File.Exists(p) && !Directory.Exists(p))
            {
                throw new InputException(InputErrorReason.NotFound, "no such file or folder").At(p);
            }
        }
        string state = statePath ?? "dabir-queue.state";
        var sent = ReadState(state);
        try
        {
            return RunAsync(paths, queue, state, sent, quiet).GetAwaiter().GetResult();
        }
        catch (BrokerUnreachableException e)
        {
            Console.Error.WriteLine($"dabir: error: {queue.Display}: cannot reach the broker ({e.InnerException?.Message ?? e.Message})");
            return ExitCodes.InputError;
        }
    }

    private static Dictionary<string, string> ReadState(string path)
    {
        var sent = new Dictionary<string, string>(StringComparer.Ordinal);
        if (File.Exists(path))
        {
            foreach (var line in File.ReadLines(path))
            {
                int tab = line.LastIndexOf('\t');
                if (tab > 0)
                {
                    sent[line[..tab]] = line[(tab + 1)..]; // a line cut by a kill has no tab or a short hash: it never matches
                }
            }
        }
        return sent;
    }

    private static async Task<int> RunAsync(string[] paths, WorkQueue queue, string statePath, Dictionary<string, string> sent, bool quiet)
    {
        var clock = Stopwatch.StartNew();
        await using var connection = await queue.Factory("dabir ingest").CreateConnectionAsync().ConfigureAwait(false);
        await using var channel = await connection.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true)).ConfigureAwait(false);
        await queue.DeclareAsync(channel, CancellationToken.None).ConfigureAwait(false);
        await using var stateWriter = new StreamWriter(new FileStream(statePath, FileMode.Append, FileAccess.Write, FileShare.Read), new UTF8Encoding(false));
        long published = 0, skipped = 0, refused = 0;
        var inFlight = new List<(Task Confirm, string Locator, string Hash)>(Window);

        async Task Drain()
        {
            foreach (var (confirm, locator, hash) in inFlight)
            {
                await confirm.ConfigureAwait(false); // throws when the broker nacks or returns it: the run stops, unrecorded
                await stateWriter.WriteLineAsync($"{locator}\t{hash}").ConfigureAwait(false);
            }
            await stateWriter.FlushAsync().ConfigureAwait(false);
            inFlight.Clear();
        }

        foreach (var p in paths)
        {
            foreach (var raw in ArticleSource.FromPath(p, WorkQueue.MaxArticleBytes))
            {
                string locator = WorkQueue.LocatorOf(raw);
                if (raw.Error is { } error)
                {
                    refused++;
                    Console.Error.WriteLine($"dabir: error: {locator}: {error.Message} (the queue carries articles up to {WorkQueue.MaxArticleBytes:N0} bytes; store larger ones with dabir ingest --store)");
                    continue;
                }
                string hash = Convert.ToHexStringLower(XxHash128.Hash(raw.Bytes.Span));
                if (sent.TryGetValue(locator, out var h) && h == hash)
                {
                    skipped++;
                    continue;
                }
                var props = WorkQueue.Properties(raw, locator, hash);
                inFlight.Add((channel.BasicPublishAsync("", queue.Name, mandatory: true, props, raw.Bytes).AsTask(), locator, hash));
                published++;
                if (inFlight.Count >= Window)
                {
                    await Drain().ConfigureAwait(false);
                }
            }
        }
        await Drain().ConfigureAwait(false);
        if (!quiet)
        {
            Console.Error.WriteLine($"dabir ingest: {published:N0} articles published to {queue.Display} queue {queue.Name} in {clock.Elapsed.TotalSeconds:F1} s (confirmed by the broker){(skipped > 0 ? $", {skipped:N0} already sent (state {statePath})" : "")}{(refused > 0 ? $", {refused:N0} refused" : "")}");
        }
        return refused > 0 ? ExitCodes.InputError : ExitCodes.Ok;
    }
}

/// <summary>The producer's entry from <c>dabir ingest --queue</c>: usage and input errors as every command reports them.</summary>
internal static class QueueCli
{
    public static int Produce(string[] paths, string queueUrl, string? statePath, bool quiet)
    {
        try
        {
            WorkQueue.Parse(queueUrl);
        }
        catch (ArgumentException e)
        {
            return Archive.ArchiveCli.UsageError(e.Message);
        }
        return CliIO.Guard(paths.FirstOrDefault(), () => QueueProducer.Run(paths, queueUrl, statePath, quiet));
    }
}
