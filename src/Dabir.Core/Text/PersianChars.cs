using System.Runtime.CompilerServices;

namespace Dabir.Text;

/// <summary>Character facts of the Persian (Arabic) script that every layer relies on.</summary>
public static class PersianChars
{
    /// <summary>ZERO WIDTH NON-JOINER (U+200C), the Persian half-space.</summary>
    public const char Zwnj = '\u200C';

    /// <summary>ARABIC TATWEEL (U+0640), the kashida.</summary>
    public const char Kashida = '\u0640';

    private const byte Letter = 1;
    private const byte JoinsForward = 2;
    private const byte Mark = 4;
    private const byte Digit = 8;

    // Joining types from Unicode's ArabicShaping.txt for U+0600..U+06FF: dual-joining letters join forward,
    // right-joining ones (ا د ذ ر ز ژ و ...) do not, so a half-space after them is invisible.
    private static readonly byte[] Table = BuildTable();

    private static byte[] BuildTable()
    {
        var t = new byte[0x100];
        void Set(int from, int to, byte flags)
        {
            for (int c = from; c <= to; c++)
            {
                t[c - 0x600] = flags;
            }
        }
        const byte dual = Letter | JoinsForward;
        // Right-joining and non-joining letters first, dual-joining below.
        Set(0x0621, 0x0621, Letter); // hamza: non-joining
        Set(0x0622, 0x0625, Letter); // alef variants, waw with hamza
        Set(0x0626, 0x0626, dual);   // yeh with hamza
        Set(0x0627, 0x0627, Letter); // alef
        Set(0x0628, 0x0628, dual);
        Set(0x0629, 0x0629, Letter); // teh marbuta
        Set(0x062A, 0x062E, dual);
        Set(0x062F, 0x0632, Letter); // dal thal reh zain
        Set(0x0633, 0x063F, dual);
        Set(0x0640, 0x0640, JoinsForward); // tatweel joins both ways, but is not a letter
        Set(0x0641, 0x0647, dual);
        Set(0x0648, 0x0648, Letter); // waw
        Set(0x0649, 0x064A, dual);
        Set(0x064B, 0x065F, Mark);
        Set(0x0660, 0x0669, Digit);
        Set(0x066E, 0x066F, dual);
        Set(0x0670, 0x0670, Mark);
        Set(0x0671, 0x0673, Letter);
        Set(0x0674, 0x0674, Letter);
        Set(0x0675, 0x0677, Letter);
        Set(0x0678, 0x0687, dual);
        Set(0x0688, 0x0699, Letter); // dal and reh variants, incl. zhe
        Set(0x069A, 0x06BF, dual);   // incl. keheh, gaf
        Set(0x06C0, 0x06C0, Letter); // heh with yeh above
        Set(0x06C1, 0x06C2, dual);
        Set(0x06C3, 0x06CB, Letter);
        Set(0x06CC, 0x06CC, dual);   // farsi yeh
        Set(0x06CD, 0x06CD, Letter);
        Set(0x06CE, 0x06CE, dual);
        Set(0x06CF, 0x06CF, Letter);
        Set(0x06D0, 0x06D1, dual);
        Set(0x06D2, 0x06D3, Letter);
        Set(0x06D5, 0x06D5, Letter);
        Set(0x06D6, 0x06DC, Mark);
        Set(0x06DF, 0x06E4, Mark);
        Set(0x06E7, 0x06E8, Mark);
        Set(0x06EA, 0x06ED, Mark);
        Set(0x06EE, 0x06EF, Letter);
        Set(0x06F0, 0x06F9, Digit);
        Set(0x06FA, 0x06FC, dual);
        Set(0x06FF, 0x06FF, dual);
        return t;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static byte Flags(char c) => (uint)(c - 0x0600) < 0x100u ? Table[c - 0x0600] : (byte)0;

    /// <summary>True for a letter of the Arabic block (Persian or Arabic), excluding marks and digits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsLetter(char c) => (Flags(c) & Letter) != 0;

    /// <summary>
    /// True when <paramref name="c"/> connects to the following letter (dual-joining letters and the
    /// kashida): only after such a character is a half-space visible.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool JoinsToNext(char c) => (Flags(c) & JoinsForward) != 0;

    /// <summary>True for a combining mark of the Arabic block (harakat, tanwin, shadda, hamza above, ...).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsMark(char c) => (Flags(c) & Mark) != 0;

    /// <summary>True for Persian (U+06F0..U+06F9) or Arabic-Indic (U+0660..U+0669) digits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsArabicScriptDigit(char c) => (Flags(c) & Digit) != 0;

    /// <summary>True for any character of the Arabic block U+0600..U+06FF or of the presentation forms.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsArabicScript(char c) =>
        (uint)(c - 0x0600) < 0x100u || (uint)(c - 0xFB50) < 0x3B0u || (uint)(c - 0xFE70) < 0x90u;

    /// <summary>True for a character that is part of a Persian word: a letter, a mark or a half-space.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsWordChar(char c) => (Flags(c) & (Letter | Mark)) != 0 || c == Zwnj;

    /// <summary>
    /// True for an invisible format control that repair removes and folding ignores: ZWNJ, ZWJ, LRM, RLM, ALM,
    /// bidi embeddings, overrides and isolates, the soft hyphen, zero-width space, word joiner and invisible
    /// operators, the Mongolian vowel separator and the BOM. None of them ends a word: repair deletes them (the
    /// soft hyphen becomes a ZWNJ), so a word is the same whether they were removed or kept.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static bool IsInvisibleControl(char c) => c switch
    {
        '\u00AD' or '\u061C' or '\u180E' or (>= '\u200B' and <= '\u200F') or (>= '\u202A' and <= '\u202E')
            or (>= '\u2060' and <= '\u2064') or (>= '\u2066' and <= '\u2069') or '\uFEFF' => true,
        _ => false,
    };

    /// <summary>True for any digit: ASCII, Persian or Arabic-Indic.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsAnyDigit(char c) => char.IsAsciiDigit(c) || IsArabicScriptDigit(c);
}
