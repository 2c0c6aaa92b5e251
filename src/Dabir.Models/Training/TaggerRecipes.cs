using System.Globalization;
using System.Text;
using Dabir.Models.Data;
using Dabir.Models.Evaluation;
using Dabir.Models.Features;
using Dabir.Models.Tagging;
using Dabir.Text;

namespace Dabir.Models.Training;

/// <summary>
/// The training recipes behind <c>dabir train pos|ner</c>: which corpora, how they are mapped, and the
/// held-out evaluations. Paths are relative to the shared data folder (../shared/data).
/// </summary>
internal static class TaggerRecipes
{
    public const string PerdtDev = "treebanks/fa_perdt-ud-dev.conllu";
    public const string SerajiDev = "treebanks/fa_seraji-ud-dev.conllu";
    public const string PeymaDev = "ner/peyma-dev.txt";
    public const string ArmanTrain = "ner/arman-train.txt";

    /// <summary>Fraction of Arman train (its last sentences) held out for evaluation.</summary>
    public const double ArmanHeldOutFraction = 0.1;

    // ---------- shared lexicon and word clusters ----------

    /// <summary>Unlabeled sentences the word clusters are learned from: the PerDT and Seraji training texts
    /// (orthography/*-train.txt), the Bijankhan subset, iPerUDT, PEYMA train, Arman train (first 90%) and
    /// ParsTwiNER train — tokens only. Never a file we score on (the UD dev treebanks, PEYMA dev, the Arman
    /// held-out part, ParsTwiNER dev) and never the copyrighted news sample.</summary>
    public static IEnumerable<IReadOnlyList<string>> ClusterText(string data, bool permissive = false)
    {
        foreach (var file in new[] { "perdt-train.txt", "seraji-train.txt" })
        {
            foreach (var line in File.ReadLines(Path.Combine(data, "orthography", file), Encoding.UTF8))
            {
                yield return TokenizeRaw(line);
            }
        }
        if (!permissive)
        {
            foreach (var sentence in CorpusReaders.ReadBijankhan(Path.Combine(data, "pos", "bijankhan-subset.txt")))
            {
                yield return sentence.Tokens;
            }
        }
        foreach (var file in new[] { "iperudt-train.conllu", "iperudt-dev.conllu" })
        {
            foreach (var sentence in CorpusReaders.ReadConllu(Path.Combine(data, "treebanks", file)))
            {
                yield return [.. sentence.Select(w => w.Form)];
            }
        }
        foreach (var sentence in NerTrainingSentences(data, permissive))
        {
            yield return [.. sentence.Select(p => p.Token)];
        }
    }

    /// <summary>Splits raw text at white space and around punctuation (a word is a run of letters, digits,
    /// marks and ZWNJ).</summary>
    public static List<string> TokenizeRaw(string line)
    {
        var tokens = new List<string>();
        int start = -1;
        for (int i = 0; i <= line.Length; i++)
        {
            char c = i < line.Length ? line[i] : ' ';
            bool wordChar = char.IsLetterOrDigit(c) || c == '\u200C' || char.GetUnicodeCategory(c) is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark;
            if (wordChar)
            {
                if (start < 0)
                {
                    start = i;
                }
                continue;
            }
            if (start >= 0)
            {
                tokens.Add(line[start..i]);
                start = -1;
            }
            if (!char.IsWhiteSpace(c))
            {
                tokens.Add(c.ToString());
            }
        }
        return tokens;
    }

    /// <summary>The lexicon every model is trained with: Hazm words.dat, gazetteers, actor dictionary, word clusters.</summary>
    public static TaggerLexicon BuildLexicon(string data, bool permissive, Action<string> log) =>
        TaggerLexicon.Build(data, ClusterText(data, permissive), log, AnnotatedEntityPhrases(data, permissive));

