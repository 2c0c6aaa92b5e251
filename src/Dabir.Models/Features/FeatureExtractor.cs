using Dabir.Text;

namespace Dabir.Models.Features;

/// <summary>
/// Turns a sentence of tokens into a fixed number of hashed features per token (no allocation once the
/// scratch buffers have grown). All features look at folded forms (<see cref="PersianFold"/> with
/// <see cref="PersianFoldOptions.TaggerFeatures"/>: no half-spaces, so a tagger sees the same features whether or
/// not the text kept its ZWNJs).
/// </summary>
internal sealed class FeatureExtractor
{
    /// <summary>Features written per token.</summary>
    public const int FeaturesPerToken = BaseFeatures + DomainFeatures + HintFeatures;

    /// <summary>Features that do not depend on the annotation convention; with convention 0 (the NER models) the
    /// convention-conjoined slots are left 0 ("no feature") and skipped, saving their lookups.</summary>
    public const int BaseFeatures = 34;

    /// <summary>Features repeated in conjunction with the annotation convention (domain), so that one model can
    /// follow PerDT, Seraji/Bijankhan or iPerUDT conventions where they disagree (Daumé 2007 feature augmentation).</summary>
    private const int DomainFeatures = 8;

    /// <summary>Features of an external per-token hint (the NER tagger's BIO label, for the UPOS model: PerDT tags
    /// the nouns inside names PROPN), conjoined with the convention; 0 ("no feature") when no hints are given.</summary>
    private const int HintFeatures = 4;

    private static readonly int[] DomainTemplates = [0, 1, 2, 3, 12, 13, 16, 6];

    /// <summary>Base templates whose value is a function of the token's folded form alone (bias, word, prefixes,
    /// suffixes, shape, lexicon class, lexicon × suffix, clusters): not of its neighbours, gazetteer context or hints.
    /// Keep in step with <see cref="Compose"/>; a test checks it on shuffled sentences.</summary>
    private static readonly int[] WordOnlyTemplates = [0, 1, 8, 9, 10, 11, 12, 13, 14, 15, 16, 25, 26, 27, 28];

    private static readonly FeatureSlots PlainSlots = BuildSlots(withConvention: false);
    private static readonly FeatureSlots ConventionSlots = BuildSlots(withConvention: true);

    /// <summary>The active feature slots of a token split into those that depend on the word alone (for a model and a
    /// convention, their rows always add up to the same vector, so a tagger may reuse that sum) and the others.</summary>
    internal sealed record FeatureSlots(int[] WordOnly, int[] Context);

    /// <summary>The slot split for a convention (0: the convention-free slots only).</summary>
    public static FeatureSlots SlotsFor(int domain) => domain == 0 ? PlainSlots : ConventionSlots;

    private static FeatureSlots BuildSlots(bool withConvention)
    {
        var wordOnly = new List<int>();
        var context = new List<int>();
        for (int slot = 0; slot < (withConvention ? FeaturesPerToken : BaseFeatures); slot++)
        {
            int template = slot < BaseFeatures ? slot
                : slot < BaseFeatures + DomainFeatures ? DomainTemplates[slot - BaseFeatures]
                : -1; // hints
            (template >= 0 && WordOnlyTemplates.Contains(template) ? wordOnly : context).Add(slot);
        }
        return new FeatureSlots([.. wordOnly], [.. context]);
    }

    private const int MaxAffix = 4;
    private static readonly ulong BeginHash = FeatureHash.OfChars("<s>");
    private static readonly ulong EndHash = FeatureHash.OfChars("</s>");

    private readonly TaggerLexicon _lexicon;

    public FeatureExtractor(TaggerLexicon lexicon) => _lexicon = lexicon;

    public TaggerLexicon Lexicon => _lexicon;

