using System.Buffers;

namespace Dabir.Text;

/// <summary>
/// Growable output buffer of a repair pass: characters, and (when alignment is tracked) the source range of
/// each. Passes read one buffer and write the next, so alignments compose without a second walk.
/// </summary>
internal sealed class AlignedTextBuilder : IDisposable
{
    private char[] _chars;
    private int[] _starts;
    private int[] _ends;

    public AlignedTextBuilder(int capacity, bool trackAlignment)
    {
        TrackAlignment = trackAlignment;
        capacity = Math.Max(capacity, 16);
        _chars = ArrayPool<char>.Shared.Rent(capacity);
        _starts = trackAlignment ? ArrayPool<int>.Shared.Rent(capacity) : [];
        _ends = trackAlignment ? ArrayPool<int>.Shared.Rent(capacity) : [];
    }

    public bool TrackAlignment { get; }

    public int Length { get; private set; }

    public ReadOnlySpan<char> Chars => _chars.AsSpan(0, Length);

    public ReadOnlySpan<int> Starts => TrackAlignment ? _starts.AsSpan(0, Length) : default;

    public ReadOnlySpan<int> Ends => TrackAlignment ? _ends.AsSpan(0, Length) : default;

    public char this[int index] => _chars[index];

    public void Clear() => Length = 0;

    /// <summary>Appends a character made from the source range <c>[start, end)</c>.</summary>
    public void Append(char c, int start, int end)
    {
        if (Length == _chars.Length)
        {
            Grow();
        }
        _chars[Length] = c;
        if (TrackAlignment)
        {
            _starts[Length] = start;
            _ends[Length] = end;
        }
        Length++;
    }

    /// <summary>Appends a character that copies input position <paramref name="index"/> of <paramref name="input"/>.</summary>
    public void Copy(AlignedTextBuilder input, int index)
    {
        if (TrackAlignment)
        {
            Append(input._chars[index], input._starts[index], input._ends[index]);
        }
        else
        {
            Append(input._chars[index], 0, 0);
        }
    }

    /// <summary>Appends input positions <c>[start, start + count)</c> unchanged, in one block copy.</summary>
    public void CopyRange(AlignedTextBuilder input, int start, int count)
    {
        if (count <= 0)
        {
            return;
        }
        while (Length + count > _chars.Length)
        {
            Grow();
        }
        input._chars.AsSpan(start, count).CopyTo(_chars.AsSpan(Length));
        if (TrackAlignment)
        {
            input._starts.AsSpan(start, count).CopyTo(_starts.AsSpan(Length));
            input._ends.AsSpan(start, count).CopyTo(_ends.AsSpan(Length));
        }
        Length += count;
    }

    /// <summary>Appends source text whose characters map one to one to <c>[sourceOffset, sourceOffset + text.Length)</c>.</summary>
    public void AppendSource(ReadOnlySpan<char> text, int sourceOffset)
    {
        while (Length + text.Length > _chars.Length)
        {
            Grow();
        }
        text.CopyTo(_chars.AsSpan(Length));
        if (TrackAlignment)
        {
            for (int i = 0; i < text.Length; i++)
            {
                _starts[Length + i] = sourceOffset + i;
                _ends[Length + i] = sourceOffset + i + 1;
            }
        }
        Length += text.Length;
    }

    /// <summary>Appends <paramref name="c"/> in place of input position <paramref name="index"/>.</summary>
    public void Replace(AlignedTextBuilder input, int index, char c)
    {
        if (TrackAlignment)
        {
            Append(c, input._starts[index], input._ends[index]);
        }
        else
        {
            Append(c, 0, 0);
        }
    }

    /// <summary>Appends an inserted character, anchored at the start of input position <paramref name="beforeIndex"/>.</summary>
    public void Insert(AlignedTextBuilder input, int beforeIndex, char c)
    {
        if (!TrackAlignment)
        {
            Append(c, 0, 0);
            return;
        }
        int at = beforeIndex < input.Length ? input._starts[beforeIndex]
            : input.Length > 0 ? input._ends[input.Length - 1] : 0;
        Append(c, at, at);
    }

    /// <summary>Removes the last character (used when a rule decides a pending space must go).</summary>
    public void RemoveLast() => Length--;

    public char Last => _chars[Length - 1];

    public void RemoveRange(int start, int count)
    {
        int tail = Length - start - count;
        Array.Copy(_chars, start + count, _chars, start, tail);
        if (TrackAlignment)
        {
            Array.Copy(_starts, start + count, _starts, start, tail);
            Array.Copy(_ends, start + count, _ends, start, tail);
        }
        Length -= count;
    }

    public string ToText() => new(_chars, 0, Length);

    public AlignedText ToAlignedText(string source)
    {
        if (!TrackAlignment)
        {
            throw new InvalidOperationException("Alignment was not tracked.");
        }
        return new AlignedText(source, ToText(), _starts.AsSpan(0, Length).ToArray(), _ends.AsSpan(0, Length).ToArray());
    }

    private void Grow()
    {
        int size = _chars.Length * 2;
        var chars = ArrayPool<char>.Shared.Rent(size);
        _chars.AsSpan(0, Length).CopyTo(chars);
        ArrayPool<char>.Shared.Return(_chars);
        _chars = chars;
        if (TrackAlignment)
        {
            var starts = ArrayPool<int>.Shared.Rent(size);
            var ends = ArrayPool<int>.Shared.Rent(size);
            _starts.AsSpan(0, Length).CopyTo(starts);
            _ends.AsSpan(0, Length).CopyTo(ends);
            ArrayPool<int>.Shared.Return(_starts);
            ArrayPool<int>.Shared.Return(_ends);
            _starts = starts;
            _ends = ends;
        }
    }

    public void Dispose()
    {
        ArrayPool<char>.Shared.Return(_chars);
        if (TrackAlignment)
        {
            ArrayPool<int>.Shared.Return(_starts);
            ArrayPool<int>.Shared.Return(_ends);
        }
        _chars = [];
        _starts = [];
        _ends = [];
        Length = 0;
    }
}
