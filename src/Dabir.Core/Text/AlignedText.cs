namespace Dabir.Text;

/// <summary>
/// Repaired text together with an alignment to the source it came from, in the spirit of
/// HuggingFace's <c>NormalizedString</c>: every output character knows the source range that produced it.
/// </summary>
/// <remarks>
/// For output character <c>i</c>, <see cref="SourceStart"/> and <see cref="SourceEnd"/> give the half-open
/// source range it was made from. A copied or replaced character maps to its own source character; a
/// character inserted by a rule (a restored half-space, a space after punctuation) maps to an empty range at
/// the source position where it was inserted; characters deleted by a rule have no output character, and a
/// span that covers them maps over them. Both arrays are non-decreasing.
/// </remarks>
public sealed class AlignedText
{
    private readonly int[] _starts;
    private readonly int[] _ends;

    internal AlignedText(string source, string text, int[] starts, int[] ends)
    {
        Source = source;
        Text = text;
        _starts = starts;
        _ends = ends;
    }

    /// <summary>Creates the identity alignment of <paramref name="text"/> with itself.</summary>
    public static AlignedText Identity(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var starts = new int[text.Length];
        var ends = new int[text.Length];
        for (int i = 0; i < text.Length; i++)
        {
            starts[i] = i;
            ends[i] = i + 1;
        }
        return new AlignedText(text, text, starts, ends);
    }

    /// <summary>The text before repair.</summary>
    public string Source { get; }

    /// <summary>The repaired text.</summary>
    public string Text { get; }

    /// <summary>Start (inclusive) of the source range that produced output character <paramref name="index"/>.</summary>
    public int SourceStart(int index) => _starts[index];

    /// <summary>End (exclusive) of the source range that produced output character <paramref name="index"/>.</summary>
    public int SourceEnd(int index) => _ends[index];

    /// <summary>Maps a span of the repaired text to the span of the source that produced it.</summary>
    public TextSpan ToSource(TextSpan span)
    {
        if ((uint)span.Start > (uint)Text.Length || (uint)span.End > (uint)Text.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(span), $"Span {span} lies outside the text of length {Text.Length}.");
        }
        if (span.Length == 0)
        {
            int at = span.Start < Text.Length ? _starts[span.Start] : Source.Length;
            return new TextSpan(at, 0);
        }
        int start = _starts[span.Start];
        int end = Math.Max(start, _ends[span.End - 1]);
        return TextSpan.FromBounds(start, end);
    }

    /// <summary>
    /// Maps a source offset forward: the index of the first output character whose source range ends after
    /// <paramref name="sourceOffset"/> (the length of the text when none does).
    /// </summary>
    public int FromSource(int sourceOffset)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(sourceOffset);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(sourceOffset, Source.Length);
        int lo = 0, hi = _ends.Length;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (_ends[mid] <= sourceOffset)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }
        return lo;
    }

    /// <summary>Maps a source span forward to the smallest output span that covers what it produced.</summary>
    public TextSpan FromSource(TextSpan sourceSpan)
    {
        int start = FromSource(sourceSpan.Start);
        int end = start;
        while (end < Text.Length && _starts[end] < sourceSpan.End)
        {
            end++;
        }
        return TextSpan.FromBounds(start, end);
    }

    /// <inheritdoc />
    public override string ToString() => Text;
}
