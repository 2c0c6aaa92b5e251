using System.IO.Compression;
using System.Text;
using Dabir.Text;

namespace Dabir.Morphology;

/// <summary>
/// Builds the lemma lexicon from training data only (never from the development treebanks):
/// verb stems (Hazm verbs.dat, Shekar verbs.csv, Parsivar verb_tense), known lemma words (Hazm words.dat
/// entries with a part of speech, not marked plural), broken plurals (Parsivar mokasar), forms analysed
/// with the guidance of the Bijankhan tags (plural, indefinite, pronominal affix, comparative, verb), and
/// word/lemma pairs of the iPerUDT training treebank (verbs' <c>past#present</c> lemmas reduced to the past stem).
/// </summary>
public static class LemmaLexiconBuilder
{
    /// <summary>Statistics of a build, for the model card.</summary>
    /// <param name="VerbStems">Verb stem pairs.</param>
    /// <param name="Words">Known lemma words.</param>
    /// <param name="LearnedForms">Forms with a learned lemma or clitic split.</param>
    /// <param name="CompressedBytes">Size of the written resource.</param>
    public readonly record struct Summary(int VerbStems, int Words, int LearnedForms, long CompressedBytes);

    // The copula is not in the stem lists: «هست»/«نیست» and their persons lemmatise to «هست», «است» to itself.
    private static readonly string[] CopulaEndings = ["م", "ی", "", "یم", "ید", "ند"];

