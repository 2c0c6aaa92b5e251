using System.Globalization;
using System.Text;
using Dabir.Models.Data;
using Dabir.Models.Features;

namespace Dabir.Models.Training;

/// <summary>
/// The training recipes behind <c>dabir train xpos</c>. One XPOS sequence model per convention, with the same
/// features, trainer and lexicon as the UPOS tagger; at tagging time the words' UPOS restricts each token to the
/// XPOS tags its UPOS was seen with in training (<see cref="XposTagger"/>).
/// <list type="bullet">
/// <item>PerDT: PerDT dev only (35 XPOS tags; no other shared corpus uses PerDT's tag set).</item>
/// <item>Seraji: Seraji dev plus iPerUDT train+dev, whose XPOS is Seraji's set with iPerUDT's own conventions
/// (V_AUX for auxiliaries, PART, PROPN): iPerUDT is fed under its own convention id, so the convention-conjoined
/// features keep those readings apart; its PROPN becomes N_SING (Seraji's names), "_" (UPOS X) FW, and PART —
/// absent from Seraji — may be any tag (latent).</item>
/// </list>
/// </summary>
internal static class XposRecipes
{
    /// <summary>How many times the Seraji dev sentences are repeated next to iPerUDT (they define the convention scored).</summary>
    public const int DefaultTreebankRepeat = 2;

    private static string TreebankOf(PosConvention convention) => convention switch
    {
        PosConvention.PerDT => TaggerRecipes.PerdtDev,
        PosConvention.Seraji => TaggerRecipes.SerajiDev,
        _ => throw new ArgumentOutOfRangeException(nameof(convention), convention, "XPOS is trained for PerDT and Seraji only."),
    };

    /// <summary>Convention id fed to the features: the single-source PerDT model needs none (0 skips the 8
    /// convention-conjoined slots, a quarter of the lookups); the Seraji model separates Seraji from iPerUDT.</summary>
    private static int DomainOf(PosConvention convention) => convention == PosConvention.PerDT ? 0 : (int)PosConvention.Seraji;

    /// <summary>The tag inventory: the treebank's XPOS tags, sorted ordinally (deterministic model layout).</summary>
    public static string[] TagsOf(List<ConlluWord[]> treebank) =>
        [.. treebank.SelectMany(s => s).Select(w => w.Xpos).Where(x => x != "_").Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];

    /// <summary>Training sentences from treebank sentences in the model's own tag set: single gold tags
    /// (<see cref="TrainingSentence.Gold"/>) when the set exceeds 32 tags, otherwise one-bit masks.</summary>
    public static IEnumerable<TrainingSentence> GoldSentences(IEnumerable<ConlluWord[]> sentences, string[] tags, string source, int domain)
    {
        foreach (var s in sentences)
        {
            var ids = new int[s.Length];
            for (int i = 0; i < s.Length; i++)
            {
                ids[i] = Array.IndexOf(tags, s[i].Xpos);
                if (ids[i] < 0)
                {
                    throw new InvalidDataException($"{source}: XPOS '{s[i].Xpos}' is not in the tag set.");
                }
            }
            var tokens = s.Select(w => w.Form).ToArray();
            yield return tags.Length > 32
                ? new TrainingSentence(tokens, [], source) { Domain = domain, Gold = ids }
                : new TrainingSentence(tokens, [.. ids.Select(id => 1u << id)], source) { Domain = domain };
        }
    }

    /// <summary>iPerUDT sentences mapped onto Seraji's tag set (see the class summary).</summary>
    public static IEnumerable<TrainingSentence> IPerUdtSentences(string data, string[] serajiTags)
    {
        uint all = serajiTags.Length == 32 ? uint.MaxValue : (1u << serajiTags.Length) - 1;
        foreach (var file in new[] { "iperudt-train.conllu", "iperudt-dev.conllu" })
        {
            foreach (var s in CorpusReaders.ReadConllu(Path.Combine(data, "treebanks", file)))
            {
                var allowed = new uint[s.Length];
                for (int i = 0; i < s.Length; i++)
                {
                    string xpos = s[i].Xpos switch { "PROPN" => "N_SING", "_" => "FW", var x => x };
                    int id = Array.IndexOf(serajiTags, xpos);
                    allowed[i] = id >= 0 ? 1u << id : all;
                }
                yield return new TrainingSentence([.. s.Select(w => w.Form)], allowed, "iperudt") { Domain = (int)PosConvention.IPerUdt };
            }
        }
    }

