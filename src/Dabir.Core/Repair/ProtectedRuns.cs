using Dabir.Text;

namespace Dabir.Repair;

/// <summary>
/// Finds runs that every rule must pass through untouched: URLs, e-mail addresses, hashtags and mentions, as
/// <see cref="WebRuns"/> (the tokenizer's recognizer) finds them. Repair looks for one at the start of every
/// whitespace-delimited run (after an opening bracket or guillemet); a run ends where WebRuns ends it, not at the
/// next space, so «https://example.com/«كتاب»» protects the URL and repairs the word.
/// </summary>
internal static class ProtectedRuns
{
    /// <summary>
    /// Length of the protected run starting at <paramref name="start"/> (which must begin a
    /// whitespace-delimited run), or 0 when the run is ordinary text.
    /// </summary>
    public static int Length(ReadOnlySpan<char> text, int start) =>
        // URLs, e-mail addresses, hashtags and mentions all start with an ASCII character.
        text[start] < 0x80 ? WebRuns.Match(text[start..], out _) : 0;

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
}