    /// <summary>Builds the lexicon from <paramref name="dataRoot"/> (the shared <c>data</c> folder) and writes it to <paramref name="output"/>.</summary>
    /// <param name="dataRoot">The shared data folder.</param>
    /// <param name="output">Receives the Brotli-compressed lexicon.</param>
    /// <param name="listing">Receives the same lines uncompressed, for inspection (optional).</param>
    public static Summary Build(string dataRoot, Stream output, TextWriter? listing = null)
    {
        ArgumentNullException.ThrowIfNull(dataRoot);
        ArgumentNullException.ThrowIfNull(output);
        string Path(string relative) => System.IO.Path.Combine(dataRoot, relative);

        var bijankhan = ReadBijankhan(Path("pos/bijankhan-subset.txt"));
        var stems = OrderByUse(ReadVerbStems(Path("lexicons/hazm/verbs.dat"), Path("lexicons/shekar/verbs.csv"), Path("lexicons/parsivar/stemmer/verb_tense.txt")), bijankhan);
        var words = ReadKnownWords(Path("lexicons/hazm/words.dat"), out var hazmPlurals);

        // Uninflected Bijankhan forms are known words of the class their tag names.
        foreach (var ((key, tag), count) in bijankhan)
        {
            if (!IsInflectedTag(tag) && !tag.StartsWith("V_", StringComparison.Ordinal) && key.Length > 1)
            {
                var cls = tag.StartsWith("N_", StringComparison.Ordinal) ? WordClass.Noun : tag.StartsWith("ADJ", StringComparison.Ordinal) ? WordClass.Adjective : WordClass.Other;
                words[key] = words.TryGetValue(key, out var w) ? (w.Word, w.Class | cls, w.Rank) : (key, cls, (byte)Math.Min(40, 8 + Math.Log2(count + 1)));
            }
        }

        var forms = new Dictionary<string, LearnedForm>(StringComparer.Ordinal);
        foreach (var (key, lemma) in Copula())
        {
            forms[key] = new LearnedForm(lemma, 0);
        }
        var probe = new Lemmatizer(new LemmaLexicon(new Dictionary<string, LearnedForm>(forms), stems, words));
        foreach (var line in File.ReadLines(Path("lexicons/parsivar/stemmer/mokasar.txt")))
        {
            var parts = line.Trim('\uFEFF', '\r').Split('\t');
            // (Only singulars that are known words: the list has a few typos, «موارد» → «موزد».)
            if (parts.Length == 2 && parts[0].Length > 0 && words.ContainsKey(PersianFold.Fold(parts[1], PersianFoldOptions.LemmaKey)))
            {
                forms.TryAdd(PersianFold.Fold(parts[0], PersianFoldOptions.LemmaKey), new LearnedForm(Clean(parts[1]), 0));
            }
        }

        // «روی», «سوی» are prepositions as often as nouns with ezafe: keep them whole.
        var prepositions = bijankhan.Keys.Where(k => k.Tag.StartsWith("P_", StringComparison.Ordinal)).Select(k => k.Key).ToHashSet(StringComparer.Ordinal);

        // Bijankhan: the majority analysis of each form over its tags. Two passes: the second sees the lemmas the
        // first learned, so chains resolve («بیشتری» → «بیشتر» → «بیش», «افرادی» → «افراد» → «فرد»).
        var handMade = new Dictionary<string, LearnedForm>(forms, StringComparer.Ordinal);
        for (int pass = 0; pass < 2; pass++)
        {
            var votes = new Dictionary<string, Dictionary<(string?, byte), int>>(StringComparer.Ordinal);
            foreach (var ((key, tag), count) in bijankhan)
            {
                var analysis = AnalyzeTagged(probe, key, tag, handMade, prepositions);
                if (!votes.TryGetValue(key, out var v))
                {
                    votes[key] = v = [];
                }
                v[analysis] = v.GetValueOrDefault(analysis) + count;
            }
            foreach (var (key, v) in votes)
            {
                if (handMade.ContainsKey(key) && v.Keys.All(a => a.Item1 is null))
                {
                    continue; // a broken plural or copula listed by hand outranks an untagged guess
                }
                var (lemma, clitic) = v.MaxBy(kv => kv.Value).Key;
                forms[key] = new LearnedForm(lemma is not null && lemma == key ? null : lemma, clitic);
            }
            probe = new Lemmatizer(new LemmaLexicon(new Dictionary<string, LearnedForm>(forms), stems, words));
        }

        // Hazm's plurals that Bijankhan did not see: analysed like Bijankhan's N_PL forms.
        foreach (var key in hazmPlurals)
        {
            if (!forms.ContainsKey(key))
            {
                var (lemma, _) = AnalyzeTagged(probe, key, "N_PL", forms, prepositions);
                if (lemma is not null)
                {
                    forms[key] = new LearnedForm(lemma, 0);
                }
            }
        }

        // iPerUDT training treebank: gold lemmas for forms Bijankhan does not cover.
        // Informal blogs: only verbs, clitic splits and plain suffix stripping are taken over, so their spelling
        // conventions («رو» → «را», «تو» → «در») never reach formal text.
        foreach (var (key, lemma, clitic, isVerb) in ReadTreebank(Path("treebanks/iperudt-train.conllu")))
        {
            bool trusted = isVerb || clitic > 0 || (key.StartsWith(PersianFold.Fold(lemma, PersianFoldOptions.LemmaKey), StringComparison.Ordinal) && key.Length > lemma.Length);
            if (trusted && !forms.ContainsKey(key) && !probe.Lexicon.Verbs.ContainsKey(key))
            {
                forms[key] = new LearnedForm(PersianFold.Fold(lemma, PersianFoldOptions.LemmaKey) == key && clitic == 0 ? null : lemma, (byte)clitic);
            }
        }

        // Known words that are an ezafe or indefinite form of another («دارای» → «دارا», «افرادی» → «فرد»),
        // except prepositions («روی», «سوی»).
        var wholeForms = words.Keys.Concat(forms.Where(kv => kv.Value.Lemma is null && kv.Value.CliticLength == 0).Select(kv => kv.Key)).Distinct().ToList();
        foreach (var key in wholeForms)
        {
            if (key.Length > 3 && key[^1] == 'ی' && (!forms.TryGetValue(key, out var self) || self.Lemma is null) && !prepositions.Contains(key) && !probe.Lexicon.Verbs.ContainsKey(key))
            {
                string host = key[..^1];
                if (key[^2] is 'ا' or 'و' && words.TryGetValue(host, out var known) && (known.Class & WordClass.Noun) != 0 && known.Rank >= 16)
                {
                    forms[key] = new LearnedForm(known.Word, 0);
                }
                else if (host[^1] != 'ی' && forms.TryGetValue(host, out var plural) && plural.Lemma is not null && plural.CliticLength == 0 && words.ContainsKey(PersianFold.Fold(plural.Lemma, PersianFoldOptions.LemmaKey)))
                {
                    forms[key] = new LearnedForm(plural.Lemma, 0);
                }
            }
        }

        // Plurals Hazm lists as words of their own («بارها», «سالها», «بعدها»): the host when it is a known noun of
        // three letters or more («تنها», «آنها» stay).
        foreach (var key in words.Keys)
        {
            if (key.Length >= 5 && key.EndsWith("ها", StringComparison.Ordinal) && key != "اینها" && (!forms.TryGetValue(key, out var self) || self.Lemma is null)
                && words.TryGetValue(key[..^2], out var host) && (host.Class & WordClass.Noun) != 0)
            {
                forms[key] = new LearnedForm(host.Word, 0);
            }
        }

        // Forms that analyse to themselves add nothing a known word would not.
        // (A form that is also a verb form keeps its entry: «شاید» is an adverb, not «شایست».)
        foreach (var key in forms.Where(kv => kv.Value.Lemma is null && kv.Value.CliticLength == 0 && words.ContainsKey(kv.Key) && !probe.Lexicon.Verbs.ContainsKey(kv.Key)).Select(kv => kv.Key).ToList())
        {
            forms.Remove(key);
        }
        return Write(output, stems, words, forms, listing);
    }