    /// <summary>Per UPOS, the XPOS tags the treebank sentences show with it (bit = tag id).</summary>
    public static ulong[] CompatibleTags(IEnumerable<ConlluWord[]> sentences, string[] tags)
    {
        var masks = new ulong[Enum.GetValues<UniversalPos>().Length];
        foreach (var word in sentences.SelectMany(s => s))
        {
            int id = Array.IndexOf(tags, word.Xpos);
            if (id >= 0 && Enum.TryParse<UniversalPos>(word.Upos, out var upos))
            {
                masks[(int)upos] |= 1UL << id;
            }
        }
        return masks;
    }

    private static XposTagger TrainOn(string data, PosConvention convention, string[] tags, List<ConlluWord[]> treebankPart, TaggerLexicon lexicon, TrainerOptions options, int treebankRepeat, Action<string> log, string description)
    {
        int domain = DomainOf(convention);
        var sentences = new List<TrainingSentence>();
        if (convention == PosConvention.Seraji)
        {
            sentences.AddRange(IPerUdtSentences(data, tags));
        }
        for (int r = 0; r < (convention == PosConvention.Seraji ? treebankRepeat : 1); r++)
        {
            sentences.AddRange(GoldSentences(treebankPart, tags, convention.ToString(), domain));
        }
        var model = new PerceptronTrainer(tags, options, log).Train(sentences, lexicon, "xpos-" + convention.ToString().ToLowerInvariant(), description);
        return new XposTagger(model, convention, domain, CompatibleTags(treebankPart, tags));
    }

    /// <summary>Trains the shipped XPOS model of a convention on its whole dev treebank (plus iPerUDT for Seraji).</summary>
    public static XposTagger Train(string data, PosConvention convention, TrainerOptions options, Action<string> log, int treebankRepeat = DefaultTreebankRepeat)
    {
        var treebank = CorpusReaders.ReadConllu(Path.Combine(data, TreebankOf(convention)));
        var tags = TagsOf(treebank);
        string sources = convention == PosConvention.PerDT
            ? "UD PerDT dev (CC BY-SA 4.0)"
            : string.Create(CultureInfo.InvariantCulture, $"UD Seraji dev (CC BY-SA 4.0, repeated {treebankRepeat}x), iPerUDT train+dev (CC0)");
        string description = string.Create(CultureInfo.InvariantCulture,
            $"XPOS ({convention}, {tags.Length} tags); data: {sources}; decoded within the XPOS tags seen with each UPOS; lexicon Hazm words.dat (MIT), gazetteers (MIT), actor dictionary (project), word clusters and entity phrases learned from the training texts (docs/models.md); epochs {options.Epochs}, seed {options.Seed}");
        return TrainOn(data, convention, tags, treebank, TaggerRecipes.BuildLexicon(data, permissive: false, log), options, treebankRepeat, log, description);
    }

