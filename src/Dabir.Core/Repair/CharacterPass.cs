using System.Buffers;
using Dabir.Text;

namespace Dabir.Repair;

/// <summary>
/// Per-character rules: letter unification, presentation forms, kashida, digits, control characters,
/// diacritics, other spaces to a plain space, and (opt-in) repeated letters. One table lookup per character.
/// </summary>
internal sealed class CharacterPass : ISkippableRepairPass
{
    private const char Delete = '\uFFFF';
    private const char Expand = '\uFFFE';

    private readonly char[] _action = new char[0x10000];
    private readonly Dictionary<char, string> _expansions = [];
    private readonly bool _reduceRepeats;
    private readonly SearchValues<char> _changing; // every character the table does not map to itself

    public CharacterPass(NormalizerOptions options)
    {
        _reduceRepeats = options.ReduceRepeatedLetters;
        for (int c = 0; c < _action.Length; c++)
        {
            _action[c] = (char)c;
        }
        if (options.UnifyLetters)
        {
            _action['\u064A'] = '\u06CC'; // ARABIC YEH -> FARSI YEH
            _action['\u0649'] = '\u06CC'; // ALEF MAKSURA -> FARSI YEH
            _action['\u06CD'] = '\u06CC';
            _action['\u06D0'] = '\u06CC';
            _action['\u0643'] = '\u06A9'; // ARABIC KAF -> KEHEH
            _action['\u06AA'] = '\u06A9';
            _action['\u06BE'] = '\u0647'; // HEH DOACHASHMEE, HEH GOAL, AE -> HEH
            _action['\u06C1'] = '\u0647';
            _action['\u06D5'] = '\u0647';
            _action['\u06D2'] = '\u06CC'; // YEH BARREE and TEH MARBUTA GOAL, typed from Urdu layouts
            _action['\u06C3'] = '\u0629';
            // PerDT writes the ezafe hamza as heh + combining hamza above (6,107 times, never U+06C0).
            SetExpansion('\u06C0', "\u0647\u0654");
        }
        if (options.RemoveKashida)
        {
            _action[PersianChars.Kashida] = Delete;
        }
        SetDigits(options.Digits);
        if (options.RemoveControlCharacters)
        {
            // A soft hyphen between Persian letters is a half-space typed on some layouts; elsewhere the
            // half-space cleanup removes it like any misplaced ZWNJ.
            _action['\u00AD'] = PersianChars.Zwnj;
            foreach (char c in "\u200B\u200D\u200E\u200F\u061C\u2060\u2061\u2062\u2063\u2064\uFEFF\u180E")
            {
                _action[c] = Delete;
            }
            for (char c = '\u202A'; c <= '\u202E'; c++)
            {
                _action[c] = Delete;
            }
            for (char c = '\u2066'; c <= '\u2069'; c++)
            {
                _action[c] = Delete;
            }
            for (char c = '\0'; c < ' '; c++)
            {
                if (c is not ('\t' or '\n' or '\r'))
                {
                    _action[c] = Delete;
                }
            }
            _action['\u007F'] = Delete;
            for (char c = '\u0080'; c < '\u00A0'; c++)
            {
                _action[c] = Delete;
            }
        }
        if (options.RemoveDiacritics)
        {
            // Harakat, tanwin, shadda, sukun and superscript alef; the hamza marks (U+0654, U+0655) spell
            // letters (هٔ) and stay.
            for (char c = '\u064B'; c <= '\u0652'; c++)
            {
                _action[c] = Delete;
            }
            _action['\u0670'] = Delete;
        }
        if (options.CollapseWhitespace)
        {
            // NEL and the Unicode line and paragraph separators break words like a space (deleting them glued «ج» and «د»);
            // lines stay the ones \n and \r make.
            foreach (char c in "\t\u000B\u000C\u0085\u2028\u2029\u00A0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200A\u202F\u205F\u3000")
            {
                _action[c] = ' ';
            }
        }
        if (options.DecomposePresentationForms)
        {
            // Last, so a form's letters go through every other rule (unified letters, «ۀ» spelled «هٔ», diacritics
            // removed): mapping «ﮥ» to «ۀ» alone left a second pass something to change (found by fuzzing).
            for (int i = 0; i < PresentationForms.Expansions.Length; i++)
            {
                if (PresentationForms.Expansions[i] is { } expansion)
                {
                    SetExpansion((char)(PresentationForms.First + i), Through(expansion));
                }
            }
        }
        _changing = Changing(_action);
    }

