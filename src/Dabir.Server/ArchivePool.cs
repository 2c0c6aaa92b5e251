using System.Collections.Concurrent;
using Dabir.Archive;

namespace Dabir.Server;

/// <summary>
/// Archive connections for request threads: an <see cref="IArchiveStore"/> is one connection and serves one thread at a
/// time, so each request rents one and gives it back (SQLite opens a read connection in well under a millisecond, but
/// a kept connection also keeps its page cache and prepared vocabulary table). Writes go through <see cref="Write"/>,
/// one at a time.
/// </summary>
internal sealed class ArchivePool(Func<IArchiveStore> open, int maxIdle) : IDisposable
{
    private readonly ConcurrentBag<IArchiveStore> _idle = [];
    private readonly SemaphoreSlim _writer = new(1, 1);
    private volatile bool _disposed;

    /// <summary>Runs <paramref name="read"/> on a rented connection.</summary>
    public T Read<T>(Func<IArchiveStore, T> read)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var store = _idle.TryTake(out var s) ? s : open();
        try
        {
            return read(store);
        }
        finally
        {
            Return(store);
        }
    }

    /// <summary>Runs <paramref name="write"/> on a rented connection, one writer at a time.</summary>
    public async Task<T> Write<T>(Func<IArchiveStore, T> write, CancellationToken cancellationToken)
    {
        await _writer.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return Read(write);
        }
        finally
        {
            _writer.Release();
        }
    }

    private void Return(IArchiveStore store)
    {
        if (_disposed || _idle.Count >= maxIdle)
        {
            store.Dispose();
            return;
        }
        _idle.Add(store);
    }

    public void Dispose()
    {
        _disposed = true;
        while (_idle.TryTake(out var store))
        {
            store.Dispose();
        }
        _writer.Dispose();
    }
}
