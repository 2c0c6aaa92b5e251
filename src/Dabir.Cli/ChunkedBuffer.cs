using System.Buffers;

namespace Dabir.Cli;

/// <summary>
/// An <see cref="IBufferWriter{T}"/> that keeps what is written as a list of chunks instead of one growing array:
/// a record of N bytes costs N bytes (plus at most one chunk), where a doubling array costs up to 2N while it grows
/// and another N for the copy handed on. A 16 MB single-line article writes a ~440 MB record: that difference was
/// ~1 GB of the peak (docs/performance.md, memory).
/// </summary>
internal sealed class ChunkedBuffer : IBufferWriter<byte>
{
    /// <summary>Chunk size: under the large-object threshold, so chunks are ordinary young objects.</summary>
    internal const int ChunkSize = 64 * 1024;

    private readonly List<(byte[] Array, int Length)> _full = [];
    private byte[] _current = [];
    private int _used;

    /// <summary>Bytes written so far.</summary>
    public long Length { get; private set; }

    /// <inheritdoc />
    public void Advance(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (count > _current.Length - _used)
        {
            throw new InvalidOperationException("Advanced past the end of the buffer returned by GetSpan or GetMemory.");
        }
        _used += count;
        Length += count;
    }

    /// <inheritdoc />
    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return _current.AsMemory(_used);
    }

    /// <inheritdoc />
    public Span<byte> GetSpan(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return _current.AsSpan(_used);
    }

    private void Ensure(int sizeHint)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(sizeHint);
        int needed = Math.Max(sizeHint, 1);
        if (_current.Length - _used >= needed)
        {
            return;
        }
        if (_used > 0)
        {
            _full.Add((_current, _used));
        }
        // A value larger than a chunk (a whole article's text) gets a chunk of its own size.
        _current = new byte[Math.Max(ChunkSize, needed)];
        _used = 0;
    }

    /// <summary>Writes everything written so far to <paramref name="stream"/>, in order.</summary>
    public void WriteTo(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        foreach (var (array, length) in _full)
        {
            stream.Write(array, 0, length);
        }
        stream.Write(_current, 0, _used);
    }

    /// <summary>The bytes written, as one array (for tests and small records).</summary>
    public byte[] ToArray()
    {
        var all = new byte[Length];
        long at = 0;
        foreach (var (array, length) in _full.Append((_current, _used)))
        {
            Array.Copy(array, 0, all, at, length);
            at += length;
        }
        return all;
    }
}
