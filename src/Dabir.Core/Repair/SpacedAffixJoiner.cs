using Dabir.Text;

namespace Dabir.Repair;

/// <summary>
/// Rejoins the affixes that are unambiguous when typed with a space: the verbal prefixes «می» and «نمی»
/// before a word, and the plural «ها/های/هایی» after one. The joint is a half-space after a letter that
/// joins forward and nothing after one that does not («در ها» → «درها»), so the half-space is always visible.
/// </summary>
internal sealed class SpacedAffixJoiner : IRepairPass
{
    public void Apply(AlignedTextBuilder input, AlignedTextBuilder output)
    {
        var text = input.Chars;
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (c == ' ' && i > 0 && i + 1 < text.Length && PersianChars.IsWordChar(text[i - 1]) && PersianChars.IsLetter(text[i + 1]))
            {
                var left = WordBefore(text, i);
                var right = WordAfter(text, i + 1);
                if (IsVerbalPrefix(left) && right.Length >= 2 && !IsPluralSuffix(right))
                {
                    output.Replace(input, i, PersianChars.Zwnj);
                    continue;
                }
                if (IsPluralSuffix(right) && left.Length >= 2 && !IsVerbalPrefix(left))
                {
                    if (PersianChars.JoinsToNext(text[i - 1]))
                    {
                        output.Replace(input, i, PersianChars.Zwnj);
                    }
                    continue;
                }
            }
            output.Copy(input, i);
        }
    }

    private static ReadOnlySpan<char> WordBefore(ReadOnlySpan<char> text, int end)
    {
        int start = end;
        while (start > 0 && PersianChars.IsWordChar(text[start - 1]))
        {
            start--;
        }
        return text[start..end];
    }

    private static ReadOnlySpan<char> WordAfter(ReadOnlySpan<char> text, int start)
    {
        int end = start;
        while (end < text.Length && PersianChars.IsWordChar(text[end]))
        {
            end++;
        }
        return text[start..end];
    }

    private static bool IsVerbalPrefix(ReadOnlySpan<char> word) => word is "می" or "نمی";

    private static bool IsPluralSuffix(ReadOnlySpan<char> word) => word is "ها" or "های" or "هایی" or "هایم" or "هایت" or "هایش" or "هایمان" or "هایتان" or "هایشان";
}
