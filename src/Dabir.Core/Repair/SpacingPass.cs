using Dabir.Text;

namespace Dabir.Repair;

/// <summary>
/// Spacing rules within one line: whitespace runs collapsed and trimmed, and Persian punctuation spacing (no space before closing marks, one after; the reverse for
/// opening ones). Rules fire only in Persian context, so Latin text keeps its own spacing.
/// </summary>
internal sealed class SpacingPass(NormalizerOptions options) : IRepairPass
{
    private readonly bool _collapse = options.CollapseWhitespace;
    private readonly bool _punctuation = options.FixPunctuationSpacing;
    private readonly bool _digitsApart = options.SeparateDigitsFromLetters;

    public void Apply(AlignedTextBuilder input, AlignedTextBuilder output)
    {
        var text = input.Chars;
        int pendingFrom = -1; // start of a whitespace run not yet written
        int pendingTo = -1;
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (c is ' ' or '\t')
            {
                if (pendingFrom < 0)
                {
                    pendingFrom = i;
                }
                pendingTo = i + 1;
                continue;
            }
            if (_collapse && output.Length == 0)
            {
                pendingFrom = -1; // leading whitespace of the line
            }
            if ((i == 0 || text[i - 1] is ' ' or '\t' or '(' or '«' or '[') && ProtectedRuns.Length(text, i) is > 0 and var protectedLength)
            {
                FlushSpace(input, output, ref pendingFrom, pendingTo);
                for (int end = i + protectedLength; i < end; i++)
                {
                    output.Copy(input, i);
                }
                i--;
                continue;
            }
            if (_punctuation && IsClosing(c))
            {
                if (pendingFrom >= 0 && InPersianContext(output, c))
                {
                    pendingFrom = -1; // no space before a closing mark
                }
                FlushSpace(input, output, ref pendingFrom, pendingTo);
                output.Copy(input, i);
                if (NeedsSpaceAfterClosing(text, i, output))
                {
                    output.Insert(input, i + 1, ' ');
                    SkipSpaces(text, ref i);
                }
                continue;
            }
            if (_punctuation && IsOpening(c))
            {
                if (pendingFrom < 0 && output.Length > 0 && IsPersianBefore(output.Last) && FollowedByPersian(text, i))
                {
                    output.Insert(input, i, ' ');
                }
                FlushSpace(input, output, ref pendingFrom, pendingTo);
                output.Copy(input, i);
                if (FollowedByPersian(text, i))
                {
                    SkipSpaces(text, ref i);
                }
                continue;
            }
            FlushSpace(input, output, ref pendingFrom, pendingTo);
            if (_digitsApart && pendingFrom < 0 && output.Length > 0 && NeedsSpaceBetweenDigitAndLetter(output.Last, c, text, i))
            {
                output.Insert(input, i, ' ');
            }
            output.Copy(input, i);
        }
        if (!_collapse)
        {
            FlushSpace(input, output, ref pendingFrom, pendingTo);
        }
    }

    private void FlushSpace(AlignedTextBuilder input, AlignedTextBuilder output, ref int from, int to)
    {
        if (from < 0)
        {
            return;
        }
        if (_collapse)
        {
            output.Replace(input, from, ' ');
        }
        else
        {
            for (int k = from; k < to; k++)
            {
                output.Copy(input, k);
            }
        }
        from = -1;
    }

    // «۹کیلومتر» → «۹ کیلومتر», «عرض۶» → «عرض ۶»; ordinals written with a digit («۳ام», «۲۰امین») stay.
    private static bool NeedsSpaceBetweenDigitAndLetter(char previous, char current, ReadOnlySpan<char> text, int i)
    {
        if (PersianChars.IsArabicScriptDigit(previous) && PersianChars.IsLetter(current))
        {
            return !text[i..].StartsWith("ام", StringComparison.Ordinal);
        }
        return PersianChars.IsLetter(previous) && PersianChars.IsArabicScriptDigit(current);
    }

    private static bool IsClosing(char c) => c is '،' or '؛' or '؟' or '!' or '.' or ':' or '»' or ')' or ']' or '}' or '?' or ',' or ';';

    private static bool IsOpening(char c) => c is '«' or '(' or '[' or '{';

    private static bool IsPersianBefore(char c) => PersianChars.IsLetter(c) || PersianChars.IsMark(c) || PersianChars.IsArabicScriptDigit(c) || c is '،' or '؛' or '؟' or '»';

    // Persian marks always attach to the word before; shared marks only after Persian text.
    private static bool InPersianContext(AlignedTextBuilder output, char mark)
    {
        if (mark is '،' or '؛' or '؟' or '»')
        {
            return true;
        }
        // Look through closing brackets and quotes: «(آسه‌آن) .» is Persian context, «(x) ?» is not.
        int p = output.Length - 1;
        while (p >= 0 && output[p] is ')' or ']' or '»' or '"')
        {
            p--;
        }
        return p >= 0 && IsPersianBefore(output[p]);
    }

    private static bool NeedsSpaceAfterClosing(ReadOnlySpan<char> text, int i, AlignedTextBuilder output)
    {
        int n = i + 1;
        while (n < text.Length && text[n] is ' ' or '\t')
        {
            n++;
        }
        if (n >= text.Length || !(PersianChars.IsLetter(text[n]) || text[n] == '«'))
        {
            return false;
        }
        if (n > i + 1)
        {
            return true; // a space is already there: normalize it to one
        }
        // Glued: «سلام!چطوری» gets a space, but not the dots of an abbreviation such as «ج.ا.ا» or «ه.ش».
        return !(text[i] == '.' && IsInitialBeforeDot(output));
    }

    // The output ends with a dot: is the word before it a single letter (an initial of «ج.ا.ا», «ه.ش»)?
    private static bool IsInitialBeforeDot(AlignedTextBuilder output)
    {
        int p = output.Length - 2;
        while (p >= 0 && PersianChars.IsMark(output[p]))
        {
            p--;
        }
        return p >= 0 && PersianChars.IsLetter(output[p]) && (p == 0 || output[p - 1] is ' ' or '.' or '(' or '«');
    }

    private static bool FollowedByPersian(ReadOnlySpan<char> text, int i)
    {
        int n = i + 1;
        while (n < text.Length && text[n] is ' ' or '\t')
        {
            n++;
        }
        return n < text.Length && (PersianChars.IsLetter(text[n]) || PersianChars.IsArabicScriptDigit(text[n]));
    }

    private static void SkipSpaces(ReadOnlySpan<char> text, ref int i)
    {
        while (i + 1 < text.Length && text[i + 1] is ' ' or '\t')
        {
            i++;
        }
    }
}
