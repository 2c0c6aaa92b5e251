using Dabir.Text;

namespace Dabir.News.Structure;

/// <summary>
/// Comparison keys that ignore what crawls change between copies of the same text: spacing, half-spaces,
/// punctuation, diacritics, letter variants and digit scripts.
/// </summary>
internal static class TextFold
{
    /// <summary>Letters and digits only, with Arabic letter variants and all digits folded
    /// (<see cref="PersianFold"/> with <see cref="PersianFoldOptions.ComparisonKey"/>).</summary>
    public static string Key(ReadOnlySpan<char> text) => PersianFold.Fold(text, PersianFoldOptions.ComparisonKey);

    /// <summary>The folded form of one character, or NUL when the character does not count.</summary>
    public static char Fold(char c) => PersianFold.FoldChar(c, PersianFoldOptions.ComparisonKey);

    /// <summary>Value of an ASCII, Arabic-Indic or Persian digit.</summary>
    public static int DigitValue(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= '\u0660' and <= '\u0669' => c - '\u0660',
        >= '\u06F0' and <= '\u06F9' => c - '\u06F0',
        _ => -1,
    };

    /// <summary>
    /// True when two folded keys are the same text up to a few characters: equal, or (for keys of 40 characters
    /// or more) within an edit distance of one in fifty characters.
    /// </summary>
    public static bool NearlyEqual(string a, string b)
    {
        if (string.Equals(a, b, StringComparison.Ordinal))
        {
            return true;
        }
        int longer = Math.Max(a.Length, b.Length);
        if (Math.Min(a.Length, b.Length) < 40)
        {
            return false;
        }
        int budget = Math.Max(1, longer / 50);
        return Math.Abs(a.Length - b.Length) <= budget && BandedDistanceAtMost(a, b, budget);
    }

    // Levenshtein distance restricted to a diagonal band: O(n * budget) time.
    private static bool BandedDistanceAtMost(string a, string b, int budget)
    {
        int n = a.Length, m = b.Length;
        int width = 2 * budget + 1;
        int inf = budget + 1;
        Span<int> prev = width <= 256 ? stackalloc int[width] : new int[width];
        Span<int> cur = width <= 256 ? stackalloc int[width] : new int[width];
        // Cell (i, j) is stored at index j - i + budget.
        for (int k = 0; k < width; k++)
        {
            int j = k - budget;
            prev[k] = j >= 0 && j <= m ? j : inf;
        }
        for (int i = 1; i <= n; i++)
        {
            int rowMin = inf;
            for (int k = 0; k < width; k++)
            {
                int j = i + k - budget;
                if (j < 0 || j > m)
                {
                    cur[k] = inf;
                    continue;
                }
                int best = j == 0 ? i : inf;
                if (j > 0)
                {
                    // substitution from (i-1, j-1): same k in prev
                    best = Math.Min(best, prev[k] + (a[i - 1] == b[j - 1] ? 0 : 1));
                    // insertion from (i, j-1): k-1 in cur
                    if (k > 0)
                    {
                        best = Math.Min(best, cur[k - 1] + 1);
                    }
                }
                // deletion from (i-1, j): k+1 in prev
                if (k + 1 < width)
                {
                    best = Math.Min(best, prev[k + 1] + 1);
                }
                cur[k] = Math.Min(best, inf);
                rowMin = Math.Min(rowMin, cur[k]);
            }
            if (rowMin > budget)
            {
                return false;
            }
            var swap = prev;
            prev = cur;
            cur = swap;
        }
        return prev[m - n + budget] <= budget;
    }

    /// <summary>Number of whitespace-separated words.</summary>
    public static int WordCount(ReadOnlySpan<char> text)
    {
        int count = 0;
        bool inWord = false;
        foreach (char c in text)
        {
            bool space = char.IsWhiteSpace(c);
            if (!space && !inWord)
            {
                count++;
            }
            inWord = !space;
        }
        return count;
    }
}
