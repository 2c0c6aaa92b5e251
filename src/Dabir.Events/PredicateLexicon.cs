using System.Collections.Frozen;
using System.Globalization;

namespace Dabir.Events;

/// <summary>How an argument is marked in the sentence (which recipients a predicate looks for).</summary>
internal enum ArgumentMarker : byte
{
    Preposition, // از X, با X, به X, علیه X … (the word is in RecipientRule.Word)
    Object,    // X را
    Genitive,  // the noun's complement: «جنایات X»
    After,     // the first actor after the trigger («مدعی شد X …», «در دیدار با X»)
    Letter,    // the addressee of the sentence's letter or message («در نامه‌ای به X»)
}

[Flags]
internal enum PredicateFlags : byte
{
    None = 0,
    Speech = 1,          // a verb of saying: no event; its subject speaks what follows a colon
    Nominal = 2,         // a noun phrase without a verb («در دیدار با X»)
    NeedsRecipient = 4,  // no event without a recipient
    PastForm = 8,        // the verb must show its past stem (so «خواهد» the future auxiliary is not «خواست»)
    Weak = 16,           // only with an explicit subject in the sentence
    Swap = 32,           // the found recipient is the actor and the subject the recipient («X از Y استقبال کرد»: Y visits X)
}

/// <summary>One pattern element: a set of word ids matched on the folded form, or on the folded lemma (<c>@</c>); or a gap (<c>…</c>).</summary>
internal readonly record struct PatternElement(bool IsGap, bool OnLemma, int[] Ids);

/// <summary>Where a recipient is looked for: a preposition before it (its word id) or one of the other markers.</summary>
internal readonly record struct RecipientRule(ArgumentMarker Kind, int Word);

/// <summary>A predicate: its pattern and the event it codes.</summary>
internal sealed record Predicate(
    string Pattern,
    PatternElement[] Elements,
    string Type,
    string Mode,
    string Cameo,
    RecipientRule[] Recipients,
    PredicateFlags Flags,
    int Line)
{
    public bool Has(PredicateFlags flag) => (Flags & flag) != 0;
}

/// <summary>
/// The Persian predicate lexicon (<c>Resources/predicates.tsv</c>; format in docs/events.md): light-verb constructions,
/// simple verbs and nominalizations, each a short pattern over folded forms and lemmas, mapped to a PLOVER type and mode
/// and a CAMEO code. Patterns are indexed by their first element, so matching a sentence costs a few dictionary probes
/// per word.
/// </summary>
internal sealed class PredicateLexicon
{
    public const int MaxGap = 8;
    private static readonly Lazy<PredicateLexicon> Embedded = new(() =>
    {
        using var stream = typeof(PredicateLexicon).Assembly.GetManifestResourceStream("Dabir.Events.predicates.tsv")!;
        using var reader = new StreamReader(stream);
        return Parse(reader, "predicates.tsv");
    });

    private readonly Dictionary<string, int> _vocabulary;
    private readonly FrozenDictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _lookup;

    private PredicateLexicon(Dictionary<string, int> vocabulary, List<Predicate> predicates)
    {
        _vocabulary = vocabulary;
        var frozen = vocabulary.ToFrozenDictionary(StringComparer.Ordinal);
        _lookup = frozen.GetAlternateLookup<ReadOnlySpan<char>>();
        Predicates = predicates;
        var byForm = new Dictionary<int, List<Predicate>>();
        var byLemma = new Dictionary<int, List<Predicate>>();
        // Longer patterns first, so «مورد حمله قرار داد» wins over «قرار داد».
        foreach (var p in predicates.OrderByDescending(p => p.Elements.Count(e => !e.IsGap)).ThenBy(p => p.Line))
        {
            var first = p.Elements[0];
            var index = first.OnLemma ? byLemma : byForm;
            foreach (int id in first.Ids)
            {
                if (!index.TryGetValue(id, out var list))
                {
                    index[id] = list = [];
                }
                list.Add(p);
            }
        }
        ByForm = byForm.ToFrozenDictionary(p => p.Key, p => p.Value.ToArray());
        ByLemma = byLemma.ToFrozenDictionary(p => p.Key, p => p.Value.ToArray());
    }

    public static PredicateLexicon Default => Embedded.Value;

    public IReadOnlyList<Predicate> Predicates { get; }

    public FrozenDictionary<int, Predicate[]> ByForm { get; }

    public FrozenDictionary<int, Predicate[]> ByLemma { get; }

    /// <summary>The id of a folded word, or -1 when no pattern or rule uses it.</summary>
    public int Id(ReadOnlySpan<char> folded) => _lookup.TryGetValue(folded, out int id) ? id : -1;

    /// <summary>The id of a word the rules name (folded on the way).</summary>
    public int Word(string text) => _vocabulary.TryGetValue(Fold.Key(text), out int id) ? id : -1;

