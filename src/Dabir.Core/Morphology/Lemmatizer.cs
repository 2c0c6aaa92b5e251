using Dabir.Segmentation;
using Dabir.Text;

namespace Dabir.Morphology;

/// <summary>
/// Persian lemmatizer following the UD Persian convention (verbs → past stem: «می‌روند» → «رفت»). Order of
/// evidence: forms learned from annotated data, then the generated inflections of every known verb, then
/// known lemma words (which are never cut: «ایران», «علی»), then suffix analysis that strips clitics,
/// ezafe/indefinite ی, plural and comparative endings only when what remains is a known word of a class that
/// takes them («حیوانات» → «حیوان», «کتاب‌هایشان» → «کتاب»). Works on keys without half-spaces, so it
/// gives the same lemma to «می‌روند» and «میروند». Thread-safe; allocation-free for known forms.
/// </summary>
public sealed class Lemmatizer
{
    private static readonly Lazy<Lemmatizer> DefaultLemmatizer = new(() => new Lemmatizer(LemmaLexicon.Default));

    // Pronominal clitics as written after a consonant, after «ه» (with ا) and after a long vowel (with ی).
    private static readonly string[] Clitics = ["شان", "تان", "مان", "یشان", "یتان", "یمان", "اش", "ام", "ات", "یش", "یم", "یت", "ش", "م", "ت"];
    private static readonly string[] EzafeEndings = ["ای", "یی", "ی"];
    // Plural and comparative endings; «true» restores the silent «ه» the ending replaced (بندگان → بنده).
    private static readonly (string Ending, bool RestoresHeh)[] PluralEndings =
        [("ترین", false), ("جات", false), ("گان", true), ("یات", true), ("یان", false), ("ها", false), ("ان", false), ("ات", false), ("ات", true), ("ین", false), ("تر", false)];

    // Arabic feminine plurals replace a final «ه» or «ت»: خدمات → خدمت, طبقات → طبقه.
    private static readonly char[] FeminineEndings = ['ه', 'ت'];

    private readonly LemmaLexicon _lexicon;

    /// <summary>Creates a lemmatizer over <paramref name="lexicon"/>.</summary>
    public Lemmatizer(LemmaLexicon lexicon)
    {
        ArgumentNullException.ThrowIfNull(lexicon);
        _lexicon = lexicon;
    }

    /// <summary>The lemmatizer over the embedded lexicon.</summary>
    public static Lemmatizer Default => DefaultLemmatizer.Value;

    /// <summary>The lexicon this lemmatizer reads.</summary>
    public LemmaLexicon Lexicon => _lexicon;

    /// <summary>Returns the lemma of <paramref name="word"/> (the word itself when nothing is known about it).</summary>
    public string Lemmatize(string word)
    {
        ArgumentNullException.ThrowIfNull(word);
        return Lemmatize(word.AsSpan()) ?? word;
    }

    /// <summary>
    /// Lemmatises the words of one sentence. Context settles one ambiguity a word alone cannot: a past
    /// participle («ساخته», «کشته») is a verb form (lemma: the past stem) before an auxiliary or at the end of a
    /// clause («ساخته شد», «کشته و ...»), and an adjective or noun (its own lemma) before anything else
    /// («بناهای ساخته شده» keeps the verb reading of «شده»; «مطالب گفته شده» → «گفت» + «شد»; «گفته‌ی او» → «گفته»).
    /// </summary>
    public void LemmatizeSentence(IReadOnlyList<string> words, Span<string?> lemmas)
    {
        ArgumentNullException.ThrowIfNull(words);
        for (int i = 0; i < words.Count; i++)
        {
            lemmas[i] = Lemmatize(words[i]);
        }
        for (int i = 0; i < words.Count; i++)
        {
            string? verb = ParticipleStem(words[i]);
            if (verb is null || i + 1 >= words.Count)
            {
                continue;
            }
            bool verbal = OpensVerbalReading(words[i + 1], lemmas[i + 1]);
            // The participles of the auxiliaries and light verbs («شده», «بوده», «کرده») stay verbs.
            if (lemmas[i] == verb && !verbal && !LightVerbs.Contains(verb))
            {
                lemmas[i] = null;
            }
            else if (lemmas[i] is null && verbal && IsAuxiliary(words[i + 1], lemmas[i + 1]))
            {
                lemmas[i] = verb; // «گفته شد»: the participle before an auxiliary is the verb
            }
        }
    }