    private static SearchValues<char> Changing(char[] action)
    {
        var chars = new List<char>();
        for (int c = 0; c < action.Length; c++)
        {
            if (action[c] != c)
            {
                chars.Add((char)c);
            }
        }
        return SearchValues.Create(chars.ToArray());
    }

    public bool MayChange(ReadOnlySpan<char> line) => _reduceRepeats || line.ContainsAny(_changing);

    // A string as the rules built so far rewrite it, character by character.
    private string Through(string s)
    {
        var rewritten = new System.Text.StringBuilder(s.Length);
        foreach (char c in s)
        {
            char a = _action[c];
            if (a == Expand)
            {
                rewritten.Append(_expansions[c]);
            }
            else if (a != Delete)
            {
                rewritten.Append(a);
            }
        }
        return rewritten.ToString();
    }

    private void SetExpansion(char c, string expansion)
    {
        if (expansion.Length == 0)
        {
            _action[c] = Delete;
        }
        else if (expansion.Length == 1)
        {
            _action[c] = expansion[0];
        }
        else
        {
            _action[c] = Expand;
            _expansions[c] = expansion;
        }
    }

    private void SetDigits(DigitConversion digits)
    {
        for (int d = 0; d < 10; d++)
        {
            char latin = (char)('0' + d), arabic = (char)('\u0660' + d), persian = (char)('\u06F0' + d);
            switch (digits)
            {
                case DigitConversion.ArabicIndicToPersian:
                    _action[arabic] = persian;
                    break;
                case DigitConversion.ToPersian:
                    _action[arabic] = persian;
                    _action[latin] = persian;
                    break;
                case DigitConversion.ToLatin:
                    _action[arabic] = latin;
                    _action[persian] = latin;
                    break;
                default:
                    break;
            }
        }
    }

    public void Apply(AlignedTextBuilder input, AlignedTextBuilder output)
    {
        if (_reduceRepeats)
        {
            ApplyEachCharacter(input, output);
            return;
        }
        // Jump from one character that changes to the next, copying what lies between in blocks.
        var text = input.Chars;
        int i = 0;
        int checkedUntil = 0; // characters before this are known to lie outside protected runs
        while (i < text.Length)
        {
            int next = text[i..].IndexOfAny(_changing);
            if (next < 0)
            {
                output.CopyRange(input, i, text.Length - i);
                return;
            }
            output.CopyRange(input, i, next);
            i += next;
            if (i >= checkedUntil)
            {
                if (ProtectedRuns.Contains(text, i, out _, out int runEnd))
                {
                    output.CopyRange(input, i, runEnd - i);
                    i = runEnd;
                    continue;
                }
                int space = text[i..].IndexOfAny(" \t\u00A0");
                checkedUntil = space < 0 ? text.Length : i + space;
            }
            Map(input, output, i);
            i++;
        }
    }

    private void Map(AlignedTextBuilder input, AlignedTextBuilder output, int i)
    {
        char c = input[i];
        char action = _action[c];
        if (action == Delete)
        {
            if ((c == PersianChars.Kashida && !IsStretching(input.Chars, i, output)) || (c == Zwj && JoinsEmoji(input.Chars, i)))
            {
                output.Copy(input, i);
            }
            return;
        }
        if (action == Expand)
        {
            foreach (char e in _expansions[c])
            {
                output.Replace(input, i, e);
            }
            return;
        }
        output.Replace(input, i, action);
    }

