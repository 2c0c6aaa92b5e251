using System.Buffers;
using Dabir.Text;

namespace Dabir.Repair;

/// <summary>
/// Spacing rules within one line: whitespace runs collapsed and trimmed, Persian punctuation spacing (no
/// space before closing marks, one after; the reverse for opening ones), and digits kept apart from letters.
/// Rules fire only in Persian context, so Latin text keeps its own spacing.
/// </summary>
internal sealed class SpacingPass : IRepairPass
{
    private const string Closing = "،؛؟!.:»)]}?,;";
    private const string Opening = "«([{";
    private const string PersianDigits = "۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩";

    private readonly bool _collapse;
    private readonly bool _punctuation;
    private readonly bool _digitsApart;
    private readonly SearchValues<char> _interesting;

    public SpacingPass(NormalizerOptions options)
    {
        _collapse = options.CollapseWhitespace;
        _punctuation = options.FixPunctuationSpacing;
        _digitsApart = options.SeparateDigitsFromLetters;
        _interesting = SearchValues.Create(" \t" + (_punctuation ? Closing + Opening : "") + (_digitsApart ? PersianDigits : ""));
    }

    public void Apply(AlignedTextBuilder input, AlignedTextBuilder output)
    {
        var text = input.Chars;
        int pendingFrom = -1; // start of a whitespace run not yet written
        int pendingTo = -1;
        int i = 0;
        while (i < text.Length)
        {
            char c = text[i];
            if (c is ' ' or '\t')
            {
                if (pendingFrom < 0)
                {
                    pendingFrom = i;
                }
                pendingTo = i + 1;
                i++;
                continue;
            }
            if (_collapse && output.Length == 0)
            {
                pendingFrom = -1; // leading whitespace of the line
            }
            if (!_interesting.Contains(c))
            {
                // An ordinary run: a protected run (URL, e-mail, hashtag) can only start here.
                FlushSpace(input, output, ref pendingFrom, pendingTo);
                if ((i == 0 || text[i - 1] is ' ' or '\t' or '(' or '«' or '[') && ProtectedRuns.Length(text, i) is > 0 and var protectedLength)
                {
                    output.CopyRange(input, i, protectedLength);
                    i += protectedLength;
                    continue;
                }
                int next = text[(i + 1)..].IndexOfAny(_interesting);
                int end = next < 0 ? text.Length : i + 1 + next;
                output.CopyRange(input, i, end - i);
                i = end;
                continue;
            }
            if (IsClosing(c) && _punctuation)
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
                i++;
                continue;
            }
            if (IsOpening(c) && _punctuation)
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
                i++;
                continue;
            }
            // A Persian digit: «۹کیلومتر» → «۹ کیلومتر», «عرض۶» → «عرض ۶»; ordinals («۳ام», «۲۰امین») stay.
            FlushSpace(input, output, ref pendingFrom, pendingTo);
            if (output.Length > 0 && PersianChars.IsLetter(output.Last))
            {
                output.Insert(input, i, ' ');
            }
            output.Copy(input, i);
            if (i + 1 < text.Length && PersianChars.IsLetter(text[i + 1]) && !text[(i + 1)..].StartsWith("ام", StringComparison.Ordinal))
            {
                output.Insert(input, i + 1, ' ');
            }
            i++;
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
            output.CopyRange(input, from, to - from);
        }
        from = -1;
    }

    private static bool IsClosing(char c) => Closing.Contains(c, StringComparison.Ordinal);

    private static bool IsOpening(char c) => Opening.Contains(c, StringComparison.Ordinal);

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
        while (p >= 0 && (PersianChars.IsMark(output[p]) || output[p] == PersianChars.Kashida))
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