    /// <summary>Per-sentence working memory, reused across calls on one thread.</summary>
    internal sealed class Scratch
    {
        public char[] Chars = new char[1024];
        public TokenInfo[] Tokens = new TokenInfo[128];
        public ulong[] Features = new ulong[128 * FeaturesPerToken];
        public int[] Emissions = [];
        public int[] Rows = [];
        public int[] CachedEntries = [];
        private readonly (long Model, Tagging.WordSumCache Cache)[] _wordSums = new (long, Tagging.WordSumCache)[4];
        private int _nextWordSums;

        /// <summary>This thread's word-sum cache of a model (a few models at a time; the oldest is dropped).</summary>
        public Tagging.WordSumCache WordSumsFor(long model, int tagCount)
        {
            foreach (var (owner, cache) in _wordSums)
            {
                if (owner == model && cache is not null)
                {
                    return cache;
                }
            }
            var created = new Tagging.WordSumCache(tagCount);
            _wordSums[_nextWordSums] = (model, created);
            _nextWordSums = (_nextWordSums + 1) % _wordSums.Length;
            return created;
        }

        public int[] Scores = [];
        public int[] Back = [];

        public void Ensure(int tokens, int chars, int tags)
        {
            if (Tokens.Length < tokens)
            {
                int size = Math.Max(tokens, Tokens.Length * 2);
                Tokens = new TokenInfo[size];
                Features = new ulong[size * FeaturesPerToken];
            }
            if (Chars.Length < chars)
            {
                Chars = new char[Math.Max(chars, Chars.Length * 2)];
            }
            int cells = Tokens.Length * tags;
            if (Emissions.Length < cells)
            {
                Emissions = new int[cells];
                Scores = new int[cells];
                Back = new int[cells];
            }
        }
    }

    internal struct TokenInfo
    {
        public ulong Word;
        public ulong Suffix3;
        public ulong Suffix2;
        public uint Hint;
        public uint Lexicon;
        public uint Gazetteer;
        public uint Cluster;
        public int Start;
        public int Length;
    }

    /// <summary>Fills <c>scratch.Features</c> with <see cref="FeaturesPerToken"/> hashes for each token.</summary>
    public void Extract(ReadOnlySpan<string> tokens, Scratch scratch, int tagCount, int domain = 0, ReadOnlySpan<byte> hints = default)
    {
        Prepare(tokens, scratch, tagCount);
        SetHints(scratch, hints);
        Compose(tokens.Length, scratch, domain, withHints: !hints.IsEmpty);
    }

    /// <summary>
    /// The per-token half of <see cref="Extract"/>: folds each token and looks it up in the lexicon, gazetteer and
    /// clusters (<c>scratch.Tokens</c>). Two models whose lexicons have the same <see cref="TaggerLexicon.Fingerprint"/>
    /// can share it and each <see cref="Compose"/> their own features.
    /// </summary>
    public void Prepare(ReadOnlySpan<string> tokens, Scratch scratch, int tagCount)
    {
        int totalChars = 0;
        foreach (var token in tokens)
        {
            totalChars += token.Length;
        }
        scratch.Ensure(tokens.Length, totalChars, tagCount);
        var info = scratch.Tokens;
        var chars = scratch.Chars.AsSpan();
        int offset = 0;
        for (int i = 0; i < tokens.Length; i++)
        {
            int n = PersianFold.Fold(tokens[i], chars[offset..], PersianFoldOptions.TaggerFeatures);
            var folded = chars.Slice(offset, n);
            ref var t = ref info[i];
            t.Start = offset;
            t.Length = n;
            t.Word = FeatureHash.OfChars(folded);
            t.Suffix3 = FeatureHash.OfChars(folded[Math.Max(0, n - 3)..]);
            t.Suffix2 = FeatureHash.OfChars(folded[Math.Max(0, n - 2)..]);
            t.Lexicon = _lexicon.WordBits(t.Word);
            t.Gazetteer = 0;
            t.Cluster = _lexicon.ClusterOf(t.Word);
            t.Hint = 0;
            offset += n;
        }
        MarkGazetteerPhrases(tokens.Length, info);
    }

