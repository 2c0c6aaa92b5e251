using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Dabir.IO;

namespace Dabir.News.Batch;

/// <summary>How an <see cref="OrderedBatchRunner{TIn, TOut}"/> runs.</summary>
public sealed class BatchRunnerOptions
{
    /// <summary>Items processed at once (worker threads); default: all cores.</summary>
    public int Workers { get; init; } = Environment.ProcessorCount;

    /// <summary>
    /// Most items taken from the input and not yet handed back in order (read, queued, processing or waiting for an
    /// earlier item); bounds memory whatever the order of completion. 0 (default): 64 per worker.
    /// </summary>
    public int Window { get; init; }

    /// <summary>Least time between two progress reports (the last one is always sent).</summary>
    public TimeSpan ProgressInterval { get; init; } = TimeSpan.FromMilliseconds(250);
}

/// <summary>How far a batch has got.</summary>
/// <param name="Done">Items handed back (succeeded or failed).</param>
/// <param name="Failed">Items handed back with an error.</param>
/// <param name="Skipped">Items the caller's skip test passed over (e.g. already in the output).</param>
/// <param name="Elapsed">Time since the run started.</param>
public readonly record struct BatchProgress(long Done, long Failed, long Skipped, TimeSpan Elapsed)
{
    /// <summary>Items handed back per second.</summary>
    public double Rate => Done / Math.Max(Elapsed.TotalSeconds, 1e-3);
}

/// <summary>Why one item failed.</summary>
public sealed class BatchItemError
{
    /// <summary>The code of an unexpected exception (a bug, not bad input).</summary>
    public const string InternalError = "internal-error";

    /// <summary>Creates the error.</summary>
    public BatchItemError(string reason, string message, Exception exception)
    {
        Reason = reason;
        Message = message;
        Exception = exception;
    }

    /// <summary>Short code to group failures: an <see cref="InputException.ReasonCode"/> or <see cref="InternalError"/>.</summary>
    public string Reason { get; }

    /// <summary>What went wrong and where.</summary>
    public string Message { get; }

    /// <summary>The exception the item's work threw.</summary>
    public Exception Exception { get; }

    /// <summary>Turns what an item's work threw into an error: input problems keep their reason, anything else is an internal error.</summary>
    public static BatchItemError From(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return exception is InputException input
            ? new BatchItemError(input.ReasonCode, input.Message, input)
            : new BatchItemError(InternalError, $"{exception.GetType().Name}: {exception.Message}", exception);
    }
}

/// <summary>One item's outcome, handed back in input order.</summary>
/// <typeparam name="TIn">The item.</typeparam>
/// <typeparam name="TOut">What the work made of it.</typeparam>
public sealed class BatchResult<TIn, TOut>
{
    internal BatchResult(long index, TIn item, TOut? value, BatchItemError? error)
    {
        Index = index;
        Item = item;
        Value = value;
        Error = error;
    }

    /// <summary>0-based position of the item in the input (skipped items count).</summary>
    public long Index { get; }

    /// <summary>The item.</summary>
    public TIn Item { get; }

    /// <summary>The work's result; default when it failed.</summary>
    public TOut? Value { get; }

    /// <summary>Why it failed; null on success.</summary>
    public BatchItemError? Error { get; }

    /// <summary>True when the work returned a value.</summary>
    [MemberNotNullWhen(false, nameof(Error))]
    public bool Succeeded => Error is null;
}

/// <summary>
/// Runs a caller's work on each item of a sequence on several workers and hands the results back in input order,
/// in bounded memory: the input is read at most <see cref="BatchRunnerOptions.Window"/> items ahead of the
/// consumer. One failing item never stops the run: an <see cref="InputException"/> becomes an error result with
/// its reason, any other exception an <see cref="BatchItemError.InternalError"/> result. Cancellation stops
/// reading and processing at once (items already being processed finish unless the work watches the token; a read
/// of the input blocked in I/O is left to end on its own) and ends the enumeration with
/// <see cref="OperationCanceledException"/>; an exception thrown by the input sequence
/// itself ends it after the results before it. The work must be thread-safe.
/// </summary>
/// <typeparam name="TIn">The items.</typeparam>
/// <typeparam name="TOut">What the work makes of one.</typeparam>
public sealed class OrderedBatchRunner<TIn, TOut>
{
    private static readonly TimeSpan ProducerGrace = TimeSpan.FromMilliseconds(200);
    private readonly Func<TIn, CancellationToken, TOut> _work;

