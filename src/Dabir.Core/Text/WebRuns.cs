using System.Buffers;
using System.Runtime.CompilerServices;

namespace Dabir.Text;

/// <summary>What <see cref="WebRuns.Match"/> found.</summary>
internal enum WebRunKind
{
    /// <summary>Ordinary text.</summary>
    None,

    /// <summary>A URL with a scheme (http, https, ftp) or starting «www.».</summary>
    Url,

    /// <summary>An ASCII e-mail address.</summary>
    Email,

    /// <summary>«#» and a tag of letters, digits and underscores (Persian or ASCII).</summary>
    Hashtag,

    /// <summary>«@» and an ASCII handle.</summary>
    Mention,
}

/// <summary>
/// The one recognizer of URLs, e-mail addresses, hashtags and mentions: repair protects what it finds at the start
/// of a whitespace-delimited run (<c>Repair.ProtectedRuns</c>) and the tokenizer makes the same characters one token,
/// so no character is left unrepaired by repair yet tokenized as text. (The tokenizer also finds runs inside a
/// whitespace run, «متن:https://...»; repair has treated those characters as text.) A hand-written scan, no regex.
/// </summary>
/// <remarks>
/// Where a URL ends in running Persian text: at white space, at an invisible control (RFC 3987 excludes the
/// bidi controls from IRIs; a ZWNJ there is a stray), at the ASCII characters a URL never holds unescaped
/// (<c>" &lt; &gt;</c>), and at any non-ASCII character that is not a letter, digit or mark: Persian
/// punctuation (، ؛ ؟ « » “ ” …) and symbols are never part of an address typed in Persian text, whereas Persian
/// letters are (fa.wikipedia.org/wiki/تهران, or a host label «ایران.ir»), except where they follow ASCII inside the host
/// («example.comرا» lost its space). So in «https://example.com/«كتاب» است» the URL ends at «
/// and the word after it is repaired and tokenized as text. ASCII punctuation that usually closes a sentence
/// (<c>. , ; : ! ? ) ] } '</c>) is then trimmed from the end; a «)» stays when it closes a «(» of the URL.
/// </remarks>
internal static class WebRuns
{
    // ASCII characters trimmed from the end of a URL: they usually punctuate the sentence around it.
    private static readonly SearchValues<char> UrlTrailing = SearchValues.Create(".,;:!?)]}'");

    /// <summary>
    /// The run that starts at the beginning of <paramref name="text"/>: its length and kind, or 0 and
    /// <see cref="WebRunKind.None"/> when <paramref name="text"/> does not start with one.
    /// </summary>
    public static int Match(ReadOnlySpan<char> text, out WebRunKind kind)
    {
        kind = WebRunKind.None;
        if (text.IsEmpty)
        {
            return 0;
        }
        char c = text[0];
        int length;
        if (char.IsAsciiLetter(c) && (length = UrlLength(text)) > 0)
        {
            kind = WebRunKind.Url;
            return length;
        }
        if (char.IsAsciiLetterOrDigit(c) && (length = EmailLength(text)) > 0)
        {
            kind = WebRunKind.Email;
            return length;
        }
        if (c == '#' && (length = HashtagLength(text)) > 0)
        {
            kind = WebRunKind.Hashtag;
            return length;
        }
        if (c == '@' && (length = MentionLength(text)) > 0)
        {
            kind = WebRunKind.Mention;
            return length;
        }
        return 0;
    }

