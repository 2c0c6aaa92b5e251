using System.Runtime.CompilerServices;
using Dabir.Text;

namespace Dabir.Morphology;

/// <summary>
/// The lookup key of a word form: half-spaces, joiners, diacritics and kashidas removed, Arabic yeh and kaf
/// folded to their Persian forms. So «می‌روند», «میروند» and «مي‌روند» share one key, which is what lets
/// the lemmatizer work on text whose half-spaces were stripped.
/// </summary>
public static class LemmaKey
{
    /// <summary>Longest word the lemmatizer analyses; longer tokens are their own lemma.</summary>
    public const int MaxLength = 64;

    /// <summary>Writes the key of <paramref name="word"/> into <paramref name="destination"/> and returns its length.</summary>
    public static int Fold(ReadOnlySpan<char> word, Span<char> destination)
    {
        int n = 0;
        foreach (char c in word)
        {
            if (c == PersianChars.Zwnj || c == '\u200D' || c == PersianChars.Kashida || PersianChars.IsMark(c))
            {
                continue;
            }
            if (n == destination.Length)
            {
                return -1;
            }
            destination[n++] = FoldChar(c);
        }
        return n;
    }

    /// <summary>The key of <paramref name="word"/> as a string (for building lexicons).</summary>
    public static string Fold(string word)
    {
        ArgumentNullException.ThrowIfNull(word);
        Span<char> buffer = word.Length <= 256 ? stackalloc char[word.Length] : new char[word.Length];
        int n = Fold(word, buffer);
        return buffer[..n].ToString();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static char FoldChar(char c) => c switch
    {
        '\u064A' or '\u0649' => '\u06CC', // Arabic yeh, alef maksura → Persian yeh
        '\u0643' => '\u06A9',             // Arabic kaf → keheh
        '\u0629' => '\u0647',             // teh marbuta → heh
        '\u06C0' => '\u0647',             // heh with yeh above → heh (its hamza is an ezafe)
        _ => c,
    };
}
