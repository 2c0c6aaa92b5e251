using System.Text;
using Dabir.Text;

namespace Dabir.Archive;

/// <summary>
/// The one fold search terms go through, at ingest and at query time: <see cref="PersianFold"/> under
/// <see cref="PersianFoldOptions.HalfSpaceKey"/> (letter variants ي/ك → ی/ک, hamza carriers ؤ/ئ/أ folded, the stand-alone
/// hamza, half-spaces, diacritics and kashida removed, digits to ASCII, lower case), then only letters and digits
/// kept, so «نامه‌های»/«نامههای» and «رؤسا»/«روسا» give one term and no character can reach FTS5 as syntax.
/// </summary>
internal static class SearchTerms
{
    private const PersianFoldOptions Options = PersianFoldOptions.HalfSpaceKey;

    /// <summary>Longest term kept; longer tokens (URLs, garbage) are cut, never dropped, so they still match themselves.</summary>
    public const int MaxLength = 64;

    /// <summary>Writes the term of <paramref name="word"/> into <paramref name="destination"/> (at least <see cref="MaxLength"/> long); returns its length (0: no term).</summary>
    public static int Fold(ReadOnlySpan<char> word, Span<char> destination)
    {
        if (word.Length > 4 * MaxLength)
        {
            word = word[..(4 * MaxLength)];
        }
        Span<char> folded = stackalloc char[word.Length];
        int n = PersianFold.Fold(word, folded, Options);
        int w = 0;
        for (int i = 0; i < n && w < MaxLength; i++)
        {
            char c = folded[i];
            if (char.IsLetterOrDigit(c))
            {
                destination[w++] = c;
            }
        }
        return w;
    }

    /// <summary>The term of <paramref name="word"/>, or null when it has no letter or digit.</summary>
    public static string? Fold(ReadOnlySpan<char> word)
    {
        Span<char> buffer = stackalloc char[MaxLength];
        int n = Fold(word, buffer);
        return n == 0 ? null : new string(buffer[..n]);
    }

    /// <summary>Appends the term of <paramref name="word"/> and a space to <paramref name="into"/>; false (nothing appended) when it has none.</summary>
    public static bool Append(StringBuilder into, ReadOnlySpan<char> word)
    {
        Span<char> buffer = stackalloc char[MaxLength];
        int n = Fold(word, buffer);
        if (n == 0)
        {
            return false;
        }
        into.Append(buffer[..n]).Append(' ');
        return true;
    }
}
