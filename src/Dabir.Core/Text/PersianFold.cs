using System.Buffers;
using System.Runtime.CompilerServices;

namespace Dabir.Text;

/// <summary>
/// The one folding of Persian text to the form words are matched, looked up and hashed on. The default fold maps
/// Arabic letter variants to the Persian letter (ي ى ئ → ی, ك → ک, ة ۀ ە ہ ھ → ه, أ إ ٱ → ا, ؤ → و), removes
/// half-spaces (ZWNJ), the other invisible format controls (ZWJ, LRM, RLM, bidi embeddings and isolates, soft
/// hyphen, word joiner, BOM...), Arabic diacritics and the kashida, folds Persian and Arabic-Indic digits to ASCII
/// and lower-cases; so «مي‌روند», «میروند» and «مِی‌روَند» fold alike. A fold never makes text longer.
/// Callers whose stored data (trained features, lexicon keys) was built on a variant name it with
/// <see cref="PersianFoldOptions"/>.
/// </summary>
/// <remarks>
/// The span overloads write into a caller's buffer and allocate nothing: each character is one load from a table
/// built once per <see cref="PersianFoldOptions"/> value. The string overloads are conveniences over the same core.
/// Thread-safe.
/// </remarks>
public static class PersianFold
{
    private const int OptionBits = 12;
    private const PersianFoldOptions AllOptions = (PersianFoldOptions)((1 << OptionBits) - 1);

    // One 64K-entry table per options value, built on first use; '\0' means the character is removed.
    private static readonly char[]?[] Tables = new char[]?[1 << OptionBits];

    /// <summary>Writes the default fold of <paramref name="source"/> into <paramref name="destination"/>.</summary>
    /// <returns>The number of characters written, or -1 when <paramref name="destination"/> is too short
    /// (as <see cref="MemoryExtensions.ToLowerInvariant(ReadOnlySpan{char}, Span{char})"/>). A destination as long
    /// as the source is always enough.</returns>
    public static int Fold(ReadOnlySpan<char> source, Span<char> destination) => Fold(source, destination, PersianFoldOptions.None);

    /// <summary>Writes the fold of <paramref name="source"/> under <paramref name="options"/> into <paramref name="destination"/>.</summary>
    /// <returns>The number of characters written, or -1 when <paramref name="destination"/> is too short.</returns>
    public static int Fold(ReadOnlySpan<char> source, Span<char> destination, PersianFoldOptions options)
    {
        char[] table = Table(options);
        int n = 0;
        foreach (char c in source)
        {
            char f = table[c];
            if (f != '\0')
            {
                if ((uint)n >= (uint)destination.Length)
                {
                    return -1;
                }
                destination[n++] = f;
            }
        }
        return n;
    }

    /// <summary>
    /// Writes the fold of <paramref name="source"/> into <paramref name="destination"/> and, for every character
    /// written, the index in <paramref name="source"/> of the character it came from into
    /// <paramref name="sourceIndices"/> (skipped when empty), so that a match on the folded text can be mapped back.
    /// </summary>
    /// <returns>The number of characters written, or -1 when <paramref name="destination"/> or a non-empty
    /// <paramref name="sourceIndices"/> is too short.</returns>
    public static int Fold(ReadOnlySpan<char> source, Span<char> destination, Span<int> sourceIndices, PersianFoldOptions options)
    {
        if (sourceIndices.IsEmpty)
        {
            return Fold(source, destination, options);
        }
        char[] table = Table(options);
        int n = 0;
        for (int i = 0; i < source.Length; i++)
        {
            char f = table[source[i]];
            if (f != '\0')
            {
                if ((uint)n >= (uint)destination.Length || (uint)n >= (uint)sourceIndices.Length)
                {
                    return -1;
                }
                destination[n] = f;
                sourceIndices[n] = i;
                n++;
            }
        }
        return n;
    }

    /// <summary>The default fold of <paramref name="text"/>; <paramref name="text"/> itself when folding changes nothing.</summary>
    public static string Fold(string text) => Fold(text, PersianFoldOptions.None);

    /// <summary>The fold of <paramref name="text"/> under <paramref name="options"/>; <paramref name="text"/> itself when folding changes nothing.</summary>
    public static string Fold(string text, PersianFoldOptions options)
    {
        ArgumentNullException.ThrowIfNull(text);
        return FoldToString(text, text, options);
    }

    /// <summary>The default fold of <paramref name="text"/> as a new string.</summary>
    public static string Fold(ReadOnlySpan<char> text) => FoldToString(text, null, PersianFoldOptions.None);

