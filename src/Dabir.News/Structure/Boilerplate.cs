using System.Collections.Frozen;
using Dabir.Text;

namespace Dabir.News.Structure;

/// <summary>
/// Recognizes the lines crawls add around an article: «انتهای پیام», «کد خبر: …», share and print links,
/// menus, tag lists and credit lines («خبرنگار: …»). Lines are compared on folded keys, so spacing,
/// half-spaces and Arabic letter variants do not matter.
/// </summary>
internal static class Boilerplate
{
    /// <summary>Longest line that can be boilerplate; longer lines are always content.</summary>
    private const int MaxLineLength = 160;

    private static readonly FrozenDictionary<string, string> Exact = Build(
        ("share-link", ["اشتراکگذاری", "اشتراکگذاریدر", "اشتراک", "نسخهچاپی", "چاپ", "چاپخبر", "چاپمطلب", "ارسالبهدوستان", "ارسالبهدوست", "ارسال",
            "ذخیره", "کپیشد", "کپیلینک", "کپی", "لینککوتاه", "تلگرام", "واتساپ", "توییتر", "فیسبوک", "لینکدین", "ایتا", "روبیکا",
            "print", "share", "tweet", "telegram", "whatsapp", "facebook", "twitter", "email", "ایمیل", "پرینت"]),
        ("navigation", ["ارسالنظر", "نظرات", "نظرشما", "بازگشت", "بیشتربخوانید", "اخبارمرتبط", "مطالبمرتبط", "خبرهایمرتبط", "تبلیغات", "آگهی",
            "صفحهاصلی", "خانه", "پربازدیدترینها", "پربحثترینها", "آخریناخبار", "منو", "جستجو", "ورود", "عضویت", "اخبارروز", "همهاخبار",
            "بیشتر", "advertisement", "ads", "home", "menu", "search", "login"]),
        ("end-of-message", ["انتهایپیام", "انتهایخبر", "پایانپیام", "پایانخبر"]));

    // Prefix rules: (folded prefix, reason, longest remainder in folded characters, colon required).
    private static readonly (string Prefix, string Reason, int MaxRest, bool NeedsColon)[] Prefixes =
    [
        ("انتهایپیام", "end-of-message", 12, false),
        ("انتهایخبر", "end-of-message", 12, false),
        ("پایانپیام", "end-of-message", 12, false),
        ("کدخبر", "news-code", 24, false),
        ("کدمطلب", "news-code", 24, false),
        ("شناسهخبر", "news-code", 24, false),
        ("شناسهمطلب", "news-code", 24, false),
        ("لینککوتاه", "share-link", 80, false),
        ("اشتراکگذاری", "share-link", 20, false),
        ("برچسبها", "tags", 400, true),
        ("برچسب", "tags", 400, true),
        ("کلیدواژهها", "tags", 400, true),
        ("کلمات کلیدی", "tags", 400, true),
        ("تگها", "tags", 400, true),
        ("تعدادبازدید", "navigation", 15, false),
        ("بازدید", "navigation", 15, true),
    ];

    // Credit lines naming a person: «خبرنگار: …», «نویسنده: …», «به قلم …».
    private static readonly FrozenSet<string> ReporterCredits = FrozenSet.Create(StringComparer.Ordinal,
        "خبرنگار", "نویسنده", "گزارش", "گزارشگر", "گزارشاز", "بهقلم", "مصاحبه", "گفتوگو", "گفتگو");
    private static readonly FrozenSet<string> OtherCredits = FrozenSet.Create(StringComparer.Ordinal,
        "عکس", "عکاس", "عکسها", "ترجمه", "مترجم", "تنظیم", "گردآوری", "تهیهوتنظیم", "ویراستار", "دبیر", "منبع", "تصویر", "ویدیو", "فیلم");

    private static FrozenDictionary<string, string> Build(params (string Reason, string[] Keys)[] groups)
    {
        var d = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (reason, keys) in groups)
        {
            foreach (var k in keys)
            {
                d[k] = reason;
            }
        }
        return d.ToFrozenDictionary(StringComparer.Ordinal);
    }

    /// <summary>
    /// The reason <paramref name="line"/> is boilerplate, or null when it is content. For a credit line naming
    /// a person, <paramref name="personStart"/> is the offset in <paramref name="line"/> where the name starts.
    /// </summary>
    public static string? Classify(ReadOnlySpan<char> line, out int personStart)
    {
        personStart = -1;
        line = line.Trim();
        if (line.IsEmpty || line.Length > MaxLineLength)
        {
            return null;
        }
        string key = TextFold.Key(line);
        if (key.Length == 0)
        {
            return null; // separators such as «***» belong to the article's layout
        }
        if (Exact.TryGetValue(key, out var reason))
        {
            return reason;
        }
        bool hasColon = line.IndexOfAny(':', '：') >= 0;
        foreach (var (prefix, why, maxRest, needsColon) in Prefixes)
        {
            if (key.StartsWith(prefix, StringComparison.Ordinal) && key.Length - prefix.Length <= maxRest && (!needsColon || hasColon))
            {
                return why;
            }
        }
        return CreditLine(line, out personStart);
    }

    private static string? CreditLine(ReadOnlySpan<char> line, out int personStart)
    {
        personStart = -1;
        if (Words.Count(line) > 8)
        {
            return null;
        }
        int colon = line.IndexOfAny(':', '：');
        ReadOnlySpan<char> head;
        int rest;
        if (colon > 0)
        {
            head = line[..colon];
            rest = colon + 1;
        }
        else if (line.StartsWith("به قلم", StringComparison.Ordinal))
        {
            head = line[..6];
            rest = 6;
        }
        else
        {
            return null;
        }
        if (Words.Count(head) > 3 || Words.Count(line[rest..]) is 0 or > 5)
        {
            return null;
        }
        string headKey = TextFold.Key(head);
        if (ReporterCredits.Contains(headKey))
        {
            personStart = rest;
            while (personStart < line.Length && char.IsWhiteSpace(line[personStart]))
            {
                personStart++;
            }
            return "credit-line";
        }
        return OtherCredits.Contains(headKey) ? "credit-line" : null;
    }
}