    private static readonly HashSet<string> AuxiliaryLemmas = new(StringComparer.Ordinal) { "شد", "است", "بود", "هست", "خواست", "گشت", "گردید", "کرد", "داشت", "توانست", "باید" };

    // Light verbs whose participles end verb phrases («به دست آمده», «انجام داده», «صورت گرفته», «ادامه یافته»).
    private static readonly HashSet<string> LightVerbs = new(StringComparer.Ordinal) { "شد", "بود", "کرد", "داشت", "آمد", "داد", "زد", "گرفت", "یافت", "رسید", "گشت", "گردید" };

    /// <summary>The past stem when <paramref name="word"/> is a past participle («ساخته», «نساخته»), else null.</summary>
    private string? ParticipleStem(string word)
    {
        Span<char> key = stackalloc char[LemmaKey.MaxLength];
        int n = word.Length <= LemmaKey.MaxLength ? PersianFold.Fold(word, key, PersianFoldOptions.LemmaKey) : -1;
        if (n < 3 || key[n - 1] != 'ه' || !_lexicon.Verbs.TryGetValue(key[..n], out var verb))
        {
            return null;
        }
        var stem = key[..(n - 1)];
        return stem.SequenceEqual(verb.Lemma) || (stem.Length > 1 && stem[0] == 'ن' && stem[1..].SequenceEqual(verb.Lemma)) ? verb.Lemma : null;
    }

    private static bool IsAuxiliary(string next, string? nextLemma) =>
        (nextLemma is not null && AuxiliaryLemmas.Contains(nextLemma)) || AuxiliaryLemmas.Contains(next) || next is "اند" or "ام" or "ای" or "ایم" or "اید";

    /// <summary>What may follow a participle used as a verb: an auxiliary, a conjunction or the end of a clause.</summary>
    private static bool OpensVerbalReading(string next, string? nextLemma)
    {
        if (next.Length == 0 || !PersianChars.IsArabicScript(next[0]) || next is "و" or "که" or "تا" or "ولی" or "اما" or "را")
        {
            return true; // punctuation, a conjunction or «را»
        }
        return IsAuxiliary(next, nextLemma);
    }