    /// <summary>Stores per-token hints (0 = none) in prepared tokens.</summary>
    public static void SetHints(Scratch scratch, ReadOnlySpan<byte> hints)
    {
        var info = scratch.Tokens;
        for (int i = 0; i < hints.Length; i++)
        {
            info[i].Hint = hints[i] + 1u;
        }
    }

    /// <summary>The per-feature half of <see cref="Extract"/>: writes the feature hashes of <paramref name="count"/> prepared tokens.</summary>
    public static void Compose(int count, Scratch scratch, int domain, bool withHints)
    {
        var info = scratch.Tokens;
        var chars = scratch.Chars.AsSpan();
        var features = scratch.Features.AsSpan(0, count * FeaturesPerToken);
        for (int i = 0; i < count; i++)
        {
            ref var t = ref info[i];
            var f = features.Slice(i * FeaturesPerToken, FeaturesPerToken);
            var word = chars.Slice(t.Start, t.Length);
            ulong prev = i > 0 ? info[i - 1].Word : BeginHash;
            ulong prev2 = i > 1 ? info[i - 2].Word : BeginHash;
            ulong next = i + 1 < count ? info[i + 1].Word : EndHash;
            ulong next2 = i + 2 < count ? info[i + 2].Word : EndHash;
            f[0] = FeatureHash.Combine(0, 0);
            f[1] = FeatureHash.Combine(1, t.Word);
            f[2] = FeatureHash.Combine(2, prev);
            f[3] = FeatureHash.Combine(3, next);
            f[4] = FeatureHash.Combine(4, prev2);
            f[5] = FeatureHash.Combine(5, next2);
            f[6] = FeatureHash.Combine(6, prev, t.Word);
            f[7] = FeatureHash.Combine(7, t.Word, next);
            for (int k = 1; k <= 3; k++)
            {
                f[7 + k] = FeatureHash.Combine((uint)(7 + k), FeatureHash.OfChars(word[..Math.Min(k, word.Length)]));
            }
            for (int k = 1; k <= MaxAffix; k++)
            {
                f[10 + k] = FeatureHash.Combine((uint)(10 + k), FeatureHash.OfChars(word[Math.Max(0, word.Length - k)..]));
            }
            f[15] = FeatureHash.Combine(15, ShapeHash(word));
            f[16] = FeatureHash.Combine(16, t.Lexicon);
            f[17] = FeatureHash.Combine(17, i > 0 ? info[i - 1].Lexicon : 0xFFFF_FFFFu);
            f[18] = FeatureHash.Combine(18, i + 1 < count ? info[i + 1].Lexicon : 0xFFFF_FFFEu);
            f[19] = FeatureHash.Combine(19, i > 0 ? info[i - 1].Suffix3 : BeginHash);
            f[20] = FeatureHash.Combine(20, i + 1 < count ? info[i + 1].Suffix3 : EndHash);
            f[21] = FeatureHash.Combine(21, t.Gazetteer);
            f[22] = FeatureHash.Combine(22, i > 0 ? info[i - 1].Gazetteer : 0xFFFF_FFFFu);
            f[23] = FeatureHash.Combine(23, i + 1 < count ? info[i + 1].Gazetteer : 0xFFFF_FFFEu);
            f[24] = FeatureHash.Combine(24, prev2, prev);
            f[25] = FeatureHash.Combine(25, t.Lexicon, t.Suffix2);
            // Word clusters: the full path and its two coarser prefixes for w0, the middle level and full path of w±1,
            // and the pair of neighbouring middle-level clusters.
            uint prevCluster = i > 0 ? info[i - 1].Cluster : 0xFFFF_FFFFu;
            uint nextCluster = i + 1 < count ? info[i + 1].Cluster : 0xFFFF_FFFEu;
            f[26] = FeatureHash.Combine(26, t.Cluster);
            f[27] = FeatureHash.Combine(27, t.Cluster >> 4);
            f[28] = FeatureHash.Combine(28, t.Cluster >> 8);
            f[29] = FeatureHash.Combine(29, prevCluster >> 4);
            f[30] = FeatureHash.Combine(30, nextCluster >> 4);
            f[31] = FeatureHash.Combine(31, prevCluster);
            f[32] = FeatureHash.Combine(32, nextCluster);
            f[33] = FeatureHash.Combine(33, prevCluster >> 4, nextCluster >> 4);
            for (int k = 0; k < DomainFeatures; k++)
            {
                f[BaseFeatures + k] = domain == 0 ? 0 : FeatureHash.Combine((uint)(100 + k), f[DomainTemplates[k]], (ulong)domain);
            }
            var hint = f.Slice(BaseFeatures + DomainFeatures, HintFeatures);
            if (!withHints || domain == 0)
            {
                hint.Clear();
            }
            else
            {
                uint prevHint = i > 0 ? info[i - 1].Hint : 0xFFu;
                uint nextHint = i + 1 < count ? info[i + 1].Hint : 0xFEu;
                ulong withDomain = (ulong)domain << 32;
                hint[0] = FeatureHash.Combine(200, withDomain | t.Hint);
                hint[1] = FeatureHash.Combine(201, withDomain | t.Hint, t.Word);
                hint[2] = FeatureHash.Combine(202, withDomain | prevHint, t.Hint);
                hint[3] = FeatureHash.Combine(203, withDomain | t.Hint, nextHint);
            }
        }
    }

