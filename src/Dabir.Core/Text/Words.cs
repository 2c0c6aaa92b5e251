namespace Dabir.Text;

/// <summary>A whitespace-separated word of a text: its full extent and its core without edge punctuation.</summary>
/// <param name="Start">Start of the word.</param>
/// <param name="End">End of the word (exclusive).</param>
/// <param name="CoreStart">Start of the word without leading punctuation.</param>
/// <param name="CoreEnd">End of the word without trailing punctuation (exclusive).</param>
public readonly record struct SpacedWord(int Start, int End, int CoreStart, int CoreEnd)
{
    /// <summary>True when punctuation follows the core (a clause may end here).</summary>
    public bool HasTrailingPunctuation => CoreEnd < End;

    /// <summary>True when the word is only punctuation (a dash, a bracket).</summary>
    public bool IsPunctuationOnly => CoreStart >= CoreEnd;
}

/// <summary>
/// The one whitespace word splitter: words are maximal runs of characters that are not white space
/// (<see cref="char.IsWhiteSpace(char)"/>), each with its core inside edge punctuation. This is the notion of a
/// word for counting and scanning text by words (article structure, attribution, dates, numbers); the linguistic
/// unit is the tokenizer's token (<c>Segmentation.Tokenizer</c>). Allocation-free over spans.
/// </summary>
public static class Words
{
    /// <summary>Enumerates the words of <paramref name="text"/> (offsets relative to it) without allocating.</summary>
    public static WordEnumerator Enumerate(ReadOnlySpan<char> text) => new(text);

    /// <summary>Appends the words of <paramref name="text"/> (offsets relative to it) to <paramref name="into"/>.</summary>
    public static void Split(ReadOnlySpan<char> text, List<SpacedWord> into)
    {
        ArgumentNullException.ThrowIfNull(into);
        foreach (var word in Enumerate(text))
        {
            into.Add(word);
        }
    }

    /// <summary>Number of words in <paramref name="text"/>.</summary>
    public static int Count(ReadOnlySpan<char> text)
    {
        int count = 0;
        bool inWord = false;
        foreach (char c in text)
        {
            bool space = char.IsWhiteSpace(c);
            if (!space && !inWord)
            {
                count++;
            }
            inWord = !space;
        }
        return count;
    }

    /// <summary>Punctuation that may stick to a word's edge in Persian text (a half-space at the edge counts as such).</summary>
    public static bool IsEdgePunctuation(char c) =>
        c is PersianChars.Zwnj || (!char.IsLetterOrDigit(c) && !PersianChars.IsMark(c));
}

/// <summary>Enumerates the <see cref="SpacedWord"/>s of a span (see <see cref="Words.Enumerate"/>).</summary>
public ref struct WordEnumerator
{
    private readonly ReadOnlySpan<char> _text;
    private int _position;

    internal WordEnumerator(ReadOnlySpan<char> text)
    {
        _text = text;
        _position = 0;
        Current = default;
    }

    /// <summary>The current word.</summary>
    public SpacedWord Current { get; private set; }

    /// <summary>Returns this enumerator (for <c>foreach</c>).</summary>
    public readonly WordEnumerator GetEnumerator() => this;

    /// <summary>Moves to the next word; false at the end of the text.</summary>
    public bool MoveNext()
    {
        var text = _text;
        int i = _position;
        while (i < text.Length && char.IsWhiteSpace(text[i]))
        {
            i++;
        }
        if (i >= text.Length)
        {
            _position = i;
            return false;
        }
        int start = i;
        while (i < text.Length && !char.IsWhiteSpace(text[i]))
        {
            i++;
        }
        int coreStart = start, coreEnd = i;
        while (coreStart < coreEnd && Words.IsEdgePunctuation(text[coreStart]))
        {
            coreStart++;
        }
        while (coreEnd > coreStart && Words.IsEdgePunctuation(text[coreEnd - 1]))
        {
            coreEnd--;
        }
        _position = i;
        Current = new SpacedWord(start, i, coreStart, coreEnd);
        return true;
    }
}
