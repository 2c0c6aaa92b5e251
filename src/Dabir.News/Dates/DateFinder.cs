using System.Collections.Frozen;
using System.Globalization;
using System.Text.RegularExpressions;
using Dabir.News.Structure;
using Dabir.Text;

namespace Dabir.News.Dates;

/// <summary>A date found in repaired text, with offsets into that text.</summary>
internal readonly record struct FoundDate(int Start, int End, string? Iso, string Calendar, string? Time, bool Relative);

/// <summary>
/// Finds Jalali, Gregorian and Hijri dates in repaired Persian text («۲۸ آبان ۱۴۰۲», «۱۴۰۲/۰۸/۲۸»,
/// «۱۵ شعبان ۱۴۴۵», «۱۹ نوامبر ۲۰۲۳») and relative phrases («دوشنبه گذشته», «دیروز») and normalizes them to
/// ISO 8601 Gregorian dates with .NET's <see cref="PersianCalendar"/> and <see cref="UmAlQuraCalendar"/>.
/// </summary>
/// <remarks>
/// A numeric date with a year from 1200 to 1499 is read as Jalali (the Persian press convention; Hijri years
/// in that range are written with a Hijri month name or «ه.ق»), 1800 to 2199 as Gregorian. A day and month
/// without a year take the publication year when it is known. Relative phrases are resolved only against a
/// known publication date: «امروز» is that day, «دیروز» the day before, «دوشنبه گذشته» the last Monday
/// before it, «دوشنبه آینده» the next one after it, and «روز دوشنبه» the closest Monday on or before it.
/// </remarks>
internal static partial class DateFinder
{
    public const string Persian = "persian";
    public const string Gregorian = "gregorian";
    public const string Hijri = "islamic-umalqura";

    private static readonly PersianCalendar PersianCal = new();
    private static readonly UmAlQuraCalendar UmAlQura = new();
    private static readonly HijriCalendar TabularHijri = new();

    private const string E = @"(?![\p{L}\p{Mn}\u200c\p{Nd}])";
    private const string J = @"[\s\u200c]?";
    private const string Weekdays = "شنبه|یک" + J + "شنبه|دو" + J + "شنبه|سه" + J + "شنبه|چهار" + J + "شنبه|پنج" + J + "شنبه|جمعه";
    private const string Months =
        "فروردین|اردیبهشت|خرداد|تیر|امرداد|مرداد|شهریور|مهر|آبان|آذر|دی|بهمن|اسفند|" +
        "ژانویه|فوریه|مارس|آوریل|مه|می|ژوئن|ژوئیه|جولای|اوت|آگوست|اگوست|سپتامبر|اکتبر|نوامبر|دسامبر|" +
        "محرم|صفر|ربیع" + J + "ال" + J + "اول|ربیع" + J + "ال" + J + "ثانی|ربیع" + J + "ال" + J + "آخر|" +
        "جمادی" + J + "ال" + J + "اولی|جمادی" + J + "ال" + J + "اول|جمادی" + J + "ال" + J + "ثانیه|جمادی" + J + "ال" + J + "ثانی|جمادی" + J + "ال" + J + "آخر|" +
        "رجب|شعبان|رمضان|شوال|ذی" + J + "ال" + J + "قعده|ذی" + J + "قعده|ذی" + J + "ال" + J + "حجه|ذی" + J + "حجه";
    private const string Era = @"هجری\s+شمسی|هجری\s+قمری|هجری|شمسی|خورشیدی|قمری|میلادی|ه\.\s?ش\.?|ه\.\s?ق\.?|ق\.|م\.";
    private const string Time = @"(?:\s*[-–|،,]?\s*(?:ساعت\s*)?(?<hh>\p{Nd}{1,2}):(?<mm>\p{Nd}{2})(?::\p{Nd}{2})?)?";

