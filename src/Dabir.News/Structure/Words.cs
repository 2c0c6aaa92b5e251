namespace Dabir.News.Structure;

/// <summary>A whitespace-separated word of a text: its full extent and its core without edge punctuation.</summary>
/// <param name="Start">Start of the word.</param>
/// <param name="End">End of the word.</param>
/// <param name="CoreStart">Start of the word without leading punctuation.</param>
/// <param name="CoreEnd">End of the word without trailing punctuation.</param>
internal readonly record struct Word(int Start, int End, int CoreStart, int CoreEnd)
{
    /// <summary>True when punctuation follows the core (a clause may end here).</summary>
    public bool HasTrailingPunctuation => CoreEnd < End;

    /// <summary>True when the word is only punctuation (a dash, a bracket).</summary>
    public bool IsPunctuationOnly => CoreStart >= CoreEnd;
}

/// <summary>Splits text into <see cref="Word"/>s.</summary>
internal static class Words
{
    /// <summary>Appends the words of <paramref name="text"/> (offsets relative to it) to <paramref name="into"/>.</summary>
    public static void Split(ReadOnlySpan<char> text, List<Word> into)
    {
        int i = 0;
        while (i < text.Length)
        {
            while (i < text.Length && char.IsWhiteSpace(text[i]))
            {
                i++;
            }
            if (i >= text.Length)
            {
                break;
            }
            int start = i;
            while (i < text.Length && !char.IsWhiteSpace(text[i]))
            {
                i++;
            }
            int coreStart = start, coreEnd = i;
            while (coreStart < coreEnd && IsEdgePunctuation(text[coreStart]))
            {
                coreStart++;
            }
            while (coreEnd > coreStart && IsEdgePunctuation(text[coreEnd - 1]))
            {
                coreEnd--;
            }
            into.Add(new Word(start, i, coreStart, coreEnd));
        }
    }

    /// <summary>Punctuation that may stick to a word's edge in Persian text.</summary>
    public static bool IsEdgePunctuation(char c) =>
        c is '\u200C' || (!char.IsLetterOrDigit(c) && !Dabir.Text.PersianChars.IsMark(c));
}