    /// <summary>Length of the URL at the start of <paramref name="text"/> (scheme or «www.»), 0 when there is none.</summary>
    public static int UrlLength(ReadOnlySpan<char> text)
    {
        int prefix = text.StartsWith("https://", StringComparison.OrdinalIgnoreCase) ? 8
            : text.StartsWith("http://", StringComparison.OrdinalIgnoreCase) ? 7
            : text.StartsWith("ftp://", StringComparison.OrdinalIgnoreCase) ? 6
            : text.StartsWith("www.", StringComparison.OrdinalIgnoreCase) ? 4 : 0;
        if (prefix == 0)
        {
            return 0;
        }
        int end = prefix;
        bool inHost = true;
        while (end < text.Length && IsUrlChar(text[end]))
        {
            char c = text[end];
            if (inHost)
            {
                if (c is '/' or '?' or '#')
                {
                    inHost = false;
                }
                else if (PersianChars.IsArabicScript(c) && char.IsAsciiLetterOrDigit(text[end - 1]))
                {
                    break; // «example.comرا»: a lost space, not an internationalized host label (those start after a dot)
                }
            }
            end++;
        }
        while (end > prefix && UrlTrailing.Contains(text[end - 1]))
        {
            // A closing parenthesis is kept when it closes one the URL opened (Wikipedia-style addresses).
            if (text[end - 1] == ')' && text[prefix..end].Count('(') >= text[prefix..end].Count(')'))
            {
                break;
            }
            end--;
        }
        return end > prefix ? end : 0;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsUrlChar(char c) =>
        c < 0x80
            ? c > ' ' && c != 0x7F && c is not ('"' or '<' or '>')
            : PersianChars.IsLetter(c) || PersianChars.IsMark(c) || PersianChars.IsArabicScriptDigit(c) || c == PersianChars.Kashida
              || (!PersianChars.IsArabicScript(c) && (char.IsLetterOrDigit(c) || char.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.NonSpacingMark));

    /// <summary>
    /// Length of the e-mail address at the start of <paramref name="text"/>, 0 when there is none: an ASCII local part
    /// starting with a letter or digit, «@», and a domain of ASCII letters, digits, dots and hyphens with a dot inside;
    /// it ends where ASCII domain characters end («info@example.comرا» is the address and «را»).
    /// </summary>
    public static int EmailLength(ReadOnlySpan<char> text)
    {
        if (text.IsEmpty || !char.IsAsciiLetterOrDigit(text[0]))
        {
            return 0;
        }
        int at = 1;
        while (at < text.Length && (char.IsAsciiLetterOrDigit(text[at]) || text[at] is '.' or '_' or '%' or '+' or '-'))
        {
            at++;
        }
        if (at >= text.Length || text[at] != '@')
        {
            return 0;
        }
        int end = at + 1;
        while (end < text.Length && (char.IsAsciiLetterOrDigit(text[end]) || text[end] is '.' or '-'))
        {
            end++;
        }
        while (end > at + 1 && text[end - 1] is '.' or '-')
        {
            end--;
        }
        var domain = text[(at + 1)..end];
        int dot = domain.IndexOf('.');
        return dot > 0 && dot < domain.Length - 1 ? end : 0;
    }

    /// <summary>Length of the hashtag at the start of <paramref name="text"/>, 0 when there is none. A half-space
    /// between tag characters is part of the tag.</summary>
    public static int HashtagLength(ReadOnlySpan<char> text)
    {
        if (text.Length < 2 || text[0] != '#' || !IsTagChar(text[1]))
        {
            return 0;
        }
        int end = 2;
        while (end < text.Length)
        {
            if (IsTagChar(text[end]))
            {
                end++;
            }
            else if (text[end] == PersianChars.Zwnj && end + 1 < text.Length && IsTagChar(text[end + 1]))
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

    /// <summary>Length of the mention at the start of <paramref name="text"/>, 0 when there is none: «@» and an
    /// ASCII handle of letters, digits, underscores and inner dots (the handles of the platforms news quotes).</summary>
    public static int MentionLength(ReadOnlySpan<char> text)
    {
        if (text.Length < 2 || text[0] != '@' || !(char.IsAsciiLetterOrDigit(text[1]) || text[1] == '_'))
        {
            return 0;
        }
        int end = 2;
        while (end < text.Length && (char.IsAsciiLetterOrDigit(text[end]) || text[end] == '_' ||
               (text[end] == '.' && end + 1 < text.Length && char.IsAsciiLetterOrDigit(text[end + 1]))))
        {
            end++;
        }
        return end;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsTagChar(char c) =>
        char.IsAsciiLetterOrDigit(c) || c == '_' || PersianChars.IsLetter(c) || PersianChars.IsMark(c) || c == PersianChars.Kashida || PersianChars.IsArabicScriptDigit(c);
}
