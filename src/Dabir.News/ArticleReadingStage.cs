using System.Globalization;
using System.Text;
using Dabir.News.Attribution;
using Dabir.News.Dates;
using Dabir.News.Numbers;
using Dabir.News.Structure;
using Dabir.Pipeline;
using Dabir.Text;

namespace Dabir.News;

/// <summary>
/// The article-reading stage: on the repaired text, finds title, lead and body paragraphs (dropping the repeated lead,
/// repeats and boilerplate), the credited agency, dateline, reporter, publication date, dates and numbers. Requires
/// the <see cref="ArticleFields"/> input and the repaired <see cref="AlignedText"/>; provides the
/// <see cref="ArticleLayout"/> and the <see cref="TextRegions"/> later stages analyse (title, lead, kept paragraphs).
/// Immutable and thread-safe.
/// </summary>
public sealed class ArticleReadingStage : IDocumentStage
{
    /// <summary>Longest first paragraph still taken as a headline when the text has no other marker.</summary>
    private const int MaxTitleLength = 300;

    /// <inheritdoc />
    public string Name => "article";

    /// <inheritdoc />
    public IReadOnlyList<Type> Requires { get; } = [typeof(ArticleFields), typeof(AlignedText)];

    /// <inheritdoc />
    public IReadOnlyList<Type> Provides { get; } = [typeof(ArticleLayout), typeof(TextRegions)];

    internal enum Role { Unknown, Title, Lead, Body }

    private struct Line
    {
        public int Start;
        public int End;
        public Role Role;
        public int Field;
        public string? Removed;
        public int PersonStart;
    }

    private sealed class Para(int start, int end, Role role)
    {
        public int Start { get; } = start;
        public int End { get; set; } = end;
        public Role Role { get; set; } = role;
        private string? _key;

        public string Key(string text) => _key ??= TextFold.Key(text.AsSpan(Start, End - Start));
    }