    /// <summary>The NER training sentences whose text and annotations may feed the lexicon: PEYMA train, Arman train
    /// (first 90%), ParsTwiNER train; only ParsTwiNER (MIT) when <paramref name="permissive"/>.</summary>
    private static IEnumerable<(string Token, string Tag)[]> NerTrainingSentences(string data, bool permissive)
    {
        var parsTwiner = CorpusReaders.ReadNer(Path.Combine(data, "ner", "parstwiner-train.txt"));
        return permissive ? parsTwiner
            : CorpusReaders.ReadNer(Path.Combine(data, "ner", "peyma-train.txt")).Concat(ArmanSplit(data).Train).Concat(parsTwiner);
    }

    /// <summary>PER, ORG and LOC phrases of PEYMA train, Arman train (first 90%) and ParsTwiNER train, as a
    /// gazetteer: for the UPOS tagger they mark multi-word names (PROPN in PerDT); none of the scored files is read.</summary>
    public static IEnumerable<(string[] Tokens, TaggerLexicon.GazetteerType Type)> AnnotatedEntityPhrases(string data, bool permissive = false)
    {
        foreach (var sentence in NerTrainingSentences(data, permissive))
        {
            for (int i = 0; i < sentence.Length; i++)
            {
                string tag = sentence[i].Tag;
                if (!tag.StartsWith("B-", StringComparison.Ordinal))
                {
                    continue;
                }
                TaggerLexicon.GazetteerType? type = tag[2..] switch
                {
                    "PER" => TaggerLexicon.GazetteerType.AnnotatedPerson,
                    "ORG" => TaggerLexicon.GazetteerType.AnnotatedOrganization,
                    "LOC" => TaggerLexicon.GazetteerType.AnnotatedLocation,
                    _ => null,
                };
                int end = i + 1;
                while (end < sentence.Length && sentence[end].Tag == "I-" + tag[2..])
                {
                    end++;
                }
                if (type is { } t)
                {
                    // Tokens stay whole (PEYMA's in-token spaces are folded away like ZWNJ).
                    yield return ([.. sentence[i..end].Select(p => p.Token)], t);
                }
            }
        }
    }

    // ---------- part of speech ----------

    /// <summary>UPOS training data besides the two dev treebanks: Bijankhan (research use; skipped when
    /// <paramref name="permissive"/>) and iPerUDT train+dev (CC0).</summary>
    public static List<TrainingSentence> PosBaseSentences(string data, bool permissive)
    {
        var result = new List<TrainingSentence>();
        if (!permissive)
        {
            result.AddRange(CorpusReaders.ReadBijankhan(Path.Combine(data, "pos", "bijankhan-subset.txt")));
        }
        foreach (var file in new[] { "iperudt-train.conllu", "iperudt-dev.conllu" })
        {
            result.AddRange(CorpusReaders.UposSentences(CorpusReaders.ReadConllu(Path.Combine(data, "treebanks", file)), "iperudt", nounMayBeProperNoun: false, (int)PosConvention.IPerUdt));
        }
        return result;
    }