    /// <summary>Returns the lemma of <paramref name="word"/>, or null when the word is its own lemma.</summary>
    public string? Lemmatize(ReadOnlySpan<char> word)
    {
        if (word.Length == 0 || word.Length > LemmaKey.MaxLength || !PersianChars.IsArabicScript(word[0]))
        {
            return null;
        }
        // «گفتهٔ», «خانۀ»: the written ezafe is not part of the lemma, and only nominals take it, so a participle
        // under it is a noun or adjective («گفتهٔ او» → «گفته»).
        if (word[^1] == '\u0654' && word.Length > 1)
        {
            return LemmatizeHost(word[..^1]);
        }
        if (word[^1] == 'ۀ')
        {
            Span<char> plain = stackalloc char[word.Length];
            word.CopyTo(plain);
            plain[^1] = 'ه';
            return Lemmatize((ReadOnlySpan<char>)plain) ?? plain.ToString();
        }
        int host = HostBeforeSuffixAfterZwnj(word);
        if (host > 0)
        {
            // «کرده‌ام» is a verb (perfect), «خانه‌ام» a noun with a clitic.
            Span<char> verbKey = stackalloc char[LemmaKey.MaxLength];
            int length = word.Length <= LemmaKey.MaxLength ? PersianFold.Fold(word, verbKey, PersianFoldOptions.LemmaKey) : -1;
            if (length > 0 && _lexicon.Verbs.TryGetValue(verbKey[..length], out var perfect))
            {
                return perfect.Lemma;
            }
            return LemmatizeHost(word[..host]);
        }
        Span<char> key = stackalloc char[LemmaKey.MaxLength];
        int n = PersianFold.Fold(word, key, PersianFoldOptions.LemmaKey);
        if (n <= 0)
        {
            return null;
        }
        var k = key[..n];
        if (CliticSplitter.IsBareClitic(k) || k is "ست")
        {
            return CliticSplitter.CliticLemma(k);
        }
        // Person endings of the copula split off a host («خوشحال» + «ند») and «ین» split off «همین»-like tokens.
        if (k is "ند" or "اند" or "ید" or "ی")
        {
            return "هست";
        }
        if (k is "ین")
        {
            return "این";
        }
        // Prepositions split off a pronoun in old-style writing: «بدان» = «ب» + «آن», «زان» = «ز» + «آن».
        if (k is "ب")
        {
            return "به";
        }
        if (k is "ز")
        {
            return "از";
        }
        // «خانه‌ای», «نامه‌ی»: after a half-space, «ای»/«ی» is the indefinite or ezafe ending, unless the whole
        // form is a known word («حرفه‌ای»), which the lookups below settle first.
        int zwnjHost = EzafeAfterZwnj(word);
        // «می‌دانی» with its half-space is a verb, whatever «میدانی» may be.
        if ((word.StartsWith("می\u200C", StringComparison.Ordinal) || word.StartsWith("نمی\u200C", StringComparison.Ordinal))
            && _lexicon.Verbs.TryGetValue(k, out var continuous))
        {
            return continuous.Lemma;
        }
        // (A known word keeps its reading, «حرفه‌ای», unless the data gave its bare key another lemma:
        // «موزه‌ای» is not «موزهای», the bananas.)
        if (zwnjHost > 0 && (!_lexicon.Words.ContainsKey(k) || (_lexicon.Forms.TryGetValue(k, out var bare) && bare.Lemma is not null)))
        {
            // «کرده‌ای» is a perfect verb; «خانه‌ای» a noun with the indefinite ending.
            // A participle that is its own lemma («گسترده») reads as an adjective: «گسترده‌ای» → «گسترده».
            return _lexicon.Verbs.TryGetValue(k, out var perfect) && Lemmatize(word[..zwnjHost]) is not null ? perfect.Lemma : LemmatizeHost(word[..zwnjHost]);
        }
        if (_lexicon.Forms.TryGetValue(k, out var learned))
        {
            return learned.Lemma;
        }
        // A prefixed verb form outranks a known word; a bare one («روی», «درد») does not.
        bool isVerb = _lexicon.Verbs.TryGetValue(k, out var verb);
        if (isVerb && verb.Prefixed)
        {
            return verb.Lemma;
        }
        if (_lexicon.Words.TryGetValue(k, out var known))
        {
            // The word as written is its lemma (keeping its diacritics); the lexicon's spelling only restores
            // half-spaces that were stripped.
            return word.Length == n && !word.SequenceEqual(known.Word) ? known.Word : null;
        }
        if (isVerb)
        {
            return verb.Lemma;
        }
        // An unknown «…ی» over a known word is a relational adjective as often as an indefinite noun: it stays
        // whole rather than be cut deeper («جریانی» is not «جری» + «ان» + «ی»).
        if (k.Length > 3 && k[^1] == 'ی' && _lexicon.Words.ContainsKey(k[..^1]))
        {
            return null;
        }
        return AnalyzeSuffixes(k, out _, allowBareEzafe: false) ?? AnalyzeUnknown(word, k);
    }

    /// <summary>The lemma of a host before a plural, comparative or clitic ending: a known noun stays itself
    /// («خواسته‌های» → «خواسته», not the verb «خواست»).</summary>
    private string LemmatizeHost(ReadOnlySpan<char> host)
    {
        Span<char> key = stackalloc char[LemmaKey.MaxLength];
        int n = host.Length <= LemmaKey.MaxLength ? PersianFold.Fold(host, key, PersianFoldOptions.LemmaKey) : -1;
        string? lemma = Lemmatize(host);
        // Only nominals take these endings: a participle host is a noun here.
        if (lemma is null || (n > 0 && _lexicon.Verbs.ContainsKey(key[..n])))
        {
            return host.ToString();
        }
        return lemma;
    }

    /// <summary>
    /// Last resort for a word no rule explains: a verb written with a preverb («برمی‌گردد» → «گشت»: UD keeps
    /// the simple verb), or a plural in «ها» of an unknown noun («رژیستورها» → «رژیستور»).
    /// </summary>
    private string? AnalyzeUnknown(ReadOnlySpan<char> word, ReadOnlySpan<char> key)
    {
        if (AnalyzeVerb(key) is { } verb)
        {
            return verb;
        }
        foreach (var ending in (ReadOnlySpan<string>)["هایی", "های", "ها"])
        {
            if (key.Length >= ending.Length + 3 && key.EndsWith(ending, StringComparison.Ordinal))
            {
                int cut = word.Length;
                for (int left = ending.Length; left > 0 && cut > 0; cut--)
                {
                    if (word[cut - 1] != PersianChars.Zwnj && !PersianChars.IsMark(word[cut - 1]))
                    {
                        left--;
                    }
                }
                return word[..cut].TrimEnd(PersianChars.Zwnj).ToString();
            }
        }
        return null;
    }

