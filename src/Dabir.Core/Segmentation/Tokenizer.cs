using System.Buffers;
using System.Runtime.CompilerServices;
using Dabir.Text;

namespace Dabir.Segmentation;

/// <summary>
/// Splits repaired text into tokens in one left-to-right pass over the characters: Persian words (a half-space
/// inside keeps a word whole), numbers with separators, dates and times, punctuation, URLs, e-mails,
/// hashtags, mentions, Latin words, emoji and dotted abbreviations. Allocation-free apart from the output list.
/// </summary>
/// <remarks>
/// Pronominal clitics are not split here: a token is a surface unit; <see cref="CliticSplitter"/> divides
/// tokens into syntactic words (UD multiword tokens).
/// </remarks>
public static class Tokenizer
{
    // Separators that keep a number whole when a digit follows: decimal points (. ٫), thousands (, ٬),
    // dates (/ -) and times (:).
    private static readonly SearchValues<char> NumberSeparators = SearchValues.Create(".,٫٬/:");

    // Invisible controls that repair deletes (PersianChars.IsInvisibleControl but the ZWNJ, which repair keeps
    // where it is visible, and the ZWJ, which the word and emoji scanners read themselves). The tokenizer reads
    // through them, so a text tokenizes over the same characters whether repair removed them or kept them.
    private static readonly SearchValues<char> Transparent = SearchValues.Create(TransparentChars());

    private static string TransparentChars()
    {
        var chars = new System.Text.StringBuilder();
        for (int c = 0; c <= char.MaxValue; c++)
        {
            if (PersianChars.IsInvisibleControl((char)c) && c is not (PersianChars.Zwnj or '\u200D'))
            {
                chars.Append((char)c);
            }
        }
        return chars.ToString();
    }

    // Marks that form one token when repeated or mixed: "..." "!!" "؟!".
    private static readonly SearchValues<char> RunPunctuation = SearchValues.Create(".!?؟…");