    /// <summary>Creates a runner.</summary>
    /// <param name="work">What to do with one item (called on worker threads).</param>
    /// <param name="options">Workers, window, progress interval.</param>
    public OrderedBatchRunner(Func<TIn, CancellationToken, TOut> work, BatchRunnerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(work);
        options ??= new BatchRunnerOptions();
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.Workers);
        ArgumentOutOfRangeException.ThrowIfNegative(options.Window);
        _work = work;
        Options = options;
    }

    /// <summary>How the runner runs.</summary>
    public BatchRunnerOptions Options { get; }

    /// <summary>Runs the work on every item not skipped, handing back one result per item in input order.</summary>
    /// <param name="items">The input, enumerated once on a background thread.</param>
    /// <param name="skip">Items to pass over (counted in <see cref="BatchProgress.Skipped"/>, no result).</param>
    /// <param name="progress">Told how far the run has got, at most every <see cref="BatchRunnerOptions.ProgressInterval"/>, and at the end.</param>
    /// <param name="cancellationToken">Stops the run.</param>
    public async IAsyncEnumerable<BatchResult<TIn, TOut>> RunAsync(
        IEnumerable<TIn> items,
        Func<TIn, bool>? skip = null,
        IProgress<BatchProgress>? progress = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(items);
        int workers = Options.Workers;
        int window = Options.Window > 0 ? Options.Window : workers * 64;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var token = stop.Token;
        // A slot is taken before an item is read and given back once its result has been handed on: the window.
        using var slots = new SemaphoreSlim(window, window);
        var work = Channel.CreateUnbounded<Job>(new UnboundedChannelOptions { SingleWriter = true });
        var ordered = Channel.CreateUnbounded<Task<BatchResult<TIn, TOut>>>(new UnboundedChannelOptions { SingleWriter = true, SingleReader = true });
        long skipped = 0;
        var clock = Stopwatch.StartNew();

        var producer = Task.Run(async () =>
        {
            Exception? failure = null;
            try
            {
                long index = 0;
                using var e = items.GetEnumerator();
                while (true)
                {
                    await slots.WaitAsync(token).ConfigureAwait(false);
                    if (!e.MoveNext())
                    {
                        break;
                    }
                    var item = e.Current;
                    if (skip is not null && skip(item))
                    {
                        Interlocked.Increment(ref skipped);
                        slots.Release();
                        index++;
                        continue;
                    }
                    var done = new TaskCompletionSource<BatchResult<TIn, TOut>>(TaskCreationOptions.RunContinuationsAsynchronously);
                    ordered.Writer.TryWrite(done.Task);
                    work.Writer.TryWrite(new Job(index++, item, done));
                }
            }
            catch (Exception e)
            {
                failure = e;
            }
            finally
            {
                work.Writer.TryComplete();
                ordered.Writer.TryComplete(failure);
            }
        }, CancellationToken.None);

        var pool = new Task[workers];
        for (int w = 0; w < workers; w++)
        {
            pool[w] = Task.Run(() => Work(work.Reader, token), CancellationToken.None);
        }

        try
        {
            long handed = 0, failed = 0;
            var lastReport = TimeSpan.Zero;
            var reader = ordered.Reader;
            while (await reader.WaitToReadAsync(token).ConfigureAwait(false))
            {
                while (reader.TryRead(out var next))
                {
                    // Results already computed are not handed on after a cancellation either.
                    token.ThrowIfCancellationRequested();
                    // WaitAsync(token) costs a task per item: only for items still being processed.
                    var result = next.IsCompletedSuccessfully ? next.Result : await next.WaitAsync(token).ConfigureAwait(false);
                    handed++;
                    if (!result.Succeeded)
                    {
                        failed++;
                    }
                    if (progress is not null && clock.Elapsed - lastReport >= Options.ProgressInterval)
                    {
                        lastReport = clock.Elapsed;
                        progress.Report(new BatchProgress(handed, failed, Interlocked.Read(ref skipped), clock.Elapsed));
                    }
                    yield return result;
                    slots.Release();
                }
            }
            progress?.Report(new BatchProgress(handed, failed, Interlocked.Read(ref skipped), clock.Elapsed));
        }
        finally
        {
            // Stops the producer and the workers when the consumer leaves early (break, exception, cancellation).
            await stop.CancelAsync().ConfigureAwait(false);
            try
            {
                await Task.WhenAll(pool).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // The workers' expected way out after a cancellation.
            }
            // The producer stops at its next slot; one blocked in a read of its input (standard input waiting for
            // a line) cannot be interrupted, so it is given a moment and then left to end on its own.
            await Task.WhenAny(producer, Task.Delay(ProducerGrace, CancellationToken.None)).ConfigureAwait(false);
        }
    }

    private async Task Work(ChannelReader<Job> jobs, CancellationToken token)
    {
        while (await jobs.WaitToReadAsync(token).ConfigureAwait(false))
        {
            while (jobs.TryRead(out var job))
            {
                if (token.IsCancellationRequested)
                {
                    job.Done.TrySetCanceled(token);
                    continue;
                }
                try
                {
                    job.Done.TrySetResult(new BatchResult<TIn, TOut>(job.Index, job.Item, _work(job.Item, token), null));
                }
                catch (OperationCanceledException) when (token.IsCancellationRequested)
                {
                    job.Done.TrySetCanceled(token);
                }
                catch (OutOfMemoryException e)
                {
                    // Not one item's problem: the consumer sees it and the run ends.
                    job.Done.TrySetException(e);
                    throw;
                }
                catch (Exception e)
                {
                    // One item's failure, expected (bad input) or not (a bug), is its result and never stops the batch.
                    job.Done.TrySetResult(new BatchResult<TIn, TOut>(job.Index, job.Item, default, BatchItemError.From(e)));
                }
            }
        }
    }

    private sealed record Job(long Index, TIn Item, TaskCompletionSource<BatchResult<TIn, TOut>> Done);
}
