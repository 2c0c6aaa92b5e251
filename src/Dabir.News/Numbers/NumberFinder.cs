using System.Collections.Frozen;
using Dabir.News.Structure;
using Dabir.Text;

namespace Dabir.News.Numbers;

/// <summary>A number found in repaired text, with offsets into that text.</summary>
internal readonly record struct FoundNumber(int Start, int End, decimal Value, string? Unit);

/// <summary>
/// Reads numbers written in digits, in words or mixed («۱۵ هزار», «دو میلیون», «۶ هزار و ۱۲۷»,
/// «یک میلیون و ۵۲۲ هزار», «۲/۵ میلیارد», «۱۲٬۳۰۰») and gives their values.
/// </summary>
/// <remarks>
/// A phrase is a run of number words and digit groups joined by «و» or followed by a scale word (هزار,
/// میلیون, میلیارد, تریلیون). The lone word «یک» (usually the article "a") and «نه» ("no") are numbers
/// only inside a longer phrase. Spans already taken by dates are skipped by the caller.
/// </remarks>
internal static class NumberFinder
{
    private static readonly FrozenDictionary<string, int> Units = new Dictionary<string, int>(StringComparer.Ordinal)
    {
        ["یک"] = 1, ["دو"] = 2, ["سه"] = 3, ["چهار"] = 4, ["پنج"] = 5, ["شش"] = 6, ["شیش"] = 6, ["هفت"] = 7, ["هشت"] = 8, ["نه"] = 9,
        ["ده"] = 10, ["یازده"] = 11, ["دوازده"] = 12, ["سیزده"] = 13, ["چهارده"] = 14, ["پانزده"] = 15, ["پونزده"] = 15,
        ["شانزده"] = 16, ["هفده"] = 17, ["هجده"] = 18, ["هیجده"] = 18, ["نوزده"] = 19,
        ["بیست"] = 20, ["سی"] = 30, ["چهل"] = 40, ["پنجاه"] = 50, ["شصت"] = 60, ["هفتاد"] = 70, ["هشتاد"] = 80, ["نود"] = 90,
        ["صد"] = 100, ["یکصد"] = 100, ["دویست"] = 200, ["سیصد"] = 300, ["چهارصد"] = 400, ["پانصد"] = 500,
        ["ششصد"] = 600, ["هفتصد"] = 700, ["هشتصد"] = 800, ["نهصد"] = 900,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private static readonly FrozenDictionary<string, long> Scales = new Dictionary<string, long>(StringComparer.Ordinal)
    {
        ["هزار"] = 1_000, ["میلیون"] = 1_000_000, ["ملیون"] = 1_000_000, ["میلیارد"] = 1_000_000_000,
        ["ملیارد"] = 1_000_000_000, ["بیلیون"] = 1_000_000_000, ["تریلیون"] = 1_000_000_000_000,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private static readonly FrozenDictionary<string, string> UnitWords = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["درصد"] = "percent", ["ریال"] = "IRR", ["تومان"] = "toman", ["دلار"] = "USD", ["یورو"] = "EUR",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private static readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> UnitLookup =
        new Dictionary<string, int>(Units, StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();
    private static readonly Dictionary<string, long>.AlternateLookup<ReadOnlySpan<char>> ScaleLookup =
        new Dictionary<string, long>(Scales, StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();
    private static readonly Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> UnitWordLookup =
        new Dictionary<string, string>(UnitWords, StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();

    private enum Kind { None, Digits, Word, Scale, And, Half }

    /// <summary>Finds the numbers in <paramref name="text"/>[start, end) outside the <paramref name="taken"/> spans.</summary>
    public static void Find(string text, int start, int end, List<(int Start, int End)> taken, List<FoundNumber> into)
    {
        var words = t_words ??= new List<SpacedWord>(512);
        words.Clear();
        Words.Split(text.AsSpan(start, end - start), words);
        int i = 0;
        while (i < words.Count)
        {
            var (kind, value) = Classify(text, start, words[i]);
            if (kind is not (Kind.Digits or Kind.Word or Kind.Scale) || Overlaps(taken, start + words[i].Start, start + words[i].End))
            {
                i++;
                continue;
            }
            decimal total = 0, current = 0;
            int first = i, last = i, parts = 0;
            bool lastWasNumber = false;
            int j = i;
            while (j < words.Count)
            {
                var w = words[j];
                if (Overlaps(taken, start + w.Start, start + w.End))
                {
                    break;
                }
                var (k, v) = j == i ? (kind, value) : Classify(text, start, w);
                if (k is Kind.Digits or Kind.Word)
                {
                    if (lastWasNumber && parts > 0)
                    {
                        break; // two numbers in a row without «و» are two numbers
                    }
                    if (!TryAdd(current, v, out current))
                    {
                        break;
                    }
                    lastWasNumber = true;
                }
                else if (k == Kind.Scale)
                {
                    // «۹۹۹...۹ میلیارد میلیارد» past decimal's range ends the number before the word that overflows.
                    if (!TryMultiply(current == 0 ? 1 : current, v, out decimal scaled) || !TryAdd(total, scaled, out decimal sum))
                    {
                        break;
                    }
                    total = sum;
                    current = 0;
                    lastWasNumber = false;
                }
                else if (k is Kind.And && parts > 0 && j + 1 < words.Count)
                {
                    var (nk, _) = Classify(text, start, words[j + 1]);
                    if (nk is Kind.Digits or Kind.Word or Kind.Scale or Kind.Half)
                    {
                        lastWasNumber = false;
                        j++;
                        continue;
                    }
                    break;
                }
                else if (k == Kind.Half && parts > 0 && !lastWasNumber && words[j - 1] is var prev && IsAnd(text, start, prev))
                {
                    current += 0.5m;
                    lastWasNumber = true;
                }
                else
                {
                    break;
                }
                parts++;
                last = j;
                if (w.HasTrailingPunctuation && !IsNumericPunctuation(text[start + w.CoreEnd]))
                {
                    break;
                }
                j++;
            }
            decimal number = TryAdd(total, current, out decimal whole) ? whole : total;
            var firstWord = words[first];
            var lastWord = words[last];
            bool lone = parts == 1 && kind == Kind.Word && (value == 1 || value == 9);
            bool weekdayPrefix = parts == 1 && kind == Kind.Word && last + 1 < words.Count && Core(text, start, words[last + 1]).StartsWith("شنبه", StringComparison.Ordinal);
            if (!lone && !weekdayPrefix)
            {
                string? unit = null;
                if (last + 1 < words.Count && UnitWordLookup.TryGetValue(Core(text, start, words[last + 1]), out var u))
                {
                    unit = u;
                }
                else if (text.AsSpan(start + lastWord.CoreEnd, lastWord.End - lastWord.CoreEnd).IndexOfAny('%', '٪') >= 0)
                {
                    unit = "percent";
                }
                into.Add(new FoundNumber(start + firstWord.CoreStart, start + lastWord.CoreEnd, number, unit));
            }
            i = last + 1;
        }
    }

    private static bool IsNumericPunctuation(char c) => c is '%' or '٪';

    /// <summary>Word list reused by each thread's calls (the analyzer is shared by the batch workers).</summary>
    [ThreadStatic]
    private static List<SpacedWord>? t_words;

    private static bool Overlaps(List<(int Start, int End)> taken, int start, int end)
    {
        foreach (var t in taken)
        {
            if (t.Start < end && start < t.End)
            {
                return true;
            }
        }
        return false;
    }

    private static ReadOnlySpan<char> Core(string text, int start, SpacedWord w) => text.AsSpan(start + w.CoreStart, w.CoreEnd - w.CoreStart);

    private static bool IsAnd(string text, int start, SpacedWord w) => Core(text, start, w) is "و";

    /// <summary>Longest number or scale word («میلیارد», «تریلیون»).</summary>
    private static readonly int MaxWordLength = Units.Keys.Concat(Scales.Keys).Max(k => k.Length);

    /// <summary>First letters of the number, scale, «و» and «نیم» words (all in the Arabic block): other words skip the table lookups.</summary>
    private static readonly bool[] WordInitials = BuildInitials();

    private static bool[] BuildInitials()
    {
        var initials = new bool[0x100];
        foreach (var word in Units.Keys.Concat(Scales.Keys).Append("و").Append("نیم"))
        {
            initials[word[0] - 0x0600] = true;
        }
        return initials;
    }

    private static bool MayBeNumberWord(ReadOnlySpan<char> core) =>
        core.Length <= MaxWordLength && (uint)(core[0] - 0x0600) < 0x100u && WordInitials[core[0] - 0x0600];

    private static (Kind, decimal) Classify(string text, int start, SpacedWord w)
    {
        var core = Core(text, start, w);
        if (core.IsEmpty)
        {
            return (Kind.None, 0);
        }
        if (TextFold.DigitValue(core[0]) < 0 && !MayBeNumberWord(core))
        {
            return (Kind.None, 0); // neither digits nor a number word: most words stop here
        }
        if (core is "و")
        {
            return (Kind.And, 0);
        }
        if (core is "نیم")
        {
            return (Kind.Half, 0.5m);
        }
        if (UnitLookup.TryGetValue(core, out int unit))
        {
            return (Kind.Word, unit);
        }
        if (ScaleLookup.TryGetValue(core, out long scale))
        {
            return (Kind.Scale, scale);
        }
        return TryDigits(core, out decimal value) ? (Kind.Digits, value) : (Kind.None, 0);
    }

    private static bool TryAdd(decimal a, decimal b, out decimal sum)
    {
        try
        {
            sum = a + b;
            return true;
        }
        catch (OverflowException)
        {
            sum = a;
            return false;
        }
    }

    private static bool TryMultiply(decimal a, decimal b, out decimal product)
    {
        try
        {
            product = a * b;
            return true;
        }
        catch (OverflowException)
        {
            product = a;
            return false;
        }
    }

    // Integer parts of 25 digits or more are not read as numbers.
    private const decimal MaxDigitsValue = 1e23m;

    // Digits with thousands separators (٬ ,) and one decimal mark (٫ . /).
    private static bool TryDigits(ReadOnlySpan<char> core, out decimal value)
    {
        value = 0;
        decimal fraction = 0, scale = 1;
        bool any = false, inFraction = false;
        foreach (char c in core)
        {
            int d = TextFold.DigitValue(c);
            if (d >= 0)
            {
                any = true;
                if (inFraction)
                {
                    scale /= 10;
                    fraction += d * scale;
                }
                else if (value >= MaxDigitsValue)
                {
                    return false; // a run of 25 digits or more is no quantity (and would overflow decimal)
                }
                else
                {
                    value = value * 10 + d;
                }
            }
            else if (c is '٬' or ',' && !inFraction && any)
            {
                continue;
            }
            else if (c is '٫' or '.' or '/' && !inFraction && any)
            {
                inFraction = true;
            }
            else
            {
                return false;
            }
        }
        value += fraction;
        return any && !(inFraction && scale == 1);
    }
}
