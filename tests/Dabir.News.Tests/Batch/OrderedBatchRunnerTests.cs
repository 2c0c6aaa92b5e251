using System.Diagnostics;
using Dabir.IO;
using Dabir.News.Batch;

namespace Dabir.News.Tests.Batch;

public sealed class OrderedBatchRunnerTests
{
    private static async Task<List<BatchResult<TIn, TOut>>> All<TIn, TOut>(IAsyncEnumerable<BatchResult<TIn, TOut>> results)
    {
        var list = new List<BatchResult<TIn, TOut>>();
        await foreach (var r in results)
        {
            list.Add(r);
        }
        return list;
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(4)]
    public async Task Results_come_back_in_input_order_whatever_the_delays(int workers)
    {
        var delays = Enumerable.Range(0, 300).Select(i => (i * 7919) % 5).ToArray(); // 0-4 ms, scrambled
        var runner = new OrderedBatchRunner<int, int>((i, _) =>
        {
            Thread.Sleep(delays[i]);
            return i * 2;
        }, new BatchRunnerOptions { Workers = workers, Window = 16 });
        var results = await All(runner.RunAsync(Enumerable.Range(0, delays.Length), cancellationToken: TestContext.Current.CancellationToken));
        Assert.Equal(Enumerable.Range(0, delays.Length), results.Select(r => (int)r.Index));
        Assert.Equal(Enumerable.Range(0, delays.Length).Select(i => i * 2), results.Select(r => r.Value));
        Assert.All(results, r => Assert.True(r.Succeeded));
    }

    [Fact]
    public async Task A_throwing_item_becomes_an_error_result_and_the_run_goes_on()
    {
        var runner = new OrderedBatchRunner<int, string>((i, _) => i switch
        {
            3 => throw new InvalidOperationException("boom"),
            5 => throw new InputException(InputErrorReason.TooLarge, "record is 20 bytes, over the limit of 10").At("in.jsonl", 6),
            _ => i.ToString(System.Globalization.CultureInfo.InvariantCulture),
        }, new BatchRunnerOptions { Workers = 2 });
        var results = await All(runner.RunAsync(Enumerable.Range(0, 8), cancellationToken: TestContext.Current.CancellationToken));
        Assert.Equal(8, results.Count);
        Assert.Equal(BatchItemError.InternalError, results[3].Error?.Reason);
        Assert.Equal("InvalidOperationException: boom", results[3].Error?.Message);
        Assert.Equal("too-large", results[5].Error?.Reason);
        Assert.Equal("in.jsonl:6: record is 20 bytes, over the limit of 10", results[5].Error?.Message);
        Assert.Equal(6, results.Count(r => r.Succeeded));
        Assert.Equal("7", results[7].Value);
    }

    [Fact]
    public async Task The_input_is_never_read_more_than_the_window_ahead_of_the_consumer()
    {
        const int window = 8;
        long produced = 0;
        IEnumerable<int> Source()
        {
            for (int i = 0; i < 200; i++)
            {
                Interlocked.Increment(ref produced);
                yield return i;
            }
        }
        // The first item is slow (head-of-line blocking) and the consumer is slow too: the two ways a reader runs ahead.
        var runner = new OrderedBatchRunner<int, int>((i, _) =>
        {
            Thread.Sleep(i == 0 ? 200 : 0);
            return i;
        }, new BatchRunnerOptions { Workers = 4, Window = window });
        long consumed = 0, maxAhead = 0;
        await foreach (var r in runner.RunAsync(Source(), cancellationToken: TestContext.Current.CancellationToken))
        {
            maxAhead = Math.Max(maxAhead, Interlocked.Read(ref produced) - consumed);
            if (r.Index % 20 == 0)
            {
                await Task.Delay(20, TestContext.Current.CancellationToken);
                maxAhead = Math.Max(maxAhead, Interlocked.Read(ref produced) - consumed);
            }
            consumed++;
        }
        Assert.Equal(200, consumed);
        Assert.InRange(maxAhead, 1, window);
    }

    [Fact]
    public async Task Cancellation_stops_the_run_promptly()
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        long produced = 0;
        IEnumerable<int> Endless()
        {
            for (int i = 0; ; i++)
            {
                Interlocked.Increment(ref produced);
                yield return i;
            }
        }
        var runner = new OrderedBatchRunner<int, int>((i, _) =>
        {
            Thread.Sleep(5);
            return i;
        }, new BatchRunnerOptions { Workers = 2, Window = 32 });
        long consumed = 0;
        var clock = new Stopwatch();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var r in runner.RunAsync(Endless(), cancellationToken: cts.Token))
            {
                if (++consumed == 20)
                {
                    clock.Start();
                    await cts.CancelAsync();
                }
            }
        });
        clock.Stop();
        Assert.Equal(20, consumed);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2), $"took {clock.Elapsed}");
        long after = Interlocked.Read(ref produced);
        await Task.Delay(100, TestContext.Current.CancellationToken);
        Assert.Equal(after, Interlocked.Read(ref produced)); // nothing reads on after the run ended
        Assert.InRange(after, 20, 20 + 32 + 1);
    }

    [Fact]
    public async Task Skipped_items_are_counted_and_progress_ends_with_the_totals()
    {
        var reports = new List<BatchProgress>();
        var runner = new OrderedBatchRunner<int, int>((i, _) => i == 4 ? throw new InputException(InputErrorReason.Empty, "empty") : i,
            new BatchRunnerOptions { Workers = 2, ProgressInterval = TimeSpan.Zero });
        var results = await All(runner.RunAsync(Enumerable.Range(0, 10), i => i % 3 == 0, new SyncProgress(reports), TestContext.Current.CancellationToken));
        Assert.Equal([1, 2, 4, 5, 7, 8], results.Select(r => (int)r.Index));
        var last = reports[^1];
        Assert.Equal((6L, 1L, 4L), (last.Done, last.Failed, last.Skipped));
        Assert.True(last.Rate > 0);
        Assert.Equal(Enumerable.Range(1, 6).Select(n => (long)n), reports.Take(6).Select(p => p.Done));
    }

    [Fact]
    public async Task An_exception_of_the_input_itself_ends_the_run_after_the_results_before_it()
    {
        IEnumerable<int> Broken()
        {
            yield return 0;
            yield return 1;
            throw new IOException("disk gone");
        }
        var runner = new OrderedBatchRunner<int, int>((i, _) => i, new BatchRunnerOptions { Workers = 2 });
        var seen = new List<long>();
        var error = await Assert.ThrowsAsync<IOException>(async () =>
        {
            await foreach (var r in runner.RunAsync(Broken(), cancellationToken: TestContext.Current.CancellationToken))
            {
                seen.Add(r.Index);
            }
        });
        Assert.Equal("disk gone", error.Message);
        Assert.Equal([0L, 1L], seen);
    }

    private sealed class SyncProgress(List<BatchProgress> reports) : IProgress<BatchProgress>
    {
        public void Report(BatchProgress value) => reports.Add(value);
    }
}
