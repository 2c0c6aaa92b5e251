namespace Dabir.Text;

/// <summary>A half-open range <c>[Start, End)</c> of UTF-16 code units in a string.</summary>
/// <param name="Start">Index of the first character.</param>
/// <param name="Length">Number of characters.</param>
public readonly record struct TextSpan(int Start, int Length)
{
    /// <summary>Index just past the last character.</summary>
    public int End => Start + Length;

    /// <summary>Creates a span from its two bounds.</summary>
    public static TextSpan FromBounds(int start, int end)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(start);
        ArgumentOutOfRangeException.ThrowIfLessThan(end, start);
        return new TextSpan(start, end - start);
    }

    /// <inheritdoc />
    public override string ToString() => $"[{Start}..{End})";
}