    /// <inheritdoc />
    public void Run(AnalysisDocument document, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(document);
        var fields = document.Get<ArticleFields>();
        var input = fields.Input;
        var aligned = document.Get<AlignedText>();
        string text = aligned.Text;
        var lineInfos = SplitLines(text, fields.LineRoles);

        var removed = new List<(int Start, int End, string Reason)>();
        DateMention? published = DateFinder.ParseField(input.Published);
        int reporterStart = -1, reporterEnd = -1;
        int contentLinesSeen = 0;
        for (int i = 0; i < lineInfos.Count; i++)
        {
            var line = lineInfos[i];
            if (line.Start == line.End)
            {
                continue;
            }
            string? reason = Boilerplate.Classify(text.AsSpan(line.Start, line.End - line.Start), out int person);
            if (reason == "credit-line")
            {
                // Credit lines stay in the text (they are the article's own words); a named reporter is recorded.
                reason = null;
            }
            else if (reason == "end-of-message" && HasContentAfter(text, lineInfos, i))
            {
                reason = null; // «انتهای پیام» inside a compilation of several items, not the end of the page
            }
            if (person >= 0 && reporterStart < 0)
            {
                reporterStart = line.Start + person;
                reporterEnd = line.End;
            }
            if (reason is null && (contentLinesSeen < HeaderLines || !IsBareDate(text, line))
                && DateFinder.IsDateLine(text, line.Start, line.End, out var stamp))
            {
                reason = "date-line";
                if (stamp.Iso is not null)
                {
                    published ??= new DateMention(text[stamp.Start..stamp.End], aligned.ToSource(TextSpan.FromBounds(stamp.Start, stamp.End)), stamp.Iso, stamp.Calendar, stamp.Time);
                }
            }
            if (reason is not null)
            {
                line.Removed = reason;
                lineInfos[i] = line;
                removed.Add((line.Start, line.End, reason));
            }
            else
            {
                contentLinesSeen++;
            }
        }

        var paras = input.PlainText is not null ? ParagraphsOfPlainText(text, lineInfos) : ParagraphsOfFields(lineInfos);
        Para? title = null, lead = null;
        var body = new List<Para>();
        if (input.PlainText is not null)
        {
            AssignPlainRoles(text, paras, out title, out lead, body);
        }
        else
        {
            foreach (var p in paras)
            {
                switch (p.Role)
                {
                    case Role.Title when title is null:
                        title = p;
                        break;
                    case Role.Lead when lead is null:
                        lead = p;
                        break;
                    default:
                        body.Add(p);
                        break;
                }
            }
        }
        // A page's headline often reappears inside the extracted content; in crawled text a repeated headline is the author's.
        var kept = RemoveRepeats(text, input.Origin.Format == "html" ? title : null, lead, body, removed);

        var searchOrder = new List<(int, int)>();
        if (lead is not null)
        {
            searchOrder.Add((lead.Start, lead.End));
        }
        searchOrder.AddRange(kept.Select(p => (p.Start, p.End)));
        var attribution = AttributionFinder.Find(text, searchOrder);
        AgencyMention? agency = null;
        TextField? dateline = null;
        if (attribution is { } a)
        {
            if (a.Agency is not null)
            {
                agency = new AgencyMention(a.Agency, Field(aligned, a.EvidenceStart, a.EvidenceEnd), a.Cue);
            }
            if (a.PlaceStart >= 0)
            {
                dateline = Field(aligned, a.PlaceStart, a.PlaceEnd);
            }
        }
        if (agency is null && input.SourceName is { } sourceName && AgencyTable.FindByName(sourceName) is { } named)
        {
            agency = new AgencyMention(named, null, "field");
        }
        if (agency is null && AgencyTable.FindByUrl(input.Url) is { } byUrl)
        {
            agency = new AgencyMention(byUrl, null, "url");
        }

        DateOnly? publishedDay = published?.Iso is { Length: 10 } iso
            ? DateOnly.ParseExact(iso, "yyyy-MM-dd", CultureInfo.InvariantCulture)
            : null;
        var contentSpans = new List<(int Start, int End)>();
        if (title is not null)
        {
            contentSpans.Add((title.Start, title.End));
        }
        if (lead is not null)
        {
            contentSpans.Add((lead.Start, lead.End));
        }
        contentSpans.AddRange(kept.Select(p => (p.Start, p.End)));
        var dates = new List<FoundDate>();
        var numbers = new List<FoundNumber>();
        var taken = new List<(int, int)>();
        foreach (var (s, e) in contentSpans)
        {
            int before = dates.Count;
            DateFinder.Find(text, s, e, publishedDay, dates);
            taken.Clear();
            for (int i = before; i < dates.Count; i++)
            {
                taken.Add((dates[i].Start, dates[i].End));
            }
            NumberFinder.Find(text, s, e, taken, numbers);
        }

        document.Set(new ArticleLayout
        {
            Title = title is null ? null : Field(aligned, title.Start, title.End),
            Lead = lead is null ? null : Field(aligned, lead.Start, lead.End),
            Paragraphs = [.. kept.Select(p => Field(aligned, p.Start, p.End))],
            Removed = [.. removed.OrderBy(r => r.Start).Select(r => new RemovedText(text[r.Start..r.End], aligned.ToSource(TextSpan.FromBounds(r.Start, r.End)), r.Reason))],
            Agency = agency,
            Dateline = dateline,
            Reporter = reporterStart >= 0 ? Field(aligned, reporterStart, reporterEnd) : null,
            Published = published,
            Dates = [.. dates.Select(d => new DateMention(text[d.Start..d.End], aligned.ToSource(TextSpan.FromBounds(d.Start, d.End)), d.Iso, d.Calendar, d.Time, d.Relative))],
            Numbers = [.. numbers.Select(n => new NumberMention(text[n.Start..n.End], aligned.ToSource(TextSpan.FromBounds(n.Start, n.End)), n.Value, n.Unit))],
        });
        document.Set(new TextRegions([.. contentSpans.OrderBy(c => c.Start).Select(c => TextSpan.FromBounds(c.Start, c.End))]));
    }

    /// <summary>Date lines are dropped in the header (the first lines); lower down only stamps with a time or a word such as «تاریخ انتشار» are.</summary>
    private const int HeaderLines = 3;

    // A date alone on a line below the header (the date under a signed letter) is content.
    private static bool IsBareDate(string text, Line line)
    {
        var span = text.AsSpan(line.Start, line.End - line.Start);
        foreach (char c in span)
        {
            if (char.IsLetter(c) || c == ':')
            {
                return false;
            }
        }
        return true;
    }