    private const string NamedDatePattern = "(?:(?<wd>" + Weekdays + @")[\s،,]+)?(?<d>\p{Nd}{1,2})\s*(?:ام\s+)?(?<mon>" + Months + @")(?:" + J + @"ماه)?(?:[\s,،]+(?:سال\s+)?(?<y>\p{Nd}{4}))?(?:\s*(?<era>" + Era + "))?" + E + Time;
    private const string MonthYearPattern = "(?<mon>" + Months + @")(?:" + J + @"ماه)?\s+(?:سال\s+)?(?<y>\p{Nd}{4})(?:\s*(?<era>" + Era + "))?" + E;
    private const string NumericDatePattern = @"(?:(?<y>\p{Nd}{4}) ?(?<sep>[/\-.]) ?(?<m>\p{Nd}{1,2}) ?\k<sep> ?(?<d>\p{Nd}{1,2})|(?<d>\p{Nd}{1,2})(?<sep>[/\-.])(?<m>\p{Nd}{1,2})\k<sep>(?<y>\p{Nd}{4}))(?![/\-.]?\p{Nd})" + Time;
    private const string RelativeDatePattern = "(?:(?<wd>" + Weekdays + @")\s+(?<rel>هفته\s+گذشته|هفته\s+پیش|هفته\s+آینده|این\s+هفته|گذشته|آینده|قبل|پیش|اخیر)|روز\s+(?<wd>" + Weekdays + ")|(?<day>امروز|دیروز|فردا|پریروز|پس" + J + "فردا|دیشب|امشب))" + E;

    // The patterns are tried only at candidate positions (see Find), anchored there with \G on a region that
    // starts at the candidate. The boundary before a match, which a leading lookbehind would state, is checked
    // by the candidate scan itself: named and relative dates start a word (not after a letter, mark, ZWNJ or
    // digit: IsWordStart), a numeric date does not follow a digit or a digit and a separator.
    [GeneratedRegex(@"\G" + NamedDatePattern)]
    private static partial Regex NamedDate();

    [GeneratedRegex(@"\G" + MonthYearPattern)]
    private static partial Regex MonthYear();

    [GeneratedRegex(@"\G" + NumericDatePattern)]
    private static partial Regex NumericDate();

    [GeneratedRegex(@"\G" + RelativeDatePattern)]
    private static partial Regex RelativeDate();

    /// <summary>
    /// The first ASCII, Persian or Arabic-Indic digit (every date but a relative one holds some), or -1. Three
    /// vectorized range searches, each narrowed to what precedes the best hit so far: a SearchValues of the 30
    /// digits is a probabilistic map that keeps confirming Persian letters sharing a byte with a digit
    /// («ذ ر ز س ش ص ض ط ظ ع» and ASCII digits). Digits of other scripts do not start a date.
    /// </summary>
    private static int IndexOfDigit(ReadOnlySpan<char> text)
    {
        int best = text.IndexOfAnyInRange('\u06F0', '\u06F9');
        var head = best < 0 ? text : text[..best];
        int hit = head.IndexOfAnyInRange('0', '9');
        if (hit >= 0)
        {
            best = hit;
            head = head[..hit];
        }
        hit = head.IndexOfAnyInRange('\u0660', '\u0669');
        return hit >= 0 ? hit : best;
    }

    /// <summary>
    /// Every relative date holds one of these: a weekday («…شنبه», «جمعه»), «روز» (also in «امروز», «دیروز»),
    /// «فردا», «…شب». Searched one by one with the vectorized ordinal IndexOf (a multi-string SearchValues
    /// falls back to a dictionary-driven Aho-Corasick for Persian letters, several times slower here).
    /// </summary>
    private static readonly string[] RelativeCues = ["شنبه", "جمعه", "روز", "فردا", "دیشب", "امشب"];

    /// <summary>Word starts a month-year date can begin before its year: a month of up to three words, «ماه», «سال».</summary>
    private const int WordStartsBeforeYear = 5;

    /// <summary>Word starts a named date can begin before its day: a weekday of up to two words («سه شنبه»).</summary>
    private const int WordStartsBeforeDay = 2;

    /// <summary>Where each pattern may match in a region, in ascending order (offsets into the region).</summary>
    private sealed class Candidates
    {
        public List<int> Named { get; } = [];
        public List<int> MonthYear { get; } = [];
        public List<int> Numeric { get; } = [];
    }