    /// <summary>Appends the tokens of <paramref name="text"/> to <paramref name="output"/>, offsets shifted by <paramref name="offset"/>.</summary>
    public static void Tokenize(ReadOnlySpan<char> text, List<Token> output, int offset = 0)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (text.ContainsAny(Transparent))
        {
            TokenizeThroughControls(text, output, offset);
            return;
        }
        TokenizeVisible(text, output, offset);
    }

    /// <summary>True for an invisible control the tokenizer reads through (LRM, RLM, bidi embeddings and
    /// isolates, soft hyphen, zero-width space, word joiner, BOM...): it never splits nor ends a token.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static bool IsTransparent(char c) => c >= '\u00AD' && Transparent.Contains(c);

    // Tokenizes the text with its transparent controls left out and maps the tokens back: a control inside a
    // token is covered by it, one at a token's edge is not, exactly as if repair had removed it.
    private static void TokenizeThroughControls(ReadOnlySpan<char> text, List<Token> output, int offset)
    {
        char[] visible = ArrayPool<char>.Shared.Rent(text.Length);
        int[] index = ArrayPool<int>.Shared.Rent(text.Length);
        int n = 0;
        for (int i = 0; i < text.Length; i++)
        {
            if (!Transparent.Contains(text[i]))
            {
                visible[n] = text[i];
                index[n] = i;
                n++;
            }
        }
        int first = output.Count;
        TokenizeVisible(visible.AsSpan(0, n), output, 0);
        for (int t = first; t < output.Count; t++)
        {
            var token = output[t];
            int start = index[token.Start], end = index[token.Start + token.Length - 1] + 1;
            output[t] = new Token(offset + start, end - start, token.Kind);
        }
        ArrayPool<char>.Shared.Return(visible);
        ArrayPool<int>.Shared.Return(index);
    }

    private static void TokenizeVisible(ReadOnlySpan<char> text, List<Token> output, int offset)
    {
        int i = 0;
        while (i < text.Length)
        {
            char c = text[i];
            if (IsSeparator(c))
            {
                i++;
                continue;
            }
            var (length, kind) = Next(text, i);
            output.Add(new Token(offset + i, length, kind));
            i += length;
        }
    }

    /// <summary>True for characters that only separate tokens: white space, invisible format marks, a stray half-space.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsSeparator(char c) =>
        c <= ' ' || c == '\u00A0' || c == PersianChars.Zwnj ||
        (c >= '\u2000' && (c <= '\u200F' || (c >= '\u2028' && c <= '\u202F') || (c >= '\u2060' && c <= '\u206F') || c == '\uFEFF' || c == '\u3000'));

    private static (int Length, TokenKind Kind) Next(ReadOnlySpan<char> text, int i)
    {
        char c = text[i];
        if (PersianChars.IsLetter(c) || PersianChars.IsMark(c) || c == PersianChars.Kashida)
        {
            int abbreviation = MatchDottedAbbreviation(text, i);
            if (abbreviation > 0)
            {
                return (abbreviation, TokenKind.Abbreviation);
            }
            return (ScanPersianWord(text, i) - i, TokenKind.Word);
        }
        if (PersianChars.IsAnyDigit(c))
        {
            if (char.IsAsciiDigit(c))
            {
                int email = WebRuns.EmailLength(text[i..]);
                if (email > 0)
                {
                    return (email, TokenKind.Email);
                }
            }
            int end = ScanNumber(text, i);
            // "4G", "3D", "F16" stay whole: ASCII digits glued to Latin letters form one Latin token.
            if (char.IsAsciiDigit(c) && end < text.Length && char.IsAsciiLetter(text[end]))
            {
                return (ScanLatin(text, i) - i, TokenKind.Latin);
            }
            return (end - i, TokenKind.Number);
        }
        if (char.IsAsciiLetter(c))
        {
            int url = WebRuns.UrlLength(text[i..]);
            if (url > 0)
            {
                return (url, TokenKind.Url);
            }
            int email = WebRuns.EmailLength(text[i..]);
            if (email > 0)
            {
                return (email, TokenKind.Email);
            }
            return (ScanLatin(text, i) - i, TokenKind.Latin);
        }
        if (c == '#' && WebRuns.HashtagLength(text[i..]) is > 0 and var hashtag)
        {
            return (hashtag, TokenKind.Hashtag);
        }
        if (c == '@' && WebRuns.MentionLength(text[i..]) is > 0 and var mention)
        {
            return (mention, TokenKind.Mention);
        }
        if (char.IsHighSurrogate(c) || IsEmojiBmp(c))
        {
            int end = ScanEmoji(text, i);
            return (end - i, IsEmojiAt(text, i) ? TokenKind.Emoji : TokenKind.Latin);
        }
        if (RunPunctuation.Contains(c))
        {
            int end = i + 1;
            bool dots = c == '.';
            while (end < text.Length && RunPunctuation.Contains(text[end]) && (text[end] == '.') == dots && text[end] != '…')
            {
                end++;
            }
            return (end - i, TokenKind.Punctuation);
        }
        if (char.IsLetter(c))
        {
            // Other scripts (Cyrillic, accented Latin, CJK): one run of letters and digits.
            int end = i + 1;
            while (end < text.Length && (char.IsLetterOrDigit(text[end]) || char.IsLowSurrogate(text[end])) && !PersianChars.IsArabicScript(text[end]))
            {
                end++;
            }
            return (end - i, TokenKind.Latin);
        }
        if (char.IsDigit(c))
        {
            int end = i + 1;
            while (end < text.Length && char.IsDigit(text[end]))
            {
                end++;
            }
            return (end - i, TokenKind.Number);
        }
        var category = char.GetUnicodeCategory(c);
        bool isSymbol = category is System.Globalization.UnicodeCategory.MathSymbol or System.Globalization.UnicodeCategory.CurrencySymbol
            or System.Globalization.UnicodeCategory.ModifierSymbol or System.Globalization.UnicodeCategory.OtherSymbol || c == '%' || c == '٪';
        return (1, isSymbol ? TokenKind.Symbol : TokenKind.Punctuation);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsPersianWordChar(char c) => PersianChars.IsLetter(c) || PersianChars.IsMark(c) || c == PersianChars.Kashida;

    private static int ScanPersianWord(ReadOnlySpan<char> text, int i)
    {
        int end = i + 1;
        while (end < text.Length)
        {
            char c = text[end];
            if (IsPersianWordChar(c))
            {
                end++;
            }
            else if ((c == PersianChars.Zwnj || c == '\u200D') && end + 1 < text.Length && IsPersianWordChar(text[end + 1]))
            {
                // A half-space (or a joiner) between letters is part of the word; at its edge it only separates.
                end += 2;
            }
            else
            {
                break;
            }
        }
        return end;
    }

    private static int ScanNumber(ReadOnlySpan<char> text, int i)
    {
        int end = i + 1;
        while (end < text.Length)
        {
            char c = text[end];
            if (PersianChars.IsAnyDigit(c))
            {
                end++;
            }
            else if (NumberSeparators.Contains(c) && end + 1 < text.Length && PersianChars.IsAnyDigit(text[end + 1]))
            {
                end += 2;
            }
            else
            {
                break;
            }
        }
        return end;
    }

    private static int ScanLatin(ReadOnlySpan<char> text, int i)
    {
        int end = i + 1;
        while (end < text.Length)
        {
            char c = text[end];
            if (char.IsAsciiLetterOrDigit(c) || (c > '\u007F' && char.IsLetter(c) && !PersianChars.IsArabicScript(c)))
            {
                end++;
            }
            else if ((c is '-' or '_' or '\'' or '’' or '&' or '.') && end + 1 < text.Length && char.IsAsciiLetterOrDigit(text[end + 1])
                     && (c != '.' || char.IsAsciiLetter(text[end + 1])))
            {
                end += 2;
            }
            else
            {
                break;
            }
        }
        return end;
    }

    /// <summary>
    /// Single letters joined by dots with no space: «ج.ا.ا», «ه.ش», «آ.د.ک».
    /// A final dot is left to the sentence splitter, which knows not to end a sentence after an abbreviation.
    /// </summary>
    private static int MatchDottedAbbreviation(ReadOnlySpan<char> text, int i)
    {
        int end = i;
        int parts = 0;
        while (true)
        {
            int wordEnd = end;
            while (wordEnd < text.Length && IsPersianWordChar(text[wordEnd]))
            {
                wordEnd++;
            }
            int letters = wordEnd - end;
            if (letters != 1)
            {
                break;
            }
            parts++;
            end = wordEnd;
            if (end + 1 < text.Length && text[end] == '.' && IsPersianWordChar(text[end + 1]))
            {
                end++;
                continue;
            }
            break;
        }
        if (parts < 2 || (end < text.Length && IsPersianWordChar(text[end])))
        {
            return 0;
        }
        return end - i;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsEmojiBmp(char c) => (c >= '\u2600' && c <= '\u27BF') || (c >= '\u2B00' && c <= '\u2BFF') || c == '\u00A9' || c == '\u00AE' || (c >= '\u2190' && c <= '\u21FF') || (c >= '\u2300' && c <= '\u23FF');

    private static bool IsEmojiAt(ReadOnlySpan<char> text, int i)
    {
        if (!char.IsHighSurrogate(text[i]))
        {
            return true;
        }
        if (i + 1 >= text.Length || !char.IsLowSurrogate(text[i + 1]))
        {
            return false;
        }
        int cp = char.ConvertToUtf32(text[i], text[i + 1]);
        return cp is >= 0x1F000 and <= 0x1FAFF;
    }

    private static int ScanEmoji(ReadOnlySpan<char> text, int i)
    {
        int end = i + (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]) ? 2 : 1);
        while (end < text.Length)
        {
            char c = text[end];
            if (c == '\uFE0F' || c == '\uFE0E' || c == '\u20E3')
            {
                end++;
            }
            else if (c == '\uD83C' && end + 1 < text.Length && text[end + 1] >= '\uDFFB' && text[end + 1] <= '\uDFFF')
            {
                end += 2; // skin tone modifier
            }
            else if (c == '\u200D' && end + 1 < text.Length && (char.IsHighSurrogate(text[end + 1]) || IsEmojiBmp(text[end + 1])))
            {
                end += 1 + (char.IsHighSurrogate(text[end + 1]) && end + 2 < text.Length && char.IsLowSurrogate(text[end + 2]) ? 2 : 1);
            }
            else if (end == i + 2 && char.IsHighSurrogate(c) && end + 1 < text.Length && char.IsLowSurrogate(text[end + 1])
                     && char.ConvertToUtf32(c, text[end + 1]) is >= 0x1F1E6 and <= 0x1F1FF
                     && char.ConvertToUtf32(text[i], text[i + 1]) is >= 0x1F1E6 and <= 0x1F1FF)
            {
                end += 2; // regional indicator pair: a flag
            }
            else
            {
                break;
            }
        }
        return end;
    }
}