    // True when a real paragraph (not boilerplate, not a short line) follows line <paramref name="index"/>.
    private static bool HasContentAfter(string text, List<Line> lines, int index)
    {
        for (int k = index + 1; k < lines.Count; k++)
        {
            var l = lines[k];
            var span = text.AsSpan(l.Start, l.End - l.Start);
            if (span.IsEmpty || Boilerplate.Classify(span, out _) is not null)
            {
                continue;
            }
            if (TextFold.WordCount(span) >= 8)
            {
                return true;
            }
        }
        return false;
    }

    private static TextField Field(AlignedText aligned, int start, int end) =>
        new(aligned.Text[start..end], aligned.ToSource(TextSpan.FromBounds(start, end)));

    // Plain text is analysed as is; fields are laid out as title, lead and body paragraphs separated by blank
    // lines, and every source line remembers which field it came from.
    internal static (string Source, List<(Role Role, int Field)>? Lines) Compose(ArticleInput input)
    {
        if (input.PlainText is not null)
        {
            return (input.PlainText, null);
        }
        var sb = new StringBuilder();
        var roles = new List<(Role, int)>();
        int field = 0;
        void Add(string? value, Role role)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                return;
            }
            if (sb.Length > 0)
            {
                sb.Append("\n\n");
                roles.Add((Role.Unknown, -1));
            }
            string v = value.Trim().ReplaceLineEndings("\n");
            foreach (var _ in v.AsSpan().EnumerateLines())
            {
                roles.Add((role, field));
            }
            sb.Append(v);
            field++;
        }
        Add(input.Title, Role.Title);
        Add(input.Lead, Role.Lead);
        foreach (var p in input.Body)
        {
            Add(p, Role.Body);
        }
        return (sb.ToString(), roles);
    }

    private static List<Line> SplitLines(string text, List<(Role Role, int Field)>? roles)
    {
        var lines = new List<Line>();
        int pos = 0, index = 0;
        while (pos <= text.Length)
        {
            int nl = text.IndexOf('\n', pos);
            int end = nl < 0 ? text.Length : nl;
            int s = pos, e = end;
            while (s < e && char.IsWhiteSpace(text[s]))
            {
                s++;
            }
            while (e > s && char.IsWhiteSpace(text[e - 1]))
            {
                e--;
            }
            var (role, field) = roles is not null && index < roles.Count ? roles[index] : (Role.Unknown, -1);
            lines.Add(new Line { Start = s, End = e, Role = role, Field = field, PersonStart = -1 });
            index++;
            if (nl < 0)
            {
                break;
            }
            pos = nl + 1;
        }
        return lines;
    }

    private static List<Para> ParagraphsOfFields(List<Line> lines)
    {
        var paras = new List<Para>();
        Para? current = null;
        int currentField = -2;
        foreach (var line in lines)
        {
            if (line.Start == line.End || line.Removed is not null)
            {
                current = null;
                continue;
            }
            if (current is not null && line.Field == currentField)
            {
                current.End = line.End;
                continue;
            }
            current = new Para(line.Start, line.End, line.Role);
            currentField = line.Field;
            paras.Add(current);
        }
        return paras;
    }

    // Paragraphs are blocks separated by blank lines when the text uses blank lines between paragraphs, and
    // single lines otherwise. Removed lines (boilerplate, date lines) always separate paragraphs.
    private static List<Para> ParagraphsOfPlainText(string text, List<Line> lines)
    {
        bool blockMode = false;
        bool seenContent = false, blankAfterContent = false;
        foreach (var line in lines)
        {
            if (line.Removed is not null)
            {
                continue;
            }
            if (line.Start == line.End)
            {
                blankAfterContent |= seenContent;
                continue;
            }
            if (blankAfterContent)
            {
                blockMode = true;
                break;
            }
            seenContent = true;
        }

        var paras = new List<Para>();
        Para? current = null;
        bool currentIsFirstLineOfText = false;
        foreach (var line in lines)
        {
            if (line.Start == line.End || line.Removed is not null)
            {
                current = null;
                continue;
            }
            bool join = current is not null && (blockMode
                ? !(currentIsFirstLineOfText && paras.Count == 1)
                : paras.Count > 1 && IsIntroducingLine(text, current.Start, current.End) && HasWord(text, line));
            if (join)
            {
                current!.End = line.End;
                currentIsFirstLineOfText = false;
                continue;
            }
            current = new Para(line.Start, line.End, Role.Unknown);
            currentIsFirstLineOfText = paras.Count == 0;
            paras.Add(current);
        }
        return paras;
    }

    // A line of punctuation only («.», «***») is not what an introducing line introduces.
    private static bool HasWord(string text, Line line)
    {
        foreach (char c in text.AsSpan(line.Start, line.End - line.Start))
        {
            if (char.IsLetterOrDigit(c))
            {
                return true;
            }
        }
        return false;
    }

    // A short line ending with a colon («خبرگزاری فارس:») introduces the line after it.
    private static bool IsIntroducingLine(string text, int start, int end) =>
        end > start && text[end - 1] is ':' && TextFold.WordCount(text.AsSpan(start, end - start)) <= 5;

    private static void AssignPlainRoles(string text, List<Para> paras, out Para? title, out Para? lead, List<Para> body)
    {
        title = null;
        lead = null;
        int next = 0;
        if (paras.Count > 0 && paras[0].End - paras[0].Start <= MaxTitleLength && !StartsWithBodyCue(text, paras[0]))
        {
            title = paras[0];
            title.Role = Role.Title;
            next = 1;
        }
        if (next < paras.Count)
        {
            var candidate = paras[next];
            bool repeated = next + 1 < paras.Count && TextFold.NearlyEqual(candidate.Key(text), paras[next + 1].Key(text));
            if (repeated || !StartsWithBodyCue(text, candidate))
            {
                lead = candidate;
                lead.Role = Role.Lead;
                next++;
            }
        }
        for (int i = next; i < paras.Count; i++)
        {
            paras[i].Role = Role.Body;
            body.Add(paras[i]);
        }
    }

    // Body paragraphs open with a credit («به گزارش …») or a dateline («تهران - ایرنا -»); leads do not.
    private static bool StartsWithBodyCue(string text, Para p)
    {
        var span = text.AsSpan(p.Start, p.End - p.Start);
        if (span.StartsWith("به گزارش", StringComparison.Ordinal) || span.StartsWith("به نقل از", StringComparison.Ordinal))
        {
            return true;
        }
        var probe = span[..Math.Min(span.Length, 60)];
        int dash = probe.IndexOfAny('-', '–', '—');
        return dash > 0 && probe[(dash + 1)..].IndexOfAny('-', '–', '—') > 0 && TextFold.WordCount(probe[..dash]) <= 3;
    }

    private static List<Para> RemoveRepeats(string text, Para? title, Para? lead, List<Para> body, List<(int, int, string)> removed)
    {
        var kept = new List<Para>(body.Count);
        string? leadKey = lead?.Key(text);
        string? titleKey = title?.Key(text);
        foreach (var p in body)
        {
            string key = p.Key(text);
            // The crawled copy of the lead sits right under it and may differ by a slip; further down only an exact
            // (folded) copy is a repeat: a paragraph that restates the lead with another verb is the author's.
            if (leadKey is not null && key.Length > 0
                && (kept.Count == 0 ? TextFold.NearlyEqual(key, leadKey) : string.Equals(key, leadKey, StringComparison.Ordinal)))
            {
                removed.Add((p.Start, p.End, "repeated-lead"));
                continue;
            }
            if (titleKey is { Length: > 0 } && string.Equals(key, titleKey, StringComparison.Ordinal))
            {
                removed.Add((p.Start, p.End, "repeated-title"));
                continue;
            }
            int words = TextFold.WordCount(text.AsSpan(p.Start, p.End - p.Start));
            bool repeat = false;
            if (kept.Count > 0 && words >= 3 && key.Length > 0 && TextFold.NearlyEqual(key, kept[^1].Key(text)))
            {
                repeat = true;
            }
            else if (words >= 20)
            {
                foreach (var k in kept)
                {
                    if (TextFold.NearlyEqual(key, k.Key(text)))
                    {
                        repeat = true;
                        break;
                    }
                }
            }
            if (repeat)
            {
                removed.Add((p.Start, p.End, "repeated-paragraph"));
                continue;
            }
            kept.Add(p);
        }
        return kept;
    }
}