    private static int EzafeAfterZwnj(ReadOnlySpan<char> word)
    {
        int zwnj = word.LastIndexOf(PersianChars.Zwnj);
        return zwnj >= 2 && word[(zwnj + 1)..] is "ای" or "ی" or "ایی" ? zwnj : -1;
    }

    /// <summary>The past stem of a verb form, also when a preverb is written before it («برمیگشت» → «گشت»).</summary>
    internal string? AnalyzeVerb(ReadOnlySpan<char> key)
    {
        if (_lexicon.Verbs.TryGetValue(key, out var verb))
        {
            return verb.Lemma;
        }
        foreach (var preverb in (ReadOnlySpan<string>)["بر", "در", "باز", "فرو", "فرا", "ور", "وا"])
        {
            if (key.Length > preverb.Length + 2 && key.StartsWith(preverb, StringComparison.Ordinal)
                && _lexicon.Verbs.TryGetValue(key[preverb.Length..], out verb))
            {
                return verb.Lemma;
            }
        }
        return null;
    }

    /// <summary>
    /// A written half-space settles what a bare key leaves open: «حرف‌های» is «حرف» + «های», never «حرفه‌ای».
    /// Returns the host before the half-space when what follows it is a plural, comparative or clitic ending.
    /// </summary>
    private static int HostBeforeSuffixAfterZwnj(ReadOnlySpan<char> word)
    {
        int zwnj = word.LastIndexOf(PersianChars.Zwnj);
        if (zwnj < 2)
        {
            return -1;
        }
        var suffix = word[(zwnj + 1)..];
        if (suffix.StartsWith("ها", StringComparison.Ordinal))
        {
            var rest = suffix[2..];
            return rest.Length == 0 || rest is "ی" or "یی" or "یم" or "یت" or "یش" or "یمان" or "یتان" or "یشان" or "مان" or "تان" or "شان" or "مون" or "تون" or "شون" ? zwnj : -1;
        }
        return suffix is "تر" or "ترین" or "تری" or "اش" or "ام" or "ات" or "مان" or "تان" or "شان" ? zwnj : -1;
    }