    /// <summary>Marks, for each gazetteer type, tokens that begin (bit 2k) or continue (bit 2k+1) the longest
    /// phrase of that type starting at a token.</summary>
    private void MarkGazetteerPhrases(int count, TokenInfo[] info)
    {
        if (_lexicon.PhraseCount == 0)
        {
            return;
        }
        for (int start = 0; start < count; start++)
        {
            ulong h = 0;
            int limit = Math.Min(count - start, TaggerLexicon.MaxPhraseTokens);
            for (int len = 1; len <= limit; len++)
            {
                h = TaggerLexicon.PhraseHash(h, info[start + len - 1].Word);
                uint types = _lexicon.PhraseBits(h);
                if (types == 0)
                {
                    continue;
                }
                for (int type = 0; type < TaggerLexicon.GazetteerTypeCount; type++)
                {
                    if ((types & (1u << type)) == 0)
                    {
                        continue;
                    }
                    info[start].Gazetteer |= 1u << (2 * type);
                    for (int j = 1; j < len; j++)
                    {
                        info[start + j].Gazetteer |= 1u << (2 * type + 1);
                    }
                }
            }
        }
    }

    /// <summary>Hash of the collapsed character-class shape (runs of one class shortened to two) and a length bucket.</summary>
    private static ulong ShapeHash(ReadOnlySpan<char> word)
    {
        Span<char> shape = stackalloc char[16];
        int n = 0;
        char last = '\0';
        int run = 0;
        foreach (char c in word)
        {
            char s = ShapeClass(c);
            run = s == last ? run + 1 : 1;
            last = s;
            if (run <= 2 && n < shape.Length - 1)
            {
                shape[n++] = s;
            }
        }
        shape[n++] = (char)('0' + Math.Min(word.Length, 9));
        return FeatureHash.OfChars(shape[..n]);
    }

    /// <summary>Coarse character class used by the shape feature.</summary>
    private static char ShapeClass(char c) => c switch
    {
        >= '0' and <= '9' => 'd',
        >= 'a' and <= 'z' => 'l',
        >= '\u0600' and <= '\u06FF' or >= '\uFB50' and <= '\uFEFC' => 'p',
        '.' or ',' or '،' or '/' or ':' or '-' or '٫' or '٬' => c,
        _ when char.IsPunctuation(c) || char.IsSymbol(c) => 's',
        _ => 'o',
    };
}
