using System.Buffers;
using System.Text;
using System.Text.Unicode;

namespace Dabir.IO;

/// <summary>
/// Reads a UTF-8 stream as lines in bounded memory: strict decoding that names the byte offset of the
/// first invalid sequence (or, when lenient, replaces it with U+FFFD and counts it), NUL bytes reported
/// as binary input, and lines longer than <see cref="MaxChunkChars"/> cut at a word boundary.
/// </summary>
public sealed class Utf8ChunkReader
{
    private const int BlockBytes = 1 << 16;
    private readonly Stream _stream;
    private readonly bool _lenient;
    private long _blockStart; // stream offset of the first byte not yet decoded

    /// <summary>Creates a reader over <paramref name="stream"/>.</summary>
    /// <param name="stream">The UTF-8 input.</param>
    /// <param name="lenient">Replace invalid sequences with U+FFFD instead of failing.</param>
    /// <param name="maxChunkChars">Longest piece of a line held at once.</param>
    public Utf8ChunkReader(Stream stream, bool lenient = false, int maxChunkChars = 1 << 20)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxChunkChars, 1024);
        _stream = stream;
        _lenient = lenient;
        MaxChunkChars = maxChunkChars;
    }

    /// <summary>Longest piece of a line held in memory at once.</summary>
    public int MaxChunkChars { get; }

    /// <summary>Invalid UTF-8 sequences replaced so far (lenient mode).</summary>
    public long ReplacedSequences { get; private set; }

    /// <summary>Bytes read so far.</summary>
    public long BytesRead { get; private set; }

    /// <summary>The chunks of the input in order. Each chunk's memory is reused after the next one is requested.</summary>
    public IEnumerable<TextChunk> ReadChunks()
    {
        var bytes = new byte[BlockBytes + 4];
        int carried = 0; // bytes of an incomplete sequence kept from the previous block
        char[] pending = new char[Math.Max(BlockBytes * 2, 4096)];
        int pendingLength = 0;
        bool first = true;
        bool atEnd = false;
        while (!atEnd)
        {
            int read = _stream.ReadAtLeast(bytes.AsSpan(carried, BlockBytes), BlockBytes, throwOnEndOfStream: false);
            atEnd = read < BlockBytes;
            var block = bytes.AsSpan(0, carried + read);
            if (first)
            {
                first = false;
                CheckUtf16(block);
                if (block.StartsWith(Bom))
                {
                    block = block[3..];
                    _blockStart = 3;
                }
            }
            CheckNul(block[carried..], _blockStart + carried);
            EnsureCapacity(ref pending, pendingLength + block.Length + 1);
            int consumed = Decode(block, pending.AsSpan(pendingLength), atEnd, out int written);
            pendingLength += written;
            _blockStart += consumed;
            carried = block.Length - consumed;
            block[consumed..].CopyTo(bytes);
            BytesRead = _blockStart + carried;

            int start = 0;
            while (true)
            {
                var span = pending.AsSpan(start, pendingLength - start);
                int lf = span.IndexOfAny('\n', '\r');
                if (lf < 0 || (span[lf] == '\r' && lf + 1 == span.Length && !atEnd))
                {
                    break; // no complete line yet (a final \r may be the first half of \r\n)
                }
                string tail = span[lf] == '\r' ? (lf + 1 < span.Length && span[lf + 1] == '\n' ? "\r\n" : "\r") : "\n";
                yield return new TextChunk(pending.AsMemory(start, lf), tail, EndsLine: true);
                start += lf + tail.Length;
            }
            while (pendingLength - start > MaxChunkChars)
            {
                var span = pending.AsSpan(start, MaxChunkChars);
                (int cut, int resume, string tail) = FindCut(span);
                yield return new TextChunk(pending.AsMemory(start, cut), tail, EndsLine: false);
                start += resume;
            }
            pending.AsSpan(start, pendingLength - start).CopyTo(pending);
            pendingLength -= start;
        }
        if (pendingLength > 0)
        {
            yield return new TextChunk(pending.AsMemory(0, pendingLength), string.Empty, EndsLine: true);
        }
    }

    private int Decode(ReadOnlySpan<byte> block, Span<char> destination, bool isFinal, out int written)
    {
        int consumedTotal = 0;
        written = 0;
        while (true)
        {
            var status = Utf8.ToUtf16(block[consumedTotal..], destination[written..], out int used, out int chars, replaceInvalidSequences: false, isFinalBlock: isFinal);
            consumedTotal += used;
            written += chars;
            if (status != OperationStatus.InvalidData)
            {
                return consumedTotal; // Done, or NeedMoreData: the tail is carried into the next block
            }
            if (!_lenient)
            {
                throw InvalidUtf8(_blockStart + consumedTotal, block[consumedTotal], "; use --lenient to replace invalid bytes");
            }
            Rune.DecodeFromUtf8(block[consumedTotal..], out _, out int invalidLength);
            consumedTotal += Math.Max(1, invalidLength);
            destination[written++] = '\uFFFD';
            ReplacedSequences++;
        }
    }

    /// <summary>
    /// Decodes a whole input held in memory (one article) with the same checks as <see cref="ReadChunks"/>:
    /// a UTF-8 BOM is skipped; a UTF-16 BOM, a NUL byte or (strict) invalid UTF-8 throws
    /// <see cref="InputException"/> with the byte offset.
    /// </summary>
    /// <param name="bytes">The UTF-8 input.</param>
    /// <param name="lenient">Replace invalid sequences with U+FFFD instead of failing.</param>
    public static string DecodeAll(ReadOnlySpan<byte> bytes, bool lenient = false)
    {
        CheckUtf16(bytes);
        int start = bytes.StartsWith(Bom) ? Bom.Length : 0;
        CheckNul(bytes[start..], start);
        var text = bytes[start..];
        if (Utf8.IsValid(text))
        {
            return Encoding.UTF8.GetString(text);
        }
        if (!lenient)
        {
            int bad = 0;
            while (Rune.DecodeFromUtf8(text[bad..], out _, out int length) == OperationStatus.Done)
            {
                bad += length;
            }
            throw InvalidUtf8(start + bad, text[bad], "");
        }
        // The replacement decoder substitutes U+FFFD for each maximal invalid subpart, as ReadChunks does.
        return Encoding.UTF8.GetString(text);
    }

    private static ReadOnlySpan<byte> Bom => [0xEF, 0xBB, 0xBF];

    private static InputException InvalidUtf8(long at, byte value, string hint) =>
        new(InputErrorReason.InvalidUtf8, $"invalid UTF-8 at byte offset {at} (byte 0x{value:X2}){hint}", byteOffset: at);

    // UTF-16 text is mostly NUL bytes to a UTF-8 reader; its BOM lets the error say what to do instead.
    private static void CheckUtf16(ReadOnlySpan<byte> start)
    {
        if (start.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || start.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            string order = start[0] == 0xFF ? "UTF-16LE" : "UTF-16BE";
            throw new InputException(InputErrorReason.Utf16, $"UTF-16 input ({order} byte order mark): convert to UTF-8", byteOffset: 0);
        }
    }

    private static void CheckNul(ReadOnlySpan<byte> bytes, long offsetOfFirst)
    {
        int nul = bytes.IndexOf((byte)0);
        if (nul >= 0)
        {
            long at = offsetOfFirst + nul;
            throw new InputException(InputErrorReason.Binary, $"binary input: NUL byte at byte offset {at}", byteOffset: at);
        }
    }

    // Prefers the end of a sentence, then any space between two non-space characters, then a hard cut
    // that does not split a surrogate pair.
    private static (int Cut, int Resume, string Tail) FindCut(ReadOnlySpan<char> span)
    {
        int floor = span.Length / 2;
        for (int i = span.Length - 2; i > floor; i--)
        {
            if (span[i] == ' ' && span[i - 1] is '.' or '؟' or '!' or '?' && span[i + 1] != ' ')
            {
                return (i, i + 1, " ");
            }
        }
        for (int i = span.Length - 2; i > floor; i--)
        {
            if (span[i] == ' ' && span[i - 1] != ' ' && span[i + 1] != ' ')
            {
                return (i, i + 1, " ");
            }
        }
        int hard = span.Length;
        if (char.IsHighSurrogate(span[hard - 1]))
        {
            hard--;
        }
        return (hard, hard, string.Empty);
    }

    private static void EnsureCapacity(ref char[] buffer, int size)
    {
        if (buffer.Length < size)
        {
            Array.Resize(ref buffer, Math.Max(size, buffer.Length * 2));
        }
    }
}