    /// <summary>
    /// Strips suffix layers (clitic, then ezafe/indefinite ی, then plural or comparative) from a key until a
    /// known word of a fitting class remains; prefers the longest such base. Returns its lemma, or null.
    /// </summary>
    internal string? AnalyzeSuffixes(ReadOnlySpan<char> key, out int cliticLength, bool allowClitic = true, bool allowBareEzafe = true, bool allowMasculinePlural = false)
    {
        cliticLength = 0;
        string? best = null;
        int bestBase = 0;
        Span<char> buffer = stackalloc char[LemmaKey.MaxLength + 1];
        for (int c = -1; c < (allowClitic ? Clitics.Length : 0); c++)
        {
            int cLen = c < 0 ? 0 : Clitics[c].Length;
            if (c >= 0 && !key.EndsWith(Clitics[c], StringComparison.Ordinal))
            {
                continue;
            }
            var afterClitic = key[..^cLen];
            for (int y = -1; y < EzafeEndings.Length; y++)
            {
                int yLen = y < 0 ? 0 : EzafeEndings[y].Length;
                if (y >= 0 && !afterClitic.EndsWith(EzafeEndings[y], StringComparison.Ordinal))
                {
                    continue;
                }
                var afterEzafe = afterClitic[..^yLen];
                if (y == 0 && (afterEzafe.Length == 0 || afterEzafe[^1] != 'ه'))
                {
                    continue; // «ای» follows a silent «ه»: خانه‌ای
                }
                if (y == 1 && (afterEzafe.Length == 0 || afterEzafe[^1] is not ('ا' or 'و')))
                {
                    continue; // «یی» follows a long vowel: دانشجویی
                }
                for (int p = -1; p < PluralEndings.Length; p++)
                {
                    if (c < 0 && y < 0 && p < 0)
                    {
                        continue;
                    }
                    // «ی» alone on an unknown word is far more often a relational adjective («مغناطیسی») than
                    // an indefinite or ezafe ending; only tagged training data may strip it.
                    if (!allowBareEzafe && c < 0 && p < 0 && y != 0)
                    {
                        continue;
                    }
                    string plural = p < 0 ? "" : PluralEndings[p].Ending;
                    if (p >= 0 && !afterEzafe.EndsWith(plural, StringComparison.Ordinal))
                    {
                        continue;
                    }
                    scoped ReadOnlySpan<char> stem = afterEzafe[..^plural.Length];
                    if (plural == "ین" && (stem.Length < 3 || !allowMasculinePlural))
                    {
                        continue; // the Arabic masculine plural (مسلمین → مسلم) only where data tags a plural: «اولین» is not one
                    }
                    if (plural == "یان" && (stem.Length == 0 || stem[^1] is not ('ا' or 'و')))
                    {
                        continue; // «یان» follows a long vowel (دانشجویان); otherwise it is «ی» + «ان» (ایرانیان → ایرانی)
                    }
                    bool restored = p >= 0 && PluralEndings[p].RestoresHeh;
                    if (restored)
                    {
                        // بندگان → بنده, تجربیات → تجربه: the silent «ه» turns into «گ» or «ی» before the ending.
                        stem.CopyTo(buffer);
                        buffer[stem.Length] = 'ه';
                        stem = buffer[..(stem.Length + 1)];
                    }
                    if (stem.Length < 2)
                    {
                        continue;
                    }
                    var required = plural switch
                    {
                        "" => c >= 0 && y < 0 ? WordClass.Noun | WordClass.Adjective | WordClass.Other : WordClass.Noun | WordClass.Adjective,
                        "تر" or "ترین" => WordClass.Adjective,
                        "ان" or "یان" or "گان" or "ین" => WordClass.Noun | WordClass.Adjective,
                        "ات" or "یات" => WordClass.Noun,
                        _ => WordClass.Noun,
                    };
                    string? lemma = LemmaOfBase(stem, required, out byte rank);
                    if (lemma is null && plural == "ات" && !restored)
                    {
                        // خدمات → خدمت: try the «ت» the feminine plural replaced.
                        stem.CopyTo(buffer);
                        buffer[stem.Length] = 'ت';
                        lemma = LemmaOfBase(buffer[..(stem.Length + 1)], required, out rank);
                        restored = lemma is not null;
                    }
                    // The more frequent base wins («کلمات» → «کلمه», not «کلم»), with a lead for «ها» («کارهای» is
                    // «کار» + «ها» + «ی» rather than «کاره» + «ای») and for a restored feminine ending
                    // («طبقات» → «طبقه», not «طبق»); then the longer base.
                    int bonus = plural == "ها" ? 3 : plural == "ات" && restored ? 8 : 0;
                    int layers = (c >= 0 ? 1 : 0) + (y >= 0 ? 1 : 0) + (p >= 0 ? 1 : 0);
                    int score = ((rank + bonus - 2 * layers + 16) << 8) + stem.Length;
                    if (lemma is not null && score > bestBase)
                    {
                        best = lemma;
                        bestBase = score;
                        cliticLength = cLen;
                    }
                }
            }
        }
        return best;
    }

    private string? LemmaOfBase(ReadOnlySpan<char> stem, WordClass required, out byte rank)
    {
        rank = 0;
        // A learned plural under an ezafe or indefinite «ی» («افرادی», «مواردی»): its lemma is the plural's.
        if (_lexicon.Forms.TryGetValue(stem, out var plural) && plural.Lemma is not null && plural.CliticLength == 0
            && (required & WordClass.Noun) != 0 && _lexicon.Words.TryGetValue(plural.Lemma, out var singular))
        {
            rank = singular.Rank;
            return plural.Lemma;
        }
        if (!_lexicon.Words.TryGetValue(stem, out var known) || (known.Class & required) == 0)
        {
            return null;
        }
        rank = known.Rank;
        // A known word may itself be an inflected form with a learned lemma («دوستان» → «دوست»).
        if (_lexicon.Forms.TryGetValue(stem, out var learned) && learned.Lemma is not null)
        {
            return learned.Lemma;
        }
        return known.Word;
    }
}