    /// <summary>Writes a lexicon as sorted, tab-separated lines compressed with Brotli.</summary>
    internal static Summary Write(Stream output, List<(string Past, string Present, int Use)> stems, Dictionary<string, (string Word, WordClass Class, byte Rank)> words, Dictionary<string, LearnedForm> forms, TextWriter? listing = null)
    {
        var text = new StringBuilder();
        foreach (var (past, present, use) in stems)
        {
            text.Append("V\t").Append(past).Append('\t').Append(present).Append('\t').Append(use).Append('\n');
        }
        foreach (var (word, cls, rank) in words.Values.OrderBy(w => w.Word, StringComparer.Ordinal))
        {
            text.Append("W\t").Append(word).Append('\t').Append((int)cls).Append('\t').Append(rank).Append('\n');
        }
        foreach (var (key, form) in forms.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            text.Append("F\t").Append(key).Append('\t').Append(form.Lemma).Append('\t').Append(form.CliticLength).Append('\n');
        }
        listing?.Write(text.ToString());
        var bytes = Encoding.UTF8.GetBytes(text.ToString());
        long before = output.CanSeek ? output.Position : 0;
        using (var brotli = new BrotliStream(output, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            brotli.Write(bytes);
        }
        return new Summary(stems.Count, words.Count, forms.Count, output.CanSeek ? output.Position - before : -1);
    }

    private static IEnumerable<(string Key, string Lemma)> Copula()
    {
        foreach (var ending in CopulaEndings)
        {
            yield return ("هست" + ending, "هست");
            yield return ("نیست" + ending, "هست");
        }
        yield return ("است", "است");
        // The impersonal «(ن)می‌توان» is lemmatised to the present stem it is made of.
        yield return ("میتوان", "توان");
        yield return ("نمیتوان", "توان");
        yield return ("ایست", "است");
    }

    private static bool IsInflectedTag(string tag) =>
        tag.Contains("_PL", StringComparison.Ordinal) || tag.Contains("INYA", StringComparison.Ordinal) || tag.Contains("PAFF", StringComparison.Ordinal)
        || tag.Contains("CMPR", StringComparison.Ordinal) || tag.Contains("SUP", StringComparison.Ordinal);

    private static (string? Lemma, byte Clitic) AnalyzeTagged(Lemmatizer probe, string key, string tag, Dictionary<string, LearnedForm> handMade, HashSet<string> prepositions)
    {
        if (handMade.TryGetValue(key, out var fixedForm))
        {
            return (fixedForm.Lemma, 0);
        }
        // Participles (ADJ_INO: «کرده», «شده») are verb forms in UD; plain adjectives («خسته») are not.
        if (tag.StartsWith("V_", StringComparison.Ordinal) || tag.StartsWith("ADJ_INO", StringComparison.Ordinal) || tag.StartsWith("MORP_MADJ", StringComparison.Ordinal))
        {
            return (probe.AnalyzeVerb(key), 0);
        }
        bool paff = tag.Contains("PAFF", StringComparison.Ordinal);
        bool ezafeWritten = tag.EndsWith("_GEN", StringComparison.Ordinal) && key.EndsWith('ی') && !probe.Lexicon.Words.ContainsKey(key);
        // Ezafe after a long vowel is written «ی»: «جای», «صدای», «دنیای» → «جا», «صدا», «دنیا».
        if (tag.EndsWith("_GEN", StringComparison.Ordinal) && tag.StartsWith("N_", StringComparison.Ordinal) && key.Length > 2 && key[^1] == 'ی' && key[^2] is 'ا' or 'و'
            && !prepositions.Contains(key)
            && probe.Lexicon.Words.TryGetValue(key.AsSpan(0, key.Length - 1), out var host) && (host.Class & WordClass.Noun) != 0)
        {
            return (probe.Lemmatize(host.Word) ?? host.Word, 0);
        }
        if (IsInflectedTag(tag) || ezafeWritten)
        {
            string? lemma = probe.AnalyzeSuffixes(key, out int clitic, allowClitic: paff, allowMasculinePlural: tag.Contains("_PL", StringComparison.Ordinal));
            if (lemma is not null)
            {
                return (lemma, (byte)clitic);
            }
            if (tag.Contains("_PL", StringComparison.Ordinal) && BrokenPluralSingular(probe, key) is { } singular)
            {
                return (singular, 0);
            }
        }
        return (null, 0);
    }

    /// <summary>
    /// The singular of an Arabic broken plural by its pattern, when that singular is a known noun:
    /// أفعال («افراد» → «فرد», «اوقات» → «وقت»), فعائل («دلایل» → «دلیل»), مفاعل («مطالب» → «مطلب»),
    /// فعول («علوم» → «علم»).
    /// Used only for forms the training data tags as plural.
    /// </summary>
    private static string? BrokenPluralSingular(Lemmatizer probe, string key)
    {
        var candidates = new List<string>();
        string C(params int[] at) => string.Concat(at.Select(i => i < 0 ? (i == -1 ? "ا" : i == -2 ? "ی" : i == -3 ? "و" : i == -4 ? "ه" : "ئ") : key[i].ToString()));
        const int Alef = -1, Yeh = -2, Waw = -3, Heh = -4, YehHamza = -5;
        if (key.Length == 5 && key[0] == 'ا' && key[3] == 'ا')
        {
            candidates.Add(C(1, 2, 4)); // افعال: افراد → فرد
            candidates.Add(C(1, 2, 4, Heh));
        }
        if (key.Length == 5 && key[2] == 'ا')
        {
            candidates.Add(C(0, 1, 3, 4)); // مفاعل: مطالب → مطلب
            candidates.Add(C(0, 1, 3, 4, Heh)); // مناطق → منطقه
            if (key[1] == 'و')
            {
                candidates.Add(C(0, Alef, 3, 4)); // فواعل: سواحل → ساحل
                candidates.Add(C(0, Alef, 3, 4, Heh));
            }
            if (key[3] is 'ی' or 'ئ')
            {
                candidates.Add(C(0, 1, Yeh, 4)); // فعائل: دلایل → دلیل
                candidates.Add(C(0, 1, Yeh, 4, Heh)); // وسایل → وسیله
                candidates.Add(C(0, 1, YehHamza, 4, Heh)); // مسائل → مسئله
                candidates.Add(C(0, 1, Alef, 4, Heh)); // رسائل → رساله
                candidates.Add(C(0, 1, 4) + "ت"); // صنایع → صنعت
            }
        }
        if (key.Length == 6 && key[2] == 'ا' && key[4] == 'ی')
        {
            candidates.Add(C(0, 1, 3, Yeh, 5)); // تفاعیل: تکالیف → تکلیف
            candidates.Add(C(1, 3, Yeh, 5)); // افاعیل: احادیث → حدیث
            candidates.Add(C(0, 1, 3, Alef, 5)); // اساتید → استاد
            candidates.Add(C(0, Alef, 3, Waw, 5)); // قوانین → قانون
        }
        if (key.Length == 4 && key[2] == 'و')
        {
            candidates.Add(C(0, 1, 3)); // فعول: علوم → علم
            if (key[1] == 'ئ')
            {
                candidates.Add($"{key[0]}أ{key[3]}"); // رئوس → رأس
            }
            if (key[1] == key[3])
            {
                candidates.Add(C(0, 1)); // حقوق → حق, خطوط → خط
            }
        }
        if (key.Length == 4 && key[2] == 'ا')
        {
            candidates.Add(C(0, 1, 3)); // فعال: رجال → رجل, بلاد → بلد
            candidates.Add(C(0, 1, 3, Heh)); // نقاط → نقطه
        }
        if (key.Length == 3)
        {
            candidates.Add(C(0, 1) + "ت"); // فعل: ملل → ملت
            candidates.Add(C(0, 1, Heh)); // غدد → غده
        }
        string? best = null;
        int bestRank = 15;
        foreach (var candidate in candidates)
        {
            if (probe.Lexicon.Words.TryGetValue(candidate, out var known) && (known.Class & WordClass.Noun) != 0 && known.Rank > bestRank)
            {
                best = known.Word;
                bestRank = known.Rank;
            }
        }
        return best;
    }

    private static Dictionary<(string Key, string Tag), int> ReadBijankhan(string path)
    {
        var counts = new Dictionary<(string, string), int>();
        foreach (var raw in File.ReadLines(path))
        {
            var line = raw.TrimEnd('\r');
            int tab = line.LastIndexOf('\t');
            if (tab <= 0)
            {
                continue;
            }
            string key = PersianFold.Fold(line[..tab].Trim(), PersianFoldOptions.LemmaKey);
            if (key.Length == 0 || key.Contains(' ', StringComparison.Ordinal))
            {
                continue;
            }
            var k = (key, line[(tab + 1)..].Trim());
            counts[k] = counts.GetValueOrDefault(k) + 1;
        }
        return counts;
    }

    private static List<(string Past, string Present)> ReadVerbStems(string hazm, string shekar, string parsivar)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var stems = new List<(string, string)>();
        void Add(string past, string present)
        {
            past = Clean(past);
            present = Clean(present);
            // (Skips stems glued to a prefix by mistake, «می‌زید», which would claim every «می‌زند».)
            if (past.Length > 0 && !past.StartsWith('#') && !past.StartsWith("می\u200C", StringComparison.Ordinal) && seen.Add(past + "#" + present))
            {
                stems.Add((past, present));
            }
        }
        foreach (var line in File.ReadLines(hazm))
        {
            var parts = line.Split('#');
            if (parts.Length == 2)
            {
                Add(parts[0], parts[1]);
            }
        }
        foreach (var line in File.ReadLines(shekar))
        {
            var parts = line.Split(',');
            if (parts.Length >= 2)
            {
                Add(parts[1], parts[0]);
            }
        }
        foreach (var line in File.ReadLines(parsivar))
        {
            var parts = line.Split('\t');
            if (parts.Length == 2)
            {
                Add(parts[0], parts[1]);
            }
        }
        return stems;
    }