    /// <summary>Parses the lexicon; <paramref name="name"/> names it in errors.</summary>
    public static PredicateLexicon Parse(TextReader reader, string name)
    {
        var vocabulary = new Dictionary<string, int>(StringComparer.Ordinal);
        // Function words the argument rules read are in the vocabulary whether or not a pattern uses them.
        foreach (var w in RuleWords)
        {
            Intern(vocabulary, Fold.Key(w));
        }
        var predicates = new List<Predicate>();
        int lineNumber = 0;
        string? line;
        while ((line = reader.ReadLine()) is not null)
        {
            lineNumber++;
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }
            var c = line.Split('\t');
            if (c.Length < 5)
            {
                throw new FormatException($"{name}:{lineNumber}: {c.Length} columns, expected pattern, type, mode, cameo, recipients[, flags, gloss]");
            }
            var elements = new List<PatternElement>();
            foreach (var token in c[0].Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                if (token is "…" or "...")
                {
                    elements.Add(new PatternElement(true, false, []));
                    continue;
                }
                bool lemma = token[0] == '@';
                var ids = token.TrimStart('@').Split('|').Select(a => Intern(vocabulary, Fold.Key(a))).ToArray();
                elements.Add(new PatternElement(false, lemma, ids));
            }
            if (elements.Count == 0 || elements[0].IsGap || elements[^1].IsGap)
            {
                throw new FormatException($"{name}:{lineNumber}: a pattern cannot start or end with a gap");
            }
            var markers = c[4].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Where(m => m != "-").Select(m => m switch
            {
                "را" => new RecipientRule(ArgumentMarker.Object, -1),
                "gen" => new RecipientRule(ArgumentMarker.Genitive, -1),
                "after" => new RecipientRule(ArgumentMarker.After, -1),
                "letter" => new RecipientRule(ArgumentMarker.Letter, -1),
                _ when m.All(ch => ch >= '\u0600' && ch <= '\u06FF' || ch == '\u200C') => new RecipientRule(ArgumentMarker.Preposition, Intern(vocabulary, Fold.Key(m))),
                _ => throw new FormatException($"{name}:{lineNumber}: unknown recipient marker '{m}'"),
            }).ToArray();
            var flags = PredicateFlags.None;
            if (c.Length > 5)
            {
                foreach (var f in c[5].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                {
                    flags |= f switch
                    {
                        "speech" => PredicateFlags.Speech,
                        "nominal" => PredicateFlags.Nominal,
                        "need-recipient" => PredicateFlags.NeedsRecipient,
                        "past-form" => PredicateFlags.PastForm,
                        "weak" => PredicateFlags.Weak,
                        "swap" => PredicateFlags.Swap,
                        _ => throw new FormatException($"{name}:{lineNumber}: unknown flag '{f}'"),
                    };
                }
            }
            string cameo = c[3].Trim();
            if (!flags.HasFlag(PredicateFlags.Speech) && (cameo.Length < 3 || !cameo.All(char.IsAsciiDigit)))
            {
                throw new FormatException($"{name}:{lineNumber}: CAMEO code '{cameo}' is not 3 or 4 digits");
            }
            predicates.Add(new Predicate(c[0], [.. elements], c[1].Trim(), c[2].Trim(), cameo, markers, flags, lineNumber));
        }
        return new PredicateLexicon(vocabulary, predicates);
    }

    private static int Intern(Dictionary<string, int> vocabulary, string key)
    {
        if (!vocabulary.TryGetValue(key, out int id))
        {
            vocabulary[key] = id = vocabulary.Count;
        }
        return id;
    }

    /// <summary>Words the argument and modality rules look for.</summary>
    internal static readonly string[] RuleWords =
    [
        "از", "با", "به", "را", "علیه", "در", "و", "که", "توسط", "سوی", "طرف", "جانب", "نقل", "گزارش",
        "نامه", "نامه‌ای", "نامه‌های", "نامه‌ها", "پیام", "پیامی", "پیام‌های", "این", "اگر", "چنانچه", "درصورتی", "صورتی",
        "بود", "خواست", "شد", "قرار", "قصد", "نظر", "برنامه", "دارد", "دارند", "است", "پیش", "قبلا", "پیشتر", "گذشته", "سال",
        "مواضع", "موضع", "اقدام", "اقدامات", "تلاش", "تلاش‌های", "سخنان", "اظهارات", "حمایت", "نیز", "هم", "همچنین",
        "امروز", "دیروز", "روز", "صبح", "عصر", "شب", "هفته", "ماه", "اخیرا", "سوی", "ضمن", "دیدار", "گفتگو", "گفت‌وگو",
        "تماس", "بیانیه", "نشست", "اجلاس", "مذاکرات", "طرفین", "دو", "کشور", "سپس", "بار", "دیگر", "رسما", "رسمی",
        "برخی", "مرز", "مرزهای", "سیاست", "سیاست‌های", "سفارت", "مقابل", "یک", "کشورهای", "سران", "رهبران", "نمایندگان", "نیروهای", "مقامات", "رئیس", "ارتش", "مردم", "گردید", "برای", "میان", "بین", "کرد", "نمود", "هرچند", "تا", "چون", "زیرا", "اما", "ولی",
    ];

    internal static string Invariant(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}
