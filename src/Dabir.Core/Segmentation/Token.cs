namespace Dabir.Segmentation;

/// <summary>A token: a span of the text it was read from and its kind.</summary>
/// <param name="Start">Index of its first character.</param>
/// <param name="Length">Number of characters.</param>
/// <param name="Kind">What the token is.</param>
public readonly record struct Token(int Start, int Length, TokenKind Kind)
{
    /// <summary>Index just past its last character.</summary>
    public int End => Start + Length;
}