    /// <summary>Aligns the Bijankhan tag sets with the Seraji treebank (converted from Bijankhan, with word-level
    /// re-decisions such as «پس/بعد» → ADV and «مورد/نسبت/برابر» → ADP where Bijankhan says noun). For a word
    /// Seraji shows: an ambiguous set (P_GEN, ADV_TIME, V_*, CON, …) is narrowed to the tags Seraji gives the word;
    /// a single tag is widened by them (the word seen at least twice; «مورد» N_SING_COM_GEN → NOUN|ADP), and the
    /// latent training picks in context. Only the Seraji sentences passed in are read (the training folds during cross-validation).</summary>
    public static List<TrainingSentence> NarrowBijankhan(List<TrainingSentence> sentences, IEnumerable<ConlluWord[]> seraji)
    {
        var seen = new Dictionary<string, (uint Tags, int Count)>(StringComparer.Ordinal);
        uint noun = UposMapping.Bit("NOUN"), propn = UposMapping.Bit("PROPN");
        foreach (var sentence in seraji)
        {
            foreach (var word in sentence)
            {
                uint bit = UposMapping.Bit(word.Upos == "_" ? "X" : word.Upos);
                string key = PersianFold.Fold(word.Form, PersianFoldOptions.TaggerFeatures);
                var entry = seen.GetValueOrDefault(key);
                seen[key] = (entry.Tags | bit | (bit == noun ? propn : 0), entry.Count + 1);
            }
        }
        var result = new List<TrainingSentence>(sentences.Count);
        foreach (var sentence in sentences)
        {
            if (sentence.Source != "bijankhan")
            {
                result.Add(sentence);
                continue;
            }
            uint[]? allowed = null;
            for (int i = 0; i < sentence.Tokens.Length; i++)
            {
                uint set = sentence.Allowed[i];
                if (!seen.TryGetValue(PersianFold.Fold(sentence.Tokens[i], PersianFoldOptions.TaggerFeatures), out var entry))
                {
                    continue;
                }
                uint common = set & entry.Tags;
                uint updated = common != 0 && (set & (set - 1)) != 0 ? common
                    : entry.Count >= 2 ? set | entry.Tags : set;
                if (updated != set)
                {
                    allowed ??= (uint[])sentence.Allowed.Clone();
                    allowed[i] = updated;
                }
            }
            result.Add(allowed is null ? sentence : sentence with { Allowed = allowed });
        }
        return result;
    }

    /// <summary>How many times the UD dev treebank sentences are repeated in training: they are small next to
    /// Bijankhan but define the conventions the tagger is measured against.</summary>
    public const int DefaultTreebankRepeat = 3;

    /// <summary>The UPOS training set: the base sentences (Bijankhan aligned with <paramref name="seraji"/>, iPerUDT)
    /// and the given PerDT and Seraji dev sentences, repeated <paramref name="treebankRepeat"/> times. During
    /// cross-validation the treebank sentences are the training folds only.</summary>
    public static List<TrainingSentence> UposTrainingSet(List<TrainingSentence> baseSentences, IReadOnlyCollection<ConlluWord[]> perdt, IReadOnlyCollection<ConlluWord[]> seraji, int treebankRepeat)
    {
        var sentences = NarrowBijankhan(baseSentences, seraji);
        for (int r = 0; r < treebankRepeat; r++)
        {
            sentences.AddRange(CorpusReaders.UposSentences(perdt, "perdt", false, (int)PosConvention.PerDT));
            sentences.AddRange(CorpusReaders.UposSentences(seraji, "seraji", true, (int)PosConvention.Seraji));
        }
        return sentences;
    }

    public static SequenceModel TrainPos(string data, bool permissive, TrainerOptions options, Action<string> log, int treebankRepeat = DefaultTreebankRepeat, NerTagger? entityTagger = null)
    {
        var sentences = UposTrainingSet(PosBaseSentences(data, permissive), CorpusReaders.ReadConllu(Path.Combine(data, PerdtDev)),
            CorpusReaders.ReadConllu(Path.Combine(data, SerajiDev)), treebankRepeat);
        string description = string.Create(CultureInfo.InvariantCulture,
            $"UPOS; data: {(permissive ? "" : "Bijankhan subset (research use), ")}iPerUDT train+dev (CC0), PerDT dev + Seraji dev (CC BY-SA 4.0, repeated {treebankRepeat}x); lexicon Hazm words.dat (MIT), gazetteers (MIT), actor dictionary (project), word clusters and entity phrases learned from the {(permissive ? "permissive " : "")}training texts (docs/models.md); epochs {options.Epochs}, seed {options.Seed}");
        return TrainUposModel(sentences, BuildLexicon(data, permissive, log), permissive, options, log, description, entityTagger);
    }