    // The opt-in repeated-letter rule looks at every character; the default path above does not need to.
    private void ApplyEachCharacter(AlignedTextBuilder input, AlignedTextBuilder output)
    {
        var text = input.Chars;
        int repeat = 0;
        for (int i = 0; i < text.Length; i++)
        {
            if (IsRunStart(text, i) && ProtectedRuns.Length(text, i) is > 0 and var protectedLength)
            {
                output.CopyRange(input, i, protectedLength);
                i += protectedLength - 1;
                repeat = 0;
                continue;
            }
            char action = _action[text[i]];
            if (action == Delete)
            {
                if ((text[i] == PersianChars.Kashida && !IsStretching(text, i, output)) || (text[i] == Zwj && JoinsEmoji(text, i)))
                {
                    output.Copy(input, i);
                    repeat = 0;
                }
                continue;
            }
            if (action == Expand)
            {
                Map(input, output, i);
                repeat = 0;
                continue;
            }
            output.Replace(input, i, action);
            repeat = ReduceRepeat(output, repeat);
        }
    }

    private const char Zwj = '\u200D';

    // A ZWJ between two pictographs makes one emoji («👨‍👩‍👧», «❤️‍🔥»): removing it would split the family into
    // four people. Between letters it is a display hint the default rules drop (--keep-controls keeps it).
    private static bool JoinsEmoji(ReadOnlySpan<char> text, int i) =>
        i > 0 && i + 1 < text.Length && IsPictographEdge(text[i - 1]) && IsPictographEdge(text[i + 1]);

    // The code units that can end or start a pictograph: surrogates (emoji are astral), other symbols (☀, ❤) and the
    // emoji variation selector that follows a symbol.
    private static bool IsPictographEdge(char c) =>
        char.IsSurrogate(c) || c == '\uFE0F' || char.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.OtherSymbol;

    // A kashida stretches a word only between a letter that joins forward and another letter («کـــتاب»);
    // elsewhere it is typed as a dash («تهران ـ شمال», «۸۹ـ۱۳۸۸», «هـ.ق») and stays.
    private bool IsStretching(ReadOnlySpan<char> text, int i, AlignedTextBuilder output)
    {
        int p = output.Length - 1;
        while (p >= 0 && (PersianChars.IsMark(output[p]) || output[p] == PersianChars.Zwnj))
        {
            p--;
        }
        if (p < 0 || !PersianChars.IsLetter(output[p]) || !PersianChars.JoinsToNext(output[p]))
        {
            return false;
        }
        // Look past what this pass or the half-space cleanup will drop: more kashidas, marks, half-spaces, controls.
        int n = i + 1;
        while (n < text.Length && (text[n] == PersianChars.Kashida || text[n] == PersianChars.Zwnj || PersianChars.IsMark(text[n]) || _action[text[n]] == Delete))
        {
            n++;
        }
        if (n >= text.Length)
        {
            return false;
        }
        // Judge the next character as this pass will write it (a presentation form becomes a letter).
        char next = _action[text[n]] switch
        {
            Expand => _expansions[text[n]][0],
            Delete => text[n],
            var mapped => mapped,
        };
        return PersianChars.IsLetter(next);
    }

    // Keeps one letter of a run of three or more identical letters; runs of two are real spellings (الله).
    private static int ReduceRepeat(AlignedTextBuilder output, int repeat)
    {
        int n = output.Length;
        char last = output[n - 1];
        if (!PersianChars.IsLetter(last) || n < 2 || output[n - 2] != last)
        {
            return 1;
        }
        repeat++;
        if (repeat == 3)
        {
            output.RemoveRange(n - 3, 2);
        }
        else if (repeat > 3)
        {
            output.RemoveLast();
        }
        return repeat;
    }

    private static bool IsRunStart(ReadOnlySpan<char> text, int i)
    {
        char c = text[i];
        if (!(char.IsAsciiLetterOrDigit(c) || c is '#' or '@'))
        {
            return false;
        }
        return i == 0 || text[i - 1] is ' ' or '\t' or '\u00A0' or '(' or '«' or '[';
    }
}