    private static readonly FrozenDictionary<string, (string Calendar, int Month)> MonthTable = BuildMonths();
    private static readonly FrozenDictionary<string, DayOfWeek> WeekdayTable = new Dictionary<string, DayOfWeek>(StringComparer.Ordinal)
    {
        ["شنبه"] = DayOfWeek.Saturday,
        ["یکشنبه"] = DayOfWeek.Sunday,
        ["دوشنبه"] = DayOfWeek.Monday,
        ["سهشنبه"] = DayOfWeek.Tuesday,
        ["چهارشنبه"] = DayOfWeek.Wednesday,
        ["پنجشنبه"] = DayOfWeek.Thursday,
        ["جمعه"] = DayOfWeek.Friday,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private static FrozenDictionary<string, (string, int)> BuildMonths()
    {
        var t = new Dictionary<string, (string, int)>(StringComparer.Ordinal);
        string[] jalali = ["فروردین", "اردیبهشت", "خرداد", "تیر", "مرداد", "شهریور", "مهر", "آبان", "آذر", "دی", "بهمن", "اسفند"];
        for (int i = 0; i < jalali.Length; i++)
        {
            t[jalali[i]] = (Persian, i + 1);
        }
        t["امرداد"] = (Persian, 5);
        string[][] gregorian =
        [
            ["ژانویه"], ["فوریه"], ["مارس"], ["آوریل"], ["مه", "می"], ["ژوئن"], ["ژوئیه", "جولای"], ["اوت", "آگوست", "اگوست"],
            ["سپتامبر"], ["اکتبر"], ["نوامبر"], ["دسامبر"],
        ];
        for (int i = 0; i < gregorian.Length; i++)
        {
            foreach (var name in gregorian[i])
            {
                t[name] = (Gregorian, i + 1);
            }
        }
        string[][] hijri =
        [
            ["محرم"], ["صفر"], ["ربیعالاول"], ["ربیعالثانی", "ربیعالآخر"], ["جمادیالاول", "جمادیالاولی"],
            ["جمادیالثانی", "جمادیالثانیه", "جمادیالآخر"], ["رجب"], ["شعبان"], ["رمضان"], ["شوال"],
            ["ذیالقعده", "ذیقعده"], ["ذیالحجه", "ذیحجه"],
        ];
        for (int i = 0; i < hijri.Length; i++)
        {
            foreach (var name in hijri[i])
            {
                t[name] = (Hijri, i + 1);
            }
        }
        return t.ToFrozenDictionary(StringComparer.Ordinal);
    }

    // Not PersianFold: the text is repaired already and the tables hold its spellings; only half-spaces and spaces vary.
    private static string Squeeze(string s) => s.Replace("\u200c", "", StringComparison.Ordinal).Replace(" ", "", StringComparison.Ordinal);

    /// <summary>Finds the dates in <paramref name="text"/>[start, end), resolving relative ones against <paramref name="published"/>.</summary>
    /// <remarks>
    /// Equivalent to scanning the region with each pattern in turn (earlier patterns win over overlapping later
    /// ones), but a pattern is only tried where a match can start: named and numeric dates at or a few word
    /// starts before a run of digits, relative ones at or one word start before a weekday or day word. Plain
    /// text between dates is never run through a regex.
    /// </remarks>
    public static void Find(string text, int start, int end, DateOnly? published, List<FoundDate> into)
    {
        int firstNew = into.Count;
        var region = text.AsSpan(start, end - start);
        int digit = IndexOfDigit(region);
        if (digit >= 0)
        {
            var candidates = new Candidates();
            DigitCandidates(region, digit, candidates);
            int lastEnd = 0;
            foreach (int c in candidates.Named)
            {
                if (c >= lastEnd && NamedDate().Match(text, start + c, end - start - c) is { Success: true } m)
                {
                    Add(into, firstNew, ResolveNamed(m, published));
                    lastEnd = c + m.Length;
                }
            }
            lastEnd = 0;
            foreach (int c in candidates.MonthYear)
            {
                if (c >= lastEnd && MonthYear().Match(text, start + c, end - start - c) is { Success: true } m)
                {
                    Add(into, firstNew, ResolveNamed(m, published));
                    lastEnd = c + m.Length;
                }
            }
            lastEnd = 0;
            foreach (int c in candidates.Numeric)
            {
                if (c >= lastEnd && NumericDate().Match(text, start + c, end - start - c) is { Success: true } m)
                {
                    Add(into, firstNew, ResolveNumeric(m));
                    lastEnd = c + m.Length;
                }
            }
        }
        if (RelativeCandidates(region) is { Count: > 0 } relativeStarts)
        {
            int lastEnd = 0;
            foreach (int c in relativeStarts)
            {
                if (c >= lastEnd && RelativeDate().Match(text, start + c, end - start - c) is { Success: true } m)
                {
                    Add(into, firstNew, ResolveRelative(m, published));
                    lastEnd = c + m.Length;
                }
            }
        }
        into.Sort(firstNew, into.Count - firstNew, ByStart);
    }

    private static readonly Comparer<FoundDate> ByStart = Comparer<FoundDate>.Create((a, b) => a.Start.CompareTo(b.Start));

    // What the patterns' leading lookbehind B excludes before a match: letters, marks, ZWNJ, digits.
    private static bool IsWordChar(char c) =>
        char.IsLetter(c) || char.IsDigit(c) || c == '\u200c' || CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark;

    // A position where B holds and a word begins.
    private static bool IsWordStart(ReadOnlySpan<char> region, int i) => IsWordChar(region[i]) && (i == 0 || !IsWordChar(region[i - 1]));

    /// <summary>
    /// Lists where each digit-bearing pattern may match, from the shape of each run of digits: a day (one or two
    /// digits, a month name after it) for a named date, at the run or up to <see cref="WordStartsBeforeDay"/>
    /// word starts before it (a weekday); a year (four digits after a word) for a month-year date, up to
    /// <see cref="WordStartsBeforeYear"/> word starts before it; one, two or four digits followed by «/», «-»
    /// or «.» and not preceded by a digit (and separator) for a numeric date.
    /// </summary>
    private static void DigitCandidates(ReadOnlySpan<char> region, int digit, Candidates into)
    {
        while (digit >= 0)
        {
            int runEnd = digit;
            while (runEnd < region.Length && char.IsDigit(region[runEnd]))
            {
                runEnd++;
            }
            int length = runEnd - digit;
            if (length <= 2 && IsWordStart(region, digit) && LetterFollows(region, runEnd))
            {
                AddWordStartsBefore(region, digit, WordStartsBeforeDay, into.Named);
                into.Named.Add(digit);
            }
            if (length == 4 && LetterPrecedes(region, digit))
            {
                AddWordStartsBefore(region, digit, WordStartsBeforeYear, into.MonthYear);
            }
            bool afterDigit = digit > 0 && (char.IsDigit(region[digit - 1])
                || (region[digit - 1] is '/' or '-' or '.' && digit > 1 && char.IsDigit(region[digit - 2])));
            if (!afterDigit && length is 1 or 2 or 4 && SeparatorFollows(region, runEnd, allowSpace: length == 4))
            {
                into.Numeric.Add(digit);
            }
            int next = IndexOfDigit(region[runEnd..]);
            digit = next < 0 ? -1 : runEnd + next;
        }
    }

    // Up to max word starts before position (and after the last one listed), in ascending order.
    private static void AddWordStartsBefore(ReadOnlySpan<char> region, int position, int max, List<int> into)
    {
        int listed = into.Count > 0 ? into[^1] : -1;
        Span<int> back = stackalloc int[max];
        int n = 0;
        for (int i = position - 1; i > listed && n < max; i--)
        {
            if (IsWordStart(region, i))
            {
                back[n++] = i;
            }
        }
        for (int k = n - 1; k >= 0; k--)
        {
            into.Add(back[k]);
        }
    }

    // After a day: optional white space, then a letter (the month, or «ام»).
    private static bool LetterFollows(ReadOnlySpan<char> region, int i)
    {
        while (i < region.Length && char.IsWhiteSpace(region[i]))
        {
            i++;
        }
        return i < region.Length && char.IsLetter(region[i]);
    }

    // Before a year: white space after a word («آبان ۱۴۰۲», «سال ۱۴۰۲»).
    private static bool LetterPrecedes(ReadOnlySpan<char> region, int i)
    {
        int j = i;
        while (j > 0 && char.IsWhiteSpace(region[j - 1]))
        {
            j--;
        }
        return j < i && j > 0 && (char.IsLetter(region[j - 1]) || CharUnicodeInfo.GetUnicodeCategory(region[j - 1]) == UnicodeCategory.NonSpacingMark);
    }

    // After the first number of a numeric date: its separator, after one space for a year.
    private static bool SeparatorFollows(ReadOnlySpan<char> region, int i, bool allowSpace)
    {
        if (allowSpace && i < region.Length && region[i] == ' ')
        {
            i++;
        }
        return i < region.Length && region[i] is '/' or '-' or '.';
    }

    /// <summary>In ascending order: the word start holding each weekday or day word, and the word start before it («سه شنبه», «پس فردا»).</summary>
    private static List<int> RelativeCandidates(ReadOnlySpan<char> region)
    {
        var starts = new List<int>();
        foreach (string cue in RelativeCues)
        {
            int pos = 0;
            while (pos < region.Length)
            {
                int hit = region[pos..].IndexOf(cue, StringComparison.Ordinal);
                if (hit < 0)
                {
                    break;
                }
                hit += pos;
                int wordStart = hit;
                while (wordStart > 0 && IsWordChar(region[wordStart - 1]))
                {
                    wordStart--;
                }
                int before = wordStart - 1;
                while (before >= 0 && !IsWordStart(region, before))
                {
                    before--;
                }
                if (before >= 0)
                {
                    starts.Add(before);
                }
                if (IsWordStart(region, wordStart))
                {
                    starts.Add(wordStart);
                }
                pos = hit + cue.Length;
            }
        }
        if (starts.Count > 1)
        {
            starts.Sort();
            int kept = 1;
            for (int i = 1; i < starts.Count; i++)
            {
                if (starts[i] != starts[kept - 1])
                {
                    starts[kept++] = starts[i];
                }
            }
            starts.RemoveRange(kept, starts.Count - kept);
        }
        return starts;
    }

    // Earlier patterns win over later ones that overlap them.
    private static void Add(List<FoundDate> into, int firstNew, FoundDate? found)
    {
        if (found is not { } f)
        {
            return;
        }
        for (int i = firstNew; i < into.Count; i++)
        {
            if (into[i].Start < f.End && f.Start < into[i].End)
            {
                return;
            }
        }
        into.Add(f);
    }

    private static FoundDate? ResolveNamed(Match m, DateOnly? published)
    {
        int at = m.Index;
        if (!MonthTable.TryGetValue(Squeeze(m.Groups["mon"].Value), out var month))
        {
            return null;
        }
        string era = m.Groups["era"].Value;
        string calendar = month.Calendar;
        bool hasDay = m.Groups["d"].Success;
        int year = m.Groups["y"].Success ? ParseDigits(m.Groups["y"].ValueSpan) : 0;
        // «مه»/«می» (May) and the short Jalali names need a year or a day to be dates at all.
        if ((m.Groups["mon"].Value is "مه" or "می") && (year == 0 || !hasDay))
        {
            return null;
        }
        if (calendar == Hijri && !hasDay && !era.Contains('ق', StringComparison.Ordinal))
        {
            return null;
        }
        bool yearInferred = false;
        if (year == 0 && published is { } pub)
        {
            year = YearIn(calendar, pub);
            yearInferred = true;
        }
        string? time = m.Groups["hh"].Success ? FormatTime(m.Groups["hh"].ValueSpan, m.Groups["mm"].ValueSpan) : null;
        string? iso = null;
        if (year != 0)
        {
            if (hasDay)
            {
                iso = ToIso(calendar, year, month.Month, ParseDigits(m.Groups["d"].ValueSpan));
                if (iso is null)
                {
                    return null;
                }
            }
            else
            {
                iso = ToIso(calendar, year, month.Month, 1) is { } first ? first[..7] : null;
            }
        }
        else if (!hasDay)
        {
            return null;
        }
        return new FoundDate(at, at + TrimmedLength(m), iso, calendar, time, yearInferred);
    }

    private static int TrimmedLength(Match m)
    {
        int len = m.Length;
        while (len > 0 && char.IsWhiteSpace(m.Value[len - 1]))
        {
            len--;
        }
        return len;
    }

    private static FoundDate? ResolveNumeric(Match m)
    {
        int at = m.Index;
        int y = ParseDigits(m.Groups["y"].ValueSpan), mo = ParseDigits(m.Groups["m"].ValueSpan), d = ParseDigits(m.Groups["d"].ValueSpan);
        string calendar = y is >= 1200 and < 1500 ? Persian : y is >= 1800 and < 2200 ? Gregorian : "";
        if (calendar.Length == 0)
        {
            return null;
        }
        string? iso = ToIso(calendar, y, mo, d);
        if (iso is null)
        {
            return null;
        }
        string? time = m.Groups["hh"].Success ? FormatTime(m.Groups["hh"].ValueSpan, m.Groups["mm"].ValueSpan) : null;
        return new FoundDate(at, at + TrimmedLength(m), iso, calendar, time, false);
    }

    private static FoundDate? ResolveRelative(Match m, DateOnly? published)
    {
        int at = m.Index;
        string? iso = null;
        if (published is { } pub)
        {
            DateOnly? day = null;
            if (m.Groups["day"].Success)
            {
                day = Squeeze(m.Groups["day"].Value) switch
                {
                    "امروز" or "امشب" => pub,
                    "دیروز" or "دیشب" => pub.AddDays(-1),
                    "پریروز" => pub.AddDays(-2),
                    "فردا" => pub.AddDays(1),
                    "پسفردا" => pub.AddDays(2),
                    _ => null,
                };
            }
            else if (WeekdayTable.TryGetValue(Squeeze(m.Groups["wd"].Value), out var weekday))
            {
                string rel = m.Groups["rel"].Value;
                int back = ((int)pub.DayOfWeek - (int)weekday + 7) % 7;
                int forward = ((int)weekday - (int)pub.DayOfWeek + 7) % 7;
                day = rel switch
                {
                    "آینده" => pub.AddDays(forward == 0 ? 7 : forward),
                    _ when rel.Contains("آینده", StringComparison.Ordinal) => pub.AddDays(forward + 7),
                    _ when rel.Contains("هفته", StringComparison.Ordinal) && !rel.StartsWith("این", StringComparison.Ordinal) => pub.AddDays(-back - 7),
                    "" or "این هفته" => pub.AddDays(-back),
                    _ => pub.AddDays(back == 0 ? -7 : -back),
                };
            }
            iso = day?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        }
        return new FoundDate(at, at + m.Length, iso, Gregorian, null, true);
    }

    /// <summary>True when a line holds nothing but a date or timestamp (a date line under a headline).</summary>
    public static bool IsDateLine(string text, int start, int end, out FoundDate date)
    {
        date = default;
        var line = text.AsSpan(start, end - start);
        if (IndexOfDigit(line) < 0)
        {
            return false; // every date but a relative one (not a stamp) holds digits
        }
        var found = new List<FoundDate>(2);
        Find(text, start, end, null, found);
        found.RemoveAll(f => f.Relative || f.Iso is null);
        // A numeric stamp is a date line by its shape even when the date does not exist (a broken crawl);
        // it is then dropped from the text but gives no publication date.
        bool valid = found.Count > 0;
        if (!valid)
        {
            var candidates = new Candidates();
            DigitCandidates(line, IndexOfDigit(line), candidates);
            int lastEnd = 0;
            foreach (int c in candidates.Numeric)
            {
                if (c >= lastEnd && NumericDate().Match(text, start + c, end - start - c) is { Success: true } m)
                {
                    found.Add(new FoundDate(m.Index, m.Index + m.Length, null, "", null, false));
                    lastEnd = c + m.Length;
                }
            }
            if (found.Count == 0)
            {
                return false;
            }
        }
        int pos = start;
        foreach (var f in found)
        {
            if (!OnlyStampWords(text.AsSpan(pos, f.Start - pos)))
            {
                return false;
            }
            pos = f.End;
        }
        if (!OnlyStampWords(text.AsSpan(pos, end - pos)))
        {
            return false;
        }
        date = found[0];
        return true;
    }

    private static readonly FrozenSet<string> StampWords = FrozenSet.Create(StringComparer.Ordinal,
        "ساعت", "تاریخ", "انتشار", "تاریخانتشار", "زمان", "زمانانتشار", "منتشرشده", "منتشر", "شده", "بروزرسانی", "بهروزرسانی",
        "آخرینبهروزرسانی", "آخرینبروزرسانی", "کد", "خبر", "شمسی", "میلادی", "قمری", "هجری",
        "شنبه", "یکشنبه", "دوشنبه", "سهشنبه", "چهارشنبه", "پنجشنبه", "جمعه", "سه", "یک", "دو", "چهار", "پنج", "ق", "ظ", "بظ", "صبح", "عصر");

    private static bool OnlyStampWords(ReadOnlySpan<char> gap)
    {
        var words = new List<SpacedWord>();
        Words.Split(gap, words);
        foreach (var w in words)
        {
            var core = gap[w.CoreStart..w.CoreEnd];
            if (core.IsEmpty)
            {
                continue;
            }
            bool numeric = true;
            foreach (char c in core)
            {
                if (!(char.IsDigit(c) || c is ':' or '/' or '-' or '.'))
                {
                    numeric = false;
                    break;
                }
            }
            if (!numeric && !StampWords.Contains(Squeeze(core.ToString())))
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>Parses a date field (ISO 8601, RFC 1123, a numeric or named Persian date) to an ISO date.</summary>
    public static DateMention? ParseField(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }
        string v = value.Trim();
        if (DateTimeOffset.TryParse(v, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowWhiteSpaces, out var dto) && dto.Year >= 1800)
        {
            bool hasTime = v.Contains(':', StringComparison.Ordinal);
            return new DateMention(v, null, dto.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), Gregorian,
                hasTime ? dto.ToString("HH:mm", CultureInfo.InvariantCulture) : null);
        }
        var found = new List<FoundDate>(2);
        Find(v, 0, v.Length, null, found);
        foreach (var f in found)
        {
            if (f.Iso is { Length: 10 })
            {
                return new DateMention(v, null, f.Iso, f.Calendar, f.Time);
            }
        }
        return null;
    }

    internal static int YearIn(string calendar, DateOnly date)
    {
        var dt = date.ToDateTime(TimeOnly.MinValue);
        return calendar switch
        {
            Persian => PersianCal.GetYear(dt),
            Hijri => UmAlQura.GetYear(dt),
            _ => date.Year,
        };
    }

    /// <summary>The ISO 8601 Gregorian date of a date in <paramref name="calendar"/>, or null when it does not exist.</summary>
    internal static string? ToIso(string calendar, int year, int month, int day)
    {
        if (month is < 1 or > 12 || day < 1)
        {
            return null;
        }
        try
        {
            Calendar cal = calendar switch
            {
                Persian => PersianCal,
                Hijri => year >= UmAlQura.GetYear(UmAlQura.MinSupportedDateTime) + 1 && year < UmAlQura.GetYear(UmAlQura.MaxSupportedDateTime) ? UmAlQura : TabularHijri,
                _ => CultureInfo.InvariantCulture.Calendar,
            };
            if (day > cal.GetDaysInMonth(year, month))
            {
                return null;
            }
            return cal.ToDateTime(year, month, day, 0, 0, 0, 0).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        }
        catch (ArgumentOutOfRangeException)
        {
            return null;
        }
    }

    private static string? FormatTime(ReadOnlySpan<char> hh, ReadOnlySpan<char> mm)
    {
        int h = ParseDigits(hh), m = ParseDigits(mm);
        return h < 24 && m < 60 ? $"{h:00}:{m:00}" : null;
    }

    internal static int ParseDigits(ReadOnlySpan<char> digits)
    {
        int value = 0;
        foreach (char c in digits)
        {
            int d = TextFold.DigitValue(c);
            if (d < 0)
            {
                d = (int)char.GetNumericValue(c);
            }
            value = value * 10 + d;
        }
        return value;
    }
}