    /// <summary>
    /// k-fold cross-validation on the convention's dev treebank (contiguous folds, as <see cref="TaggerRecipes.CrossValidatePos"/>):
    /// for fold k, a UPOS model is trained by the shipped UPOS recipe on everything but fold k of both dev
    /// treebanks, an XPOS model on everything but fold k; fold k is then tagged UPOS first, XPOS within the
    /// UPOS-compatible tags. Also reported: XPOS without UPOS evidence, with gold UPOS (an upper bound), and
    /// with ZWNJ stripped from the tokens.
    /// </summary>
    public static string CrossValidate(string data, PosConvention convention, int folds, TrainerOptions options, TrainerOptions uposOptions, Action<string> log, int treebankRepeat = DefaultTreebankRepeat)
    {
        string treebankPath = TreebankOf(convention);
        var perdt = CorpusReaders.ReadConllu(Path.Combine(data, TaggerRecipes.PerdtDev));
        var seraji = CorpusReaders.ReadConllu(Path.Combine(data, TaggerRecipes.SerajiDev));
        var treebank = treebankPath == TaggerRecipes.PerdtDev ? perdt : seraji;
        var tags = TagsOf(treebank);
        var lexicon = TaggerRecipes.BuildLexicon(data, permissive: false, log);
        var uposBase = uposOptions.Epochs > 0 ? TaggerRecipes.PosBaseSentences(data, permissive: false) : [];
        int words = 0, uposCorrect = 0, alone = 0, withUpos = 0, withGoldUpos = 0, stripped = 0;
        var confusions = new Dictionary<string, int>(StringComparer.Ordinal);
        var perUpos = new Dictionary<string, (int Words, int Correct)>(StringComparer.Ordinal);
        for (int fold = 0; fold < folds; fold++)
        {
            PosTagger? upos = null;
            if (uposOptions.Epochs > 0)
            {
                log($"fold {fold + 1}/{folds}: UPOS model");
                var uposTraining = TaggerRecipes.UposTrainingSet(uposBase, TaggerRecipes.OutsideFold(perdt, fold, folds),
                    TaggerRecipes.OutsideFold(seraji, fold, folds), TaggerRecipes.DefaultTreebankRepeat);
                upos = new PosTagger(TaggerRecipes.TrainUposModel(uposTraining, lexicon, permissive: false, uposOptions, log, "cv"));
            }
            log($"fold {fold + 1}/{folds}: XPOS model");
            var xpos = TrainOn(data, convention, tags, TaggerRecipes.OutsideFold(treebank, fold, folds), lexicon, options, treebankRepeat, log, "cv");
            foreach (var sentence in TaggerRecipes.InsideFold(treebank, fold, folds))
            {
                var tokens = sentence.Select(w => w.Form).ToArray();
                var strippedTokens = tokens.Select(TaggerRecipes.StripZwnj).ToArray();
                var predictedUpos = new UniversalPos[tokens.Length];
                var goldUpos = sentence.Select(w => Enum.TryParse<UniversalPos>(w.Upos, out var u) ? u : UniversalPos.X).ToArray();
                var outAlone = new string[tokens.Length];
                var outWithUpos = new string[tokens.Length];
                var outGoldUpos = new string[tokens.Length];
                var outStripped = new string[tokens.Length];
                var strippedUpos = new UniversalPos[tokens.Length];
                // Without fold UPOS models (--upos-epochs 0, a quick look at the XPOS model alone) the "predicted
                // UPOS" figures equal the unconstrained ones.
                upos?.Tag(tokens, predictedUpos, convention);
                upos?.Tag(strippedTokens, strippedUpos, convention);
                xpos.Tag(tokens, [], outAlone);
                xpos.Tag(tokens, upos is null ? [] : predictedUpos, outWithUpos);
                xpos.Tag(tokens, goldUpos, outGoldUpos);
                xpos.Tag(strippedTokens, upos is null ? [] : strippedUpos, outStripped);
                for (int i = 0; i < tokens.Length; i++)
                {
                    string gold = sentence[i].Xpos;
                    words++;
                    uposCorrect += PosTagger.Name(predictedUpos[i]) == sentence[i].Upos ? 1 : 0;
                    alone += outAlone[i] == gold ? 1 : 0;
                    withUpos += outWithUpos[i] == gold ? 1 : 0;
                    withGoldUpos += outGoldUpos[i] == gold ? 1 : 0;
                    stripped += outStripped[i] == gold ? 1 : 0;
                    var entry = perUpos.GetValueOrDefault(sentence[i].Upos);
                    perUpos[sentence[i].Upos] = (entry.Words + 1, entry.Correct + (outWithUpos[i] == gold ? 1 : 0));
                    if (outWithUpos[i] != gold)
                    {
                        string key = $"{gold}->{outWithUpos[i]}";
                        confusions[key] = confusions.GetValueOrDefault(key) + 1;
                    }
                }
            }
        }
        double Rate(int correct) => words == 0 ? 0 : (double)correct / words;
        var report = new StringBuilder();
        report.AppendLine(CultureInfo.InvariantCulture,
            $"{convention} dev {folds}-fold CV, XPOS ({tags.Length} tags): words {words}, XPOS with predicted UPOS {Rate(withUpos):F4} (shipped decoding); XPOS alone {Rate(alone):F4}; with gold UPOS {Rate(withGoldUpos):F4}; ZWNJ-stripped {Rate(stripped):F4}; UPOS of the fold models {Rate(uposCorrect):F4}");
        report.AppendLine(CultureInfo.InvariantCulture,
            $"{convention} XPOS accuracy by gold UPOS: {string.Join(", ", perUpos.OrderByDescending(p => p.Value.Words).ThenBy(p => p.Key, StringComparer.Ordinal).Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Key} {(double)p.Value.Correct / p.Value.Words:F3} ({p.Value.Words})")))}");
        report.AppendLine(CultureInfo.InvariantCulture,
            $"{convention} top XPOS confusions (gold->system): {string.Join(", ", confusions.OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal).Take(15).Select(p => $"{p.Key} {p.Value}"))}");
        return report.ToString();
    }
}
