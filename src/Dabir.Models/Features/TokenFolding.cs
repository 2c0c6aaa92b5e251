namespace Dabir.Models.Features;

/// <summary>
/// Folds a token to the form every feature is computed on: no ZWNJ/ZWJ, spaces, tatweel or diacritics;
/// Arabic yeh/kaf/heh variants as Persian letters; Persian and Arabic-Indic digits as ASCII; ASCII lower case.
/// Because half-spaces are folded away, a tagger sees the same features whether or not the text kept its
/// ZWNJs, which is what makes it robust to ZWNJ-stripped input by construction.
/// </summary>
internal static class TokenFolding
{
    /// <summary>Writes the folded form of <paramref name="token"/> into <paramref name="destination"/> (at least
    /// as long as the token) and returns its length.</summary>
    public static int Fold(ReadOnlySpan<char> token, Span<char> destination)
    {
        int n = 0;
        foreach (char c in token)
        {
            char f = FoldChar(c);
            if (f != '\0')
            {
                destination[n++] = f;
            }
        }
        return n;
    }

    /// <summary>The folded form of <paramref name="token"/> as a string (for dictionary keys at training time).</summary>
    public static string Folded(string token)
    {
        Span<char> buffer = token.Length <= 256 ? stackalloc char[token.Length] : new char[token.Length];
        return new string(buffer[..Fold(token, buffer)]);
    }

    /// <summary>The folded character, or '\0' to drop it.</summary>
    public static char FoldChar(char c)
    {
        switch (c)
        {
            case '\u200C' or '\u200D' or '\u200E' or '\u200F' or '\u0640' or ' ' or '\u00A0' or '\uFEFF':
                return '\0';
            case >= '\u064B' and <= '\u065F' or '\u0670':
                return '\0';
            case '\u064A' or '\u0649' or '\u06CC':
                return '\u06CC';
            case '\u0643':
                return '\u06A9';
            case '\u06C0':
                return '\u0647';
            case '\u0623' or '\u0625' or '\u0671':
                return '\u0627';
            case >= '\u06F0' and <= '\u06F9':
                return (char)('0' + (c - '\u06F0'));
            case >= '\u0660' and <= '\u0669':
                return (char)('0' + (c - '\u0660'));
            case >= 'A' and <= 'Z':
                return (char)(c + 32);
            default:
                return c;
        }
    }

    /// <summary>Coarse character class used by the shape feature.</summary>
    public static char ShapeClass(char c) => c switch
    {
        >= '0' and <= '9' => 'd',
        >= 'a' and <= 'z' => 'l',
        >= '\u0600' and <= '\u06FF' or >= '\uFB50' and <= '\uFEFC' => 'p',
        '.' or ',' or '،' or '/' or ':' or '-' or '٫' or '٬' => c,
        _ when char.IsPunctuation(c) || char.IsSymbol(c) => 's',
        _ => 'o',
    };
}
