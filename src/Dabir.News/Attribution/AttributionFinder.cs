using System.Collections.Frozen;
using System.Text.RegularExpressions;
using Dabir.News.Structure;
using Dabir.Text;

namespace Dabir.News.Attribution;

/// <summary>What the credits of an article say, with offsets into the repaired text.</summary>
internal readonly record struct FoundAttribution(NewsAgency? Agency, string Cue, int EvidenceStart, int EvidenceEnd, int PlaceStart, int PlaceEnd);

/// <summary>
/// Finds the agency credited by an article and the dateline place: «به گزارش خبرگزاری مهر از تبریز،»,
/// «به گزارش ایرنا»، «… در گفت‌وگو با خبرنگار فارس»، «مشهد - ایرنا -»، «خبرگزاری فارس: …».
/// </summary>
/// <remarks>
/// Outlet names are looked up only right after a credit word («خبرگزاری», «خبرنگار», «به گزارش»,
/// «روزنامه», «پایگاه خبری», «شبکه») or between the dashes of a dateline, because several names are also
/// common words («مهر» the month, «فارس» the province). A name after «به نقل از» is a quoted source, not the
/// publisher, and is not taken. Paragraphs are searched in order (lead, then body); the first credit wins.
/// </remarks>
internal static partial class AttributionFinder
{
    private static readonly FrozenSet<string> CueWords = FrozenSet.Create(StringComparer.Ordinal,
        "خبرگزاری", "خبرنگار", "گزارش", "روزنامه", "پایگاه", "شبکه", "سایت", "وبسایت", "رادیو", "تلویزیون", "خبرگزاریهای");

    // Words that end the search window after a cue: a name never comes after them in a credit.
    private static readonly FrozenSet<string> StopWords = FrozenSet.Create(StringComparer.Ordinal,
        "در", "از", "با", "که", "را", "برای", "نقل", "به", "این", "آن", "وی", "او", "گفت", "افزود");

    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> CueLookup = CueWords.GetAlternateLookup<ReadOnlySpan<char>>();
    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> StopLookup = StopWords.GetAlternateLookup<ReadOnlySpan<char>>();

    private const int Window = 5;

    [GeneratedRegex(@"^\s*(?<place>[^\s\-–—(),،:]{2,}(?:\s+[^\s\-–—(),،:]{2,}){0,2})\s*(?:[-–—]\s*(?<ag>[^\-–—،:()]{2,40}?)\s*[-–—]|\(\s*(?<ag>[^()]{2,40}?)\s*\)\s*[-–—]?)")]
    private static partial Regex Dateline();

    /// <summary>Searches the paragraphs (offsets into <paramref name="text"/>) in order.</summary>
    public static FoundAttribution? Find(string text, IEnumerable<(int Start, int End)> paragraphs)
    {
        var words = new List<SpacedWord>();
        foreach (var (start, end) in paragraphs)
        {
            if (FindDateline(text, start, end) is { } dateline)
            {
                return dateline;
            }
            words.Clear();
            Words.Split(text.AsSpan(start, end - start), words);
            if (FindCredit(text, start, words) is { } credit)
            {
                return credit;
            }
        }
        return null;
    }

    private static FoundAttribution? FindDateline(string text, int start, int end)
    {
        int probe = Math.Min(end - start, 120);
        var m = Dateline().Match(text, start, probe);
        if (!m.Success)
        {
            return null;
        }
        var ag = m.Groups["ag"];
        var agency = AgencyTable.FindByName(ag.Value);
        if (agency is null)
        {
            return null;
        }
        var place = m.Groups["place"];
        return new FoundAttribution(agency, "dateline", m.Index, m.Index + m.Length, place.Index, place.Index + place.Length);
    }

    private static FoundAttribution? FindCredit(string text, int start, List<SpacedWord> words)
    {
        Span<char> key = stackalloc char[256];
        for (int i = 0; i < words.Count; i++)
        {
            var cueSpan = Core(text, start, words[i]);
            if (!CueLookup.Contains(cueSpan) && !(cueSpan.Contains('\u200c') && CueWords.Contains(Fold(text, start, words[i]))))
            {
                continue;
            }
            string cue = Fold(text, start, words[i]);
            bool reportedBy = cue == "گزارش";
            if (reportedBy && (i == 0 || !Core(text, start, words[i - 1]).SequenceEqual("به")))
            {
                continue;
            }
            // The cue word itself may begin the name («خبرگزاری جمهوری اسلامی», «رادیو فردا»).
            for (int j = i; j < words.Count && j <= i + Window; j++)
            {
                if (j > i && StopLookup.Contains(Core(text, start, words[j])))
                {
                    break;
                }
                if (MatchName(text, start, words, j, key) is { } match)
                {
                    int evidenceStart = reportedBy ? words[i - 1].CoreStart : words[i].CoreStart;
                    var (placeStart, placeEnd) = PlaceAfter(text, start, words, match.LastWord + 1);
                    string how = cue == "خبرنگار" ? "reporter" : "credit";
                    return new FoundAttribution(match.Agency, how, start + evidenceStart, start + words[match.LastWord].CoreEnd,
                        placeStart < 0 ? -1 : start + placeStart, placeEnd < 0 ? -1 : start + placeEnd);
                }
                if (j > i && words[j].HasTrailingPunctuation)
                {
                    break;
                }
            }
        }
        return null;
    }

    // «… مهر از تبریز،» → the place between «از»/«در» and the comma (at most three words).
    private static (int, int) PlaceAfter(string text, int start, List<SpacedWord> words, int next)
    {
        if (next >= words.Count || words[next - 1].HasTrailingPunctuation)
        {
            return (-1, -1);
        }
        string preposition = Fold(text, start, words[next]);
        if (preposition is not ("از" or "در") || next + 1 >= words.Count || Fold(text, start, words[next + 1]) is "نقل" or "قول" or "سوی")
        {
            return (-1, -1);
        }
        for (int k = next + 1; k < words.Count && k <= next + 3; k++)
        {
            if (StopWords.Contains(Fold(text, start, words[k])))
            {
                return (-1, -1);
            }
            if (words[k].HasTrailingPunctuation)
            {
                char p = text[start + words[k].CoreEnd];
                return p is '،' or ',' ? (words[next + 1].CoreStart, words[k].CoreEnd) : (-1, -1);
            }
        }
        return (-1, -1);
    }

    private static (NewsAgency Agency, int LastWord)? MatchName(string text, int start, List<SpacedWord> words, int from, Span<char> key)
    {
        (NewsAgency, int)? best = null;
        int length = 0;
        for (int k = from; k < words.Count && k < from + AgencyTable.MaxNameWords; k++)
        {
            var core = text.AsSpan(start + words[k].CoreStart, words[k].CoreEnd - words[k].CoreStart);
            int folded = PersianFold.Fold(core, key[length..], PersianFoldOptions.ComparisonKey);
            if (folded < 0)
            {
                return best; // longer than any agency name
            }
            length += folded;
            if (AgencyTable.FindByKey(key[..length]) is { } agency)
            {
                best = (agency, k);
            }
            if (words[k].HasTrailingPunctuation)
            {
                break;
            }
        }
        return best;
    }

    private static ReadOnlySpan<char> Core(string text, int start, SpacedWord w) => text.AsSpan(start + w.CoreStart, w.CoreEnd - w.CoreStart);

    private static string Fold(string text, int start, SpacedWord w) => TextFold.Key(text.AsSpan(start + w.CoreStart, w.CoreEnd - w.CoreStart));
}