    /// <summary>Most used verbs first (by Bijankhan verb tokens their forms cover), so they win shared forms.</summary>
    private static List<(string Past, string Present, int Use)> OrderByUse(List<(string Past, string Present)> stems, Dictionary<(string Key, string Tag), int> bijankhan)
    {
        var verbTokens = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var ((key, tag), count) in bijankhan)
        {
            if (tag.StartsWith("V_", StringComparison.Ordinal))
            {
                verbTokens[key] = verbTokens.GetValueOrDefault(key) + count;
            }
        }
        var use = new Dictionary<(string, string), int>();
        foreach (var stem in stems)
        {
            int total = 0;
            var generated = new HashSet<string>(StringComparer.Ordinal);
            VerbForms.Generate(stem.Past, stem.Present, key =>
            {
                if (generated.Add(key))
                {
                    total += verbTokens.GetValueOrDefault(key);
                }
            });
            use[stem] = total;
        }
        return [.. stems.OrderByDescending(s => use[s]).ThenBy(s => s.Past, StringComparer.Ordinal).ThenBy(s => s.Present, StringComparer.Ordinal).Select(s => (s.Past, s.Present, use[s]))];
    }

    private static Dictionary<string, (string Word, WordClass Class, byte Rank)> ReadKnownWords(string path, out List<string> plurals)
    {
        plurals = [];
        var words = new Dictionary<string, (string, WordClass, byte)>(StringComparer.Ordinal);
        foreach (var line in File.ReadLines(path))
        {
            var parts = line.Split('\t');
            if (parts.Length < 3 || parts[2] == "0" || parts[0].Length < 2)
            {
                continue;
            }
            var tags = parts[2].Split(',');
            if (tags.Contains("PL"))
            {
                plurals.Add(PersianFold.Fold(parts[0], PersianFoldOptions.LemmaKey));
                continue; // plurals are analysed, not known lemmas
            }
            var cls = WordClass.None;
            foreach (var tag in tags)
            {
                cls |= tag switch { "N" => WordClass.Noun, "AJ" => WordClass.Adjective, _ => WordClass.Other };
            }
            string key = PersianFold.Fold(parts[0], PersianFoldOptions.LemmaKey);
            // Frequency as a rank of 0..40 (log2 of the corpus count), to prefer «کلمه» over «کلم» for «کلمات».
            long count = long.TryParse(parts[1], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out long c) ? c : 0;
            byte rank = (byte)Math.Min(40, Math.Log2(count + 1));
            words[key] = words.TryGetValue(key, out var w) ? (w.Item1, w.Item2 | cls, Math.Max(w.Item3, rank)) : (Clean(parts[0]), cls, rank);
        }
        return words;
    }

    /// <summary>(key, lemma, clitic length) per word of the treebank; multiword tokens give their clitic split.</summary>
    private static IEnumerable<(string Key, string Lemma, int Clitic, bool IsVerb)> ReadTreebank(string path)
    {
        var votes = new Dictionary<string, Dictionary<(string, int, bool), int>>(StringComparer.Ordinal);
        void Vote(string key, string rawLemma, int clitic)
        {
            bool isVerb = rawLemma.Contains('#', StringComparison.Ordinal);
            string lemma = PastStem(rawLemma);
            if (key.Length == 0 || lemma.Length == 0 || lemma == "_")
            {
                return;
            }
            if (!votes.TryGetValue(key, out var v))
            {
                votes[key] = v = [];
            }
            v[(lemma, clitic, isVerb)] = v.GetValueOrDefault((lemma, clitic, isVerb)) + 1;
        }
        var lines = File.ReadAllLines(path);
        for (int i = 0; i < lines.Length; i++)
        {
            var c = lines[i].Split('\t');
            if (c.Length != 10)
            {
                continue;
            }
            int dash = c[0].IndexOf('-', StringComparison.Ordinal);
            if (dash > 0 && i + 2 < lines.Length)
            {
                var first = lines[i + 1].Split('\t');
                var second = lines[i + 2].Split('\t');
                if (first.Length == 10 && second.Length == 10 && second[3] == "PRON")
                {
                    string token = PersianFold.Fold(c[1], PersianFoldOptions.LemmaKey);
                    string clitic = PersianFold.Fold(second[1], PersianFoldOptions.LemmaKey);
                    if (token.EndsWith(clitic, StringComparison.Ordinal))
                    {
                        Vote(token, first[2], clitic.Length);
                    }
                }
                continue;
            }
            if (c[0].Contains('.', StringComparison.Ordinal))
            {
                continue;
            }
            Vote(PersianFold.Fold(c[1], PersianFoldOptions.LemmaKey), c[2].Trim(), 0);
        }
        foreach (var (key, v) in votes)
        {
            var ((lemma, clitic, isVerb), _) = v.MaxBy(kv => kv.Value);
            yield return (key, lemma, clitic, isVerb);
        }
    }

    /// <summary>A lemma as written out: Persian yeh and kaf, no diacritics, half-spaces kept.</summary>
    private static string Clean(string word)
    {
        var sb = new StringBuilder(word.Length);
        foreach (char c in word.Trim('\uFEFF', ' ', '\r'))
        {
            if (Dabir.Text.PersianChars.IsMark(c) && c != '\u0654' || c == Dabir.Text.PersianChars.Kashida)
            {
                continue;
            }
            sb.Append(c switch { '\u064A' or '\u0649' => '\u06CC', '\u0643' => '\u06A9', _ => c });
        }
        return sb.ToString();
    }

    /// <summary>«کرد#کن» → «کرد»; «بر#داشت#بر#دار» (a preverb written apart) → «داشت».</summary>
    private static string PastStem(string lemma)
    {
        var parts = lemma.Split('#');
        return Clean(parts.Length == 4 ? parts[1] : parts[0]);
    }
}