    /// <summary>k-fold cross-validation on PerDT dev and Seraji dev (contiguous folds): each fold is tagged by a
    /// model trained on the base data plus the other folds of both treebanks. Returns a report; also scores the
    /// same folds with ZWNJ stripped from the tokens.</summary>
    public static string CrossValidatePos(string data, bool permissive, int folds, TrainerOptions options, Action<string> log, int treebankRepeat = DefaultTreebankRepeat, NerTagger? entityTagger = null)
    {
        var baseSentences = PosBaseSentences(data, permissive);
        var perdt = CorpusReaders.ReadConllu(Path.Combine(data, PerdtDev));
        var seraji = CorpusReaders.ReadConllu(Path.Combine(data, SerajiDev));
        var lexicon = BuildLexicon(data, permissive, log);
        var gold = new Dictionary<string, List<IReadOnlyList<string>>> { ["perdt"] = [], ["seraji"] = [] };
        var predicted = new Dictionary<string, List<IReadOnlyList<string>>> { ["perdt"] = [], ["seraji"] = [] };
        var predictedStripped = new Dictionary<string, List<IReadOnlyList<string>>> { ["perdt"] = [], ["seraji"] = [] };
        var forms = new Dictionary<string, List<string[]>> { ["perdt"] = [], ["seraji"] = [] };
        for (int fold = 0; fold < folds; fold++)
        {
            // The Bijankhan tag sets are narrowed with the Seraji sentences of the training folds only.
            var training = UposTrainingSet(baseSentences, OutsideFold(perdt, fold, folds), OutsideFold(seraji, fold, folds), treebankRepeat);
            log($"fold {fold + 1}/{folds}");
            var model = TrainUposModel(training, lexicon, permissive, options, log, "cv", entityTagger);
            foreach (var (name, treebank) in new[] { ("perdt", perdt), ("seraji", seraji) })
            {
                foreach (var sentence in InsideFold(treebank, fold, folds))
                {
                    var tokens = sentence.Select(w => w.Form).ToArray();
                    gold[name].Add([.. sentence.Select(w => w.Upos)]);
                    forms[name].Add(tokens);
                    var convention = name == "perdt" ? PosConvention.PerDT : PosConvention.Seraji;
                    predicted[name].Add(TagPos(model, tokens, convention, entityTagger));
                    predictedStripped[name].Add(TagPos(model, [.. tokens.Select(StripZwnj)], convention, entityTagger));
                }
            }
        }
        var report = new StringBuilder();
        foreach (var name in new[] { "perdt", "seraji" })
        {
            var score = TaggingScorer.ScorePos(gold[name], predicted[name]);
            var stripped = TaggingScorer.ScorePos(gold[name], predictedStripped[name]);
            report.AppendLine(CultureInfo.InvariantCulture,
                $"{name} dev {folds}-fold CV: words {score.Words}, UPOS {score.Accuracy:F4}, PROPN-as-NOUN {score.AccuracyProperNounAsNoun:F4}; ZWNJ-stripped UPOS {stripped.Accuracy:F4}, PROPN-as-NOUN {stripped.AccuracyProperNounAsNoun:F4}");
            var confusions = gold[name].Zip(predicted[name])
                .SelectMany(pair => pair.First.Zip(pair.Second))
                .Where(p => p.First != p.Second && !(name == "seraji" && p.First == "NOUN" && p.Second == "PROPN"))
                .GroupBy(p => $"{p.First}->{p.Second}", StringComparer.Ordinal)
                .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).Take(12)
                .Select(g => $"{g.Key} {g.Count()}");
            report.AppendLine(CultureInfo.InvariantCulture, $"{name} top confusions (gold->system): {string.Join(", ", confusions)}");
            var words = forms[name].SelectMany((f, s) => f.Select((w, i) => (Word: w, Gold: gold[name][s][i], System: predicted[name][s][i])))
                .Where(x => x.Gold != x.System && !(name == "seraji" && x.Gold == "NOUN" && x.System == "PROPN"))
                .GroupBy(x => $"{x.Word} {x.Gold}->{x.System}", StringComparer.Ordinal)
                .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).Take(40)
                .Select(g => $"{g.Key} {g.Count()}");
            report.AppendLine(CultureInfo.InvariantCulture, $"{name} top word errors: {string.Join(", ", words)}");
        }
        return report.ToString();
    }

    /// <summary>Everything but contiguous fold <paramref name="fold"/> of <paramref name="folds"/>.</summary>
    internal static List<T> OutsideFold<T>(List<T> items, int fold, int folds)
    {
        var (start, end) = FoldRange(items.Count, fold, folds);
        return [.. items.Take(start), .. items.Skip(end)];
    }

    /// <summary>Contiguous fold <paramref name="fold"/> of <paramref name="folds"/>.</summary>
    internal static List<T> InsideFold<T>(List<T> items, int fold, int folds)
    {
        var (start, end) = FoldRange(items.Count, fold, folds);
        return items.GetRange(start, end - start);
    }

    private static (int Start, int End) FoldRange(int count, int fold, int folds) => (count * fold / folds, count * (fold + 1) / folds);

    public static string StripZwnj(string token) => token.Replace("\u200C", "", StringComparison.Ordinal);

    /// <summary>Trains a UPOS model. Unless <paramref name="permissive"/>, every sentence carries the embedded NER
    /// tagger's labels as hints (PerDT tags the nouns inside names PROPN: 5-fold CV on PerDT dev 0.9409 → 0.9476), and
    /// the model's kind and description name the NER model it was trained against (<see cref="PosTagger"/> checks it).
    /// The permissive variant has no hints: the NER model is trained on research-use corpora.</summary>
    public static SequenceModel TrainUposModel(List<TrainingSentence> sentences, TaggerLexicon lexicon, bool permissive, TrainerOptions options, Action<string> log, string description, NerTagger? entityTagger = null)
    {
        if (permissive)
        {
            return new PerceptronTrainer(UposMapping.Tags, options, log).Train(sentences, lexicon, PosTagger.PlainKind, description);
        }
        var ner = entityTagger ?? NerTagger.Default;
        var hinted = sentences.Select(s => s with { Hints = EntityHints(ner, s.Tokens) }).ToList();
        return new PerceptronTrainer(UposMapping.Tags, options, log).Train(hinted, lexicon, PosTagger.EntityHintedKindFor(ner),
            $"{description}; entity hints from NER model {ner.Checksum}");
    }

    /// <summary>The NER tagger's tag ids of a sentence, the UPOS hints.</summary>
    public static byte[] EntityHints(NerTagger ner, string[] tokens)
    {
        var hints = new byte[tokens.Length];
        ner.TagIds(tokens, hints);
        return hints;
    }

    public static string[] TagPos(SequenceModel model, string[] tokens, PosConvention convention, NerTagger? entityTagger = null)
    {
        var ids = new int[tokens.Length];
        bool hinted = model.Kind.StartsWith(PosTagger.EntityHintedKind, StringComparison.Ordinal);
        model.Tag(tokens, ids, (int)convention, default, hinted ? EntityHints(entityTagger ?? NerTagger.Default, tokens) : default);
        // Seraji has no PROPN: names are NOUN there.
        return [.. ids.Select(i => convention == PosConvention.Seraji && model.Tags[i] == "PROPN" ? "NOUN" : model.Tags[i])];
    }

    // ---------- named entities ----------

    /// <summary>Labels each NER corpus annotates; the others are unknown there (latent during training).</summary>
    private static readonly Dictionary<string, string[]> AnnotatedLabels = new(StringComparer.Ordinal)
    {
        // PEYMA and ParsTwiNER have no FAC label, but their guidelines put facilities under LOC or ORG, so an O token
        // there is no facility either: FAC stays observed (not latent). Left latent, FAC absorbed the tokens the
        // corpora disagree on (ParsTwiNER leaves «امور خارجه» of «وزیر امور خارجه» O, PEYMA and Arman say ORG).
        ["peyma"] = ["PER", "ORG", "LOC", "FAC", "DATE", "TIME", "MONEY", "PERCENT"],
        ["arman"] = ["PER", "ORG", "LOC", "FAC", "EVENT"],
        ["parstwiner"] = ["PER", "ORG", "LOC", "FAC", "EVENT"],
    };

    /// <summary>Converts a NER corpus sentence to a training sentence: labels outside our set (Arman's PRO,
    /// ParsTwiNER's NAT and POG) become O; an O token may also carry any label the corpus does not annotate.</summary>
    public static TrainingSentence NerSentence((string Token, string Tag)[] sentence, string corpus, IReadOnlySet<string>? numericWords = null)
    {
        var tags = NerTagger.BioTags;
        uint latent = 0;
        foreach (var code in NerTagger.Codes.Skip(1).Except(AnnotatedLabels[corpus]))
        {
            latent |= 1u << Array.IndexOf(tags, "B-" + code);
            latent |= 1u << Array.IndexOf(tags, "I-" + code);
        }
        // Latent labels only where they are plausible, because a latent label is never contradicted and so becomes
        // the escape hatch wherever the corpora disagree. A name label (PER, ORG, LOC, FAC, EVENT) stays latent
        // only on tokens with a letter (left free, the latent training called numbers and dashes FAC: 106 of 188
        // predicted FAC mentions in PEYMA dev were numbers); a numeric label (DATE, TIME, MONEY, PERCENT) only on
        // digits and on words that occur inside such mentions where they are annotated (months, «ساعت», «درصد»,
        // «میلیون», …; left free, «امور خارجه» of «وزیر امور خارجه» became TIME).
        uint numeric = 0;
        foreach (var code in new[] { "DATE", "TIME", "MONEY", "PERCENT" })
        {
            numeric |= (1u << Array.IndexOf(tags, "B-" + code)) | (1u << Array.IndexOf(tags, "I-" + code));
        }
        var allowed = new uint[sentence.Length];
        for (int i = 0; i < sentence.Length; i++)
        {
            int id = Array.IndexOf(tags, sentence[i].Tag);
            string token = sentence[i].Token;
            uint plausible = !HasLetter(token) ? numeric
                : numericWords is null || numericWords.Contains(PersianFold.Fold(token, PersianFoldOptions.TaggerFeatures)) ? uint.MaxValue : ~numeric;
            allowed[i] = id > 0 ? 1u << id : 1u | (latent & plausible);
        }
        // An I- tag without a preceding B-/I- of its label is unreachable under BIO decoding: make it B-.
        for (int i = 0; i < sentence.Length; i++)
        {
            string t = sentence[i].Tag;
            if (t.StartsWith("I-", StringComparison.Ordinal) && Array.IndexOf(tags, t) > 0
                && (i == 0 || sentence[i - 1].Tag.Length < 2 || !sentence[i - 1].Tag.AsSpan(2).SequenceEqual(t.AsSpan(2))))
            {
                allowed[i] = 1u << Array.IndexOf(tags, "B-" + t[2..]);
            }
        }
        return new TrainingSentence([.. sentence.Select(p => p.Token)], allowed, corpus) { Domain = NerDomain(corpus) };
    }

    /// <summary>Folded words that occur inside DATE, TIME, MONEY or PERCENT mentions of the training corpora.</summary>
    public static HashSet<string> NumericMentionWords(IEnumerable<(string Token, string Tag)[]> sentences)
    {
        var words = new HashSet<string>(StringComparer.Ordinal);
        foreach (var sentence in sentences)
        {
            foreach (var (token, tag) in sentence)
            {
                if (tag.Length > 2 && tag[2..] is "DATE" or "TIME" or "MONEY" or "PERCENT" && HasLetter(token))
                {
                    words.Add(PersianFold.Fold(token, PersianFoldOptions.TaggerFeatures));
                }
            }
        }
        return words;
    }

    private static bool HasLetter(string token)
    {
        foreach (char c in token)
        {
            if (char.IsLetter(c))
            {
                return true;
            }
        }
        return false;
    }

    public static (List<(string Token, string Tag)[]> Train, List<(string Token, string Tag)[]> HeldOut) ArmanSplit(string data)
    {
        var all = CorpusReaders.ReadNer(Path.Combine(data, ArmanTrain));
        int cut = (int)Math.Round(all.Count * (1 - ArmanHeldOutFraction));
        return (all.Take(cut).ToList(), all.Skip(cut).ToList());
    }

    /// <summary>The NER corpora used by default.</summary>
    public static readonly string[] DefaultNerCorpora = ["peyma", "arman", "parstwiner"];

    public static SequenceModel TrainNer(string data, bool permissive, TrainerOptions options, Action<string> log, IReadOnlyCollection<string>? corpora = null)
    {
        corpora ??= DefaultNerCorpora;
        var raw = new List<((string Token, string Tag)[] Sentence, string Corpus)>();
        if (!permissive && corpora.Contains("peyma"))
        {
            raw.AddRange(CorpusReaders.ReadNer(Path.Combine(data, "ner", "peyma-train.txt"), spacesToZwnj: true).Select(s => (s, "peyma")));
        }
        if (!permissive && corpora.Contains("arman"))
        {
            raw.AddRange(ArmanSplit(data).Train.Select(s => (s, "arman")));
        }
        if (permissive || corpora.Contains("parstwiner"))
        {
            raw.AddRange(CorpusReaders.ReadNer(Path.Combine(data, "ner", "parstwiner-train.txt")).Select(s => (s, "parstwiner")));
        }
        var numericWords = NumericMentionWords(raw.Select(r => r.Sentence));
        log($"{numericWords.Count} words seen inside DATE/TIME/MONEY/PERCENT mentions (where numeric labels may be latent)");
        var sentences = raw.Select(r => NerSentence(r.Sentence, r.Corpus, numericWords)).ToList();
        string description = string.Create(CultureInfo.InvariantCulture,
            $"NER; data: {(permissive ? "" : "PEYMA train (research use), Arman train first 90% (academic use), ")}ParsTwiNER train (MIT); lexicon Hazm words.dat (MIT), gazetteers (MIT), actor dictionary (project), word clusters and entity phrases learned from the {(permissive ? "permissive " : "")}training texts (docs/models.md); epochs {options.Epochs}, seed {options.Seed}");
        return new PerceptronTrainer(NerTagger.BioTags, options, log).Train(sentences, BuildLexicon(data, permissive, log), "ner", description);
    }

    /// <summary>NER corpora share one convention (0): per-corpus conventions were tried, but with labels a corpus
    /// does not annotate left latent, a corpus-specific view learns to emit them freely (precision collapsed).</summary>
    public static int NerDomain(string corpus) => string.IsNullOrEmpty(corpus) ? 0 : 0;

    public static string[] TagNer(SequenceModel model, string[] tokens, int domain = 0)
    {
        var ids = new int[tokens.Length];
        model.Tag(tokens, ids, domain);
        return [.. ids.Select(i => model.Tags[i])];
    }

    /// <summary>Scores a NER model on gold sentences: all labels and PER/ORG/LOC, intact and ZWNJ-stripped.</summary>
    public static string EvaluateNer(SequenceModel model, string name, IReadOnlyList<(string Token, string Tag)[]> gold, int domain)
    {
        var goldTags = gold.Select(s => (IReadOnlyList<string>)[.. s.Select(p => p.Tag)]).ToList();
        var predicted = gold.Select(s => (IReadOnlyList<string>)TagNer(model, [.. s.Select(p => p.Token)], domain)).ToList();
        var stripped = gold.Select(s => (IReadOnlyList<string>)TagNer(model, [.. s.Select(p => StripZwnj(p.Token))], domain)).ToList();
        var core = new HashSet<string>(["PER", "ORG", "LOC"], StringComparer.Ordinal);
        var all = TaggingScorer.ScoreNer(goldTags, predicted);
        var pol = TaggingScorer.ScoreNer(goldTags, predicted, core);
        var polStripped = TaggingScorer.ScoreNer(goldTags, stripped, core);
        return string.Create(CultureInfo.InvariantCulture,
            $"{name}: PER/ORG/LOC {pol.ToJson()}\n{name}: all labels {all.ToJson()}\n{name}: PER/ORG/LOC ZWNJ-stripped F1 {polStripped.F1:F4}\n");
    }
}
