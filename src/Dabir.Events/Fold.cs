namespace Dabir.Events;

/// <summary>
/// The folded form aliases and words are compared on: half-spaces, diacritics, tatweel and hamza marks dropped,
/// Arabic letter variants and hamza carriers mapped to their plain letters, digits to ASCII, Latin to lower case.
/// «آسه‌آن», «آسهآن» and (token by token) «آسه آن» fold to one key.
/// </summary>
// TODO: PersianFold — swap for Dabir.Text.PersianFold when the core-owners branch lands it.
internal static class Fold
{
    /// <summary>Appends the folded form of <paramref name="source"/> to <paramref name="destination"/>; returns the chars written, or -1 when it does not fit.</summary>
    public static int Append(ReadOnlySpan<char> source, Span<char> destination)
    {
        int n = 0;
        foreach (char c in source)
        {
            char f = Map(c);
            if (f == '\0')
            {
                continue;
            }
            if (n == destination.Length)
            {
                return -1;
            }
            destination[n++] = f;
        }
        return n;
    }

    /// <summary>The folded form of <paramref name="text"/> with its spaces removed (an alias key).</summary>
    public static string Key(string text)
    {
        Span<char> buffer = text.Length <= 256 ? stackalloc char[text.Length] : new char[text.Length];
        int n = 0;
        foreach (char c in text)
        {
            char f = c == ' ' ? '\0' : Map(c);
            if (f != '\0')
            {
                buffer[n++] = f;
            }
        }
        return new string(buffer[..n]);
    }

    /// <summary>The folded form of one word (no spaces inside a word).</summary>
    public static string Word(ReadOnlySpan<char> word)
    {
        Span<char> buffer = word.Length <= 256 ? stackalloc char[word.Length] : new char[word.Length];
        int n = Append(word, buffer);
        return new string(buffer[..n]);
    }

    /// <summary>The folded character, or <c>'\0'</c> for one that does not count.</summary>
    public static char Map(char c) => c switch
    {
        '\u200C' or '\u200D' or '\u0640' or '\u0621' or '\u00AD' => '\0',
        >= '\u064B' and <= '\u065F' => '\0',
        '\u0670' => '\0',
        '\u064A' or '\u0649' or '\u0626' => '\u06CC',
        '\u0643' => '\u06A9',
        '\u0629' or '\u06C0' => '\u0647',
        '\u0623' or '\u0625' or '\u0622' or '\u0671' => '\u0627',
        '\u0624' => '\u0648',
        >= '\u06F0' and <= '\u06F9' => (char)('0' + (c - '\u06F0')),
        >= '\u0660' and <= '\u0669' => (char)('0' + (c - '\u0660')),
        >= 'A' and <= 'Z' => (char)(c + 32),
        _ => c,
    };
}
