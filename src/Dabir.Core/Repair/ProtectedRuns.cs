using Dabir.Text;

namespace Dabir.Repair;

/// <summary>
/// Finds runs that every rule must pass through untouched: URLs, e-mail addresses, hashtags and mentions.
/// Detection is a hand-written scan (no regex): it runs at the start of every whitespace-delimited run.
/// </summary>
internal static class ProtectedRuns
{
    /// <summary>
    /// Length of the protected run starting at <paramref name="start"/> (which must begin a
    /// whitespace-delimited run), or 0 when the run is ordinary text.
    /// </summary>
    public static int Length(ReadOnlySpan<char> text, int start)
    {
        // URLs, e-mail addresses, hashtags and mentions all start with an ASCII character.
        if (text[start] >= 0x80)
        {
            return 0;
        }
        var rest = text[start..];
        int runEnd = rest.IndexOfAny(" \t\n\r\u00A0");
        if (runEnd < 0)
        {
            runEnd = rest.Length;
        }
        var run = rest[..runEnd];
        if (run.Length < 2)
        {
            return 0;
        }
        if (run[0] is '#' or '@')
        {
            return IsTagChar(run[1]) ? TagLength(run) : 0;
        }
        if (StartsWithUrlScheme(run))
        {
            return TrimTrailingPunctuation(run);
        }
        int at = run.IndexOf('@');
        return at > 0 ? EmailLength(run, at) : 0;
    }

    /// <summary>
    /// When <paramref name="index"/> lies inside a protected run, returns true with the run's bounds. Used by
    /// passes that jump from one interesting character to the next instead of visiting every run start.
    /// </summary>
    public static bool Contains(ReadOnlySpan<char> text, int index, out int runStart, out int runEnd)
    {
        int s = text[..index].LastIndexOfAny(" \t\u00A0") + 1;
        while (s < index && text[s] is '(' or '«' or '[')
        {
            s++;
        }
        int length = s < text.Length ? Length(text, s) : 0;
        runStart = s;
        runEnd = s + length;
        return index < runEnd;
    }

    private static bool StartsWithUrlScheme(ReadOnlySpan<char> run) =>
        run.StartsWith("http://", StringComparison.OrdinalIgnoreCase)
        || run.StartsWith("https://", StringComparison.OrdinalIgnoreCase)
        || run.StartsWith("ftp://", StringComparison.OrdinalIgnoreCase)
        || (run.StartsWith("www.", StringComparison.OrdinalIgnoreCase) && run.Length > 5);

    // local@domain.tld in ASCII: the local part starts with a letter or digit, the domain has a dot and
    // ends where ASCII domain characters end («info@example.comرا» protects only the address).
    private static int EmailLength(ReadOnlySpan<char> run, int at)
    {
        if (!char.IsAsciiLetterOrDigit(run[0]))
        {
            return 0;
        }
        foreach (char c in run[..at])
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '%' or '+' or '-'))
            {
                return 0;
            }
        }
        int end = at + 1;
        while (end < run.Length && (char.IsAsciiLetterOrDigit(run[end]) || run[end] is '.' or '-'))
        {
            end++;
        }
        while (end > at + 1 && run[end - 1] is '.' or '-')
        {
            end--;
        }
        var domain = run[(at + 1)..end];
        int dot = domain.IndexOf('.');
        return dot > 0 && dot < domain.Length - 1 ? end : 0;
    }

    private static bool IsTagChar(char c) =>
        char.IsAsciiLetterOrDigit(c) || c == '_' || PersianChars.IsWordChar(c) || PersianChars.IsAnyDigit(c);

    private static int TagLength(ReadOnlySpan<char> run)
    {
        int i = 1;
        while (i < run.Length && IsTagChar(run[i]))
        {
            i++;
        }
        return i;
    }

    // A URL at the end of a sentence keeps its closing punctuation outside the protected run.
    private static int TrimTrailingPunctuation(ReadOnlySpan<char> run)
    {
        int end = run.Length;
        while (end > 0 && run[end - 1] is '.' or ',' or '،' or '؛' or ';' or ':' or ')' or '»' or '!' or '؟' or '?' or '"')
        {
            end--;
        }
        return end;
    }
}