    /// <summary>The fold of <paramref name="text"/> under <paramref name="options"/> as a new string.</summary>
    public static string Fold(ReadOnlySpan<char> text, PersianFoldOptions options) => FoldToString(text, null, options);

    /// <summary>The default fold of one character, or '\0' when the fold removes it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static char FoldChar(char c) => Table(PersianFoldOptions.None)[c];

    /// <summary>The fold of one character under <paramref name="options"/>, or '\0' when the fold removes it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static char FoldChar(char c, PersianFoldOptions options) => Table(options)[c];

    private static string FoldToString(ReadOnlySpan<char> text, string? original, PersianFoldOptions options)
    {
        char[]? rented = null;
        Span<char> buffer = text.Length <= 256 ? stackalloc char[text.Length] : (rented = ArrayPool<char>.Shared.Rent(text.Length));
        int n = Fold(text, buffer, options);
        string result = original is not null && n == text.Length && buffer[..n].SequenceEqual(text) ? original : new string(buffer[..n]);
        if (rented is not null)
        {
            ArrayPool<char>.Shared.Return(rented);
        }
        return result;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static char[] Table(PersianFoldOptions options)
    {
        uint index = (uint)options;
        if (index >= (uint)Tables.Length)
        {
            ThrowUnknownOptions(options);
        }
        return Volatile.Read(ref Tables[index]) ?? BuildTable(options);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static char[] BuildTable(PersianFoldOptions options)
    {
        var table = new char[0x10000];
        for (int c = 0; c < table.Length; c++)
        {
            table[c] = Compute((char)c, options);
        }
        // Two threads may build the same table; both results are equal, one is kept.
        return Interlocked.CompareExchange(ref Tables[(int)options], table, null) ?? table;
    }

    private static void ThrowUnknownOptions(PersianFoldOptions options) =>
        throw new ArgumentOutOfRangeException(nameof(options), options, $"Unknown flags; known: {AllOptions}.");

    // The rules, evaluated once per character and options value when a table is built.
    private static char Compute(char c, PersianFoldOptions options)
    {
        bool Has(PersianFoldOptions flag) => (options & flag) != 0;

        if (c == '\0' || c == PersianChars.Zwnj || c == PersianChars.Kashida || PersianChars.IsMark(c))
        {
            return '\0';
        }
        if (Has(PersianFoldOptions.KeepRareFormatControls) ? c is '\u200D' or '\u200E' or '\u200F' or '\uFEFF' : PersianChars.IsInvisibleControl(c))
        {
            return '\0';
        }
        if ((Has(PersianFoldOptions.RemoveSpaces) && c is ' ' or '\u00A0')
            || (Has(PersianFoldOptions.RemoveHamza) && c == 'ء')
            || (Has(PersianFoldOptions.LettersAndDigitsOnly) && !char.IsLetterOrDigit(c)))
        {
            return '\0';
        }
        switch (c)
        {
            case 'ي' or 'ى':
                return 'ی';
            case 'ك':
                return 'ک';
            case 'ۀ': // heh with yeh above: its hamza is the ezafe, not part of the word
                return 'ه';
            case 'ئ':
                return Has(PersianFoldOptions.KeepHamzaCarriers) ? c : 'ی';
            case 'ؤ':
                return Has(PersianFoldOptions.KeepHamzaCarriers) ? c : 'و';
            case 'أ' or 'إ' or 'ٱ':
                return Has(PersianFoldOptions.KeepAlefVariants) ? c : 'ا';
            case 'آ':
                return Has(PersianFoldOptions.FoldAlefMadda) ? 'ا' : c;
            case 'ة':
                return Has(PersianFoldOptions.KeepTehMarbuta) ? c : 'ه';
            case 'ە' or 'ہ' or 'ھ':
                return Has(PersianFoldOptions.KeepRareHehForms) ? c : 'ه';
        }
        if (!Has(PersianFoldOptions.KeepDigits) && PersianChars.IsArabicScriptDigit(c))
        {
            return (char)('0' + (c >= '\u06F0' ? c - '\u06F0' : c - '\u0660'));
        }
        if (Has(PersianFoldOptions.KeepCase))
        {
            return c;
        }
        if (Has(PersianFoldOptions.LowercaseAsciiOnly))
        {
            return char.IsAsciiLetterUpper(c) ? (char)(c + 32) : c;
        }
        return char.ToLowerInvariant(c);
    }
}
