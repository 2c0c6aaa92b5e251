namespace Dabir.Testing;

/// <summary>
/// Work measured without a clock (the project has no timed unit tests): the bytes a call allocates on the calling
/// thread. A linear algorithm allocates about 4x for a 4x input; a quadratic one (copying a growing prefix,
/// re-scanning nested content) 16x. Used by the time-linearity properties of issue 12.
/// </summary>
internal static class LinearWork
{
    /// <summary>The ratio a 4x input may cost at most: 4x and a margin for buffers that grow by doubling.</summary>
    public const double MaxRatio = 5.0;

    /// <summary>Bytes allocated on this thread by <paramref name="run"/>.</summary>
    public static long Allocated(Action run)
    {
        long before = GC.GetAllocatedBytesForCurrentThread();
        run();
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }

    /// <summary>
    /// The work of <paramref name="run"/> on <paramref name="large"/> over its work on <paramref name="small"/>,
    /// after one warm-up run on the large input (lazy tables, caches and pools sized for it: warming on the small
    /// one only made the normalizer read 11-14x at these sizes, while its CPU time is linear up to 3.2 M chars).
    /// </summary>
    public static double Ratio<T>(Action<T> run, T small, T large)
    {
        run(large);
        long a = Allocated(() => run(small));
        long b = Allocated(() => run(large));
        return (double)b / Math.Max(a, 1);
    }
}
