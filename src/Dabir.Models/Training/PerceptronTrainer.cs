using System.Diagnostics;
using Dabir.Models.Features;
using Dabir.Models.Tagging;

namespace Dabir.Models.Training;

/// <summary>Settings of one training run.</summary>
internal sealed record TrainerOptions
{
    public int Epochs { get; init; } = 8;

    public int Seed { get; init; } = 17;

    /// <summary>Features seen fewer times than this in the training data are dropped.</summary>
    public int MinFeatureCount { get; init; } = 2;

    /// <summary>Rows whose largest averaged weight (absolute) is below this are pruned from the saved model.</summary>
    public double PruneBelow { get; init; } = 0.02;

    /// <summary>Training runs whose averaged weights are summed into the model (run r shuffles with seed + r): an
    /// ensemble of linear models is one linear model, so this costs training time only, not tagging time.</summary>
    public int Runs { get; init; } = 1;
}

/// <summary>
/// Averaged structured perceptron (Collins 2002) with first-order Viterbi decoding. Ambiguous or partial
/// gold labels are handled the latent way: the "gold" path is the best path under the current weights among
/// those the annotation allows, and the update moves from the unconstrained best path towards it.
/// Deterministic for a given seed: sentence order is shuffled with <see cref="Random"/>(seed) and all
/// arithmetic is integer until the final averaging.
/// </summary>
internal sealed class PerceptronTrainer
{
    private readonly string[] _tags;
    private readonly TrainerOptions _options;
    private readonly Action<string> _log;

    public PerceptronTrainer(string[] tags, TrainerOptions options, Action<string>? log = null)
    {
        if (tags.Length > 64)
        {
            throw new ArgumentException("At most 64 tags are supported (32 when sentences carry tag sets).", nameof(tags));
        }
        _tags = tags;
        _options = options;
        _log = log ?? (_ => { });
    }

    public SequenceModel Train(IReadOnlyList<TrainingSentence> sentences, TaggerLexicon lexicon, string kind, string description)
    {
        var clock = Stopwatch.StartNew();
        int tagCount = _tags.Length;
        if (tagCount > 32 && sentences.Any(s => s.Gold is null))
        {
            throw new ArgumentException("With more than 32 tags every sentence needs single gold tags (TrainingSentence.Gold).", nameof(sentences));
        }
        var extractor = new FeatureExtractor(lexicon);
        var scratch = new FeatureExtractor.Scratch();
        const int perToken = FeatureExtractor.FeaturesPerToken;

        // Pass 1: count features.
        var counts = new Dictionary<ulong, int>();
        foreach (var sentence in sentences)
        {
            extractor.Extract(sentence.Tokens, scratch, tagCount, sentence.Domain, sentence.Hints);
            foreach (ulong f in scratch.Features.AsSpan(0, sentence.Tokens.Length * perToken))
            {
                if (f == 0)
                {
                    continue; // unused slot (see FeatureExtractor.SlotsFor)
                }
                ref int c = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(counts, f, out _);
                c++;
            }
        }
        // Index kept features in a deterministic order (sorted by hash).
        var kept = counts.Where(p => p.Value >= _options.MinFeatureCount).Select(p => p.Key).ToArray();
        Array.Sort(kept);
        var index = new Dictionary<ulong, int>(kept.Length);
        for (int i = 0; i < kept.Length; i++)
        {
            index[kept[i]] = i;
        }
        counts.Clear();
        _log($"{sentences.Count} sentences, {kept.Length} features kept (min count {_options.MinFeatureCount}), {clock.Elapsed.TotalSeconds:F1}s");

        // Pass 2: features as indices.
        var featureIndices = new int[sentences.Count][];
        for (int s = 0; s < sentences.Count; s++)
        {
            var tokens = sentences[s].Tokens;
            extractor.Extract(tokens, scratch, tagCount, sentences[s].Domain, sentences[s].Hints);
            var ids = new int[tokens.Length * perToken];
            var hashes = scratch.Features.AsSpan(0, ids.Length);
            for (int k = 0; k < ids.Length; k++)
            {
                ids[k] = hashes[k] != 0 && index.TryGetValue(hashes[k], out int id) ? id : -1;
            }
            featureIndices[s] = ids;
        }
        index.Clear();

        var averagedWeights = new double[kept.Length * tagCount];
        var averagedTransitions = new double[(tagCount + 1) * tagCount];
        for (int run = 0; run < Math.Max(1, _options.Runs); run++)
        {
            TrainRun(sentences, featureIndices, kept.Length, _options.Seed + run, averagedWeights, averagedTransitions, clock);
        }
        return Quantize(kept, averagedWeights, averagedTransitions, lexicon, kind, description);
    }

    /// <summary>One perceptron run over the indexed sentences; adds its averaged weights to the two accumulators.</summary>
    private void TrainRun(IReadOnlyList<TrainingSentence> sentences, int[][] featureIndices, int featureCount, int seed,
        double[] averagedWeights, double[] averagedTransitions, Stopwatch clock)
    {
        int tagCount = _tags.Length;
        const int perToken = FeatureExtractor.FeaturesPerToken;
        var weights = new int[featureCount * tagCount];
        var weightSums = new long[weights.Length];
        var transitions = new int[(tagCount + 1) * tagCount];
        var transitionSums = new long[transitions.Length];
        var transitionAllowed = _tags.Any(t => t.StartsWith("I-", StringComparison.Ordinal)) ? Viterbi.BioConstraints(_tags) : [];

        var order = Enumerable.Range(0, sentences.Count).ToArray();
        var random = new Random(seed);
        long step = 1;
        int maxLength = sentences.Count == 0 ? 0 : sentences.Max(s => s.Tokens.Length);
        var emissions = new int[maxLength * tagCount];
        var scores = new int[maxLength * tagCount];
        var back = new int[maxLength * tagCount];
        var predicted = new int[maxLength];
        var gold = new int[maxLength];

        for (int epoch = 1; epoch <= _options.Epochs; epoch++)
        {
            random.Shuffle(order);
            int errors = 0, tokensSeen = 0;
            foreach (int s in order)
            {
                var sentence = sentences[s];
                int n = sentence.Tokens.Length;
                var ids = featureIndices[s];
                var em = emissions.AsSpan(0, n * tagCount);
                em.Clear();
                for (int i = 0; i < n; i++)
                {
                    var row = em.Slice(i * tagCount, tagCount);
                    for (int k = 0; k < perToken; k++)
                    {
                        int f = ids[i * perToken + k];
                        if (f < 0)
                        {
                            continue;
                        }
                        var w = weights.AsSpan(f * tagCount, tagCount);
                        for (int t = 0; t < tagCount; t++)
                        {
                            row[t] += w[t];
                        }
                    }
                }
                Viterbi.Decode(n, tagCount, em, transitions, transitionAllowed, [], scores, back, predicted);
                bool consistent = true;
                var single = sentence.Gold;
                for (int i = 0; i < n; i++)
                {
                    if (single is null ? (sentence.Allowed[i] & (1u << predicted[i])) == 0 : single[i] != predicted[i])
                    {
                        consistent = false;
                        errors++;
                    }
                }
                tokensSeen += n;
                if (!consistent)
                {
                    if (single is null)
                    {
                        Viterbi.Decode(n, tagCount, em, transitions, transitionAllowed, sentence.Allowed, scores, back, gold);
                    }
                    else
                    {
                        single.CopyTo(gold, 0);
                    }
                    for (int i = 0; i < n; i++)
                    {
                        int g = gold[i], p = predicted[i];
                        if (g != p)
                        {
                            for (int k = 0; k < perToken; k++)
                            {
                                int f = ids[i * perToken + k];
                                if (f < 0)
                                {
                                    continue;
                                }
                                Update(weights, weightSums, f * tagCount + g, +1, step);
                                Update(weights, weightSums, f * tagCount + p, -1, step);
                            }
                        }
                        int gp = i == 0 ? tagCount : gold[i - 1];
                        int pp = i == 0 ? tagCount : predicted[i - 1];
                        if (gp != pp || g != p)
                        {
                            Update(transitions, transitionSums, gp * tagCount + g, +1, step);
                            Update(transitions, transitionSums, pp * tagCount + p, -1, step);
                        }
                    }
                }
                step++;
            }
            _log($"epoch {epoch}: {errors} token errors of {tokensSeen} ({100.0 * errors / Math.Max(1, tokensSeen):F2}%), {clock.Elapsed.TotalSeconds:F1}s");
        }
        for (int i = 0; i < weights.Length; i++)
        {
            averagedWeights[i] += weights[i] - (double)weightSums[i] / step;
        }
        for (int i = 0; i < transitions.Length; i++)
        {
            averagedTransitions[i] += transitions[i] - (double)transitionSums[i] / step;
        }
    }

    private static void Update(int[] weights, long[] sums, int i, int delta, long step)
    {
        weights[i] += delta;
        sums[i] += delta * step;
    }

    private SequenceModel Quantize(ulong[] features, double[] weights, double[] transitions, TaggerLexicon lexicon, string kind, string description)
    {
        int tagCount = _tags.Length;
        double runs = Math.Max(1, _options.Runs);
        double maxAbs = 1e-9;
        foreach (double w in weights)
        {
            maxAbs = Math.Max(maxAbs, Math.Abs(w));
        }
        foreach (double t in transitions)
        {
            maxAbs = Math.Max(maxAbs, Math.Abs(t));
        }
        double scale = 32000.0 / maxAbs;
        // Merge features by their 32-bit key; prune rows with only tiny weights.
        var rows = new SortedDictionary<uint, double[]>();
        for (int f = 0; f < features.Length; f++)
        {
            double largest = 0;
            for (int t = 0; t < tagCount; t++)
            {
                largest = Math.Max(largest, Math.Abs(weights[f * tagCount + t]));
            }
            // The pruning threshold is per run (a summed model's weights are about runs times larger).
            if (largest < _options.PruneBelow * runs)
            {
                continue;
            }
            uint key = FeatureHash.Key32(features[f]);
            if (!rows.TryGetValue(key, out var row))
            {
                rows[key] = row = new double[tagCount];
            }
            for (int t = 0; t < tagCount; t++)
            {
                row[t] += weights[f * tagCount + t];
            }
        }
        var keys = new uint[rows.Count];
        var quantized = new short[rows.Count * tagCount];
        int r = 0;
        foreach (var (key, row) in rows)
        {
            keys[r] = key;
            for (int t = 0; t < tagCount; t++)
            {
                quantized[r * tagCount + t] = (short)Math.Clamp(Math.Round(row[t] * scale), short.MinValue, short.MaxValue);
            }
            r++;
        }
        var quantizedTransitions = new int[transitions.Length];
        for (int i = 0; i < transitions.Length; i++)
        {
            quantizedTransitions[i] = (int)Math.Round(transitions[i] * scale);
        }
        _log($"model: {keys.Length} feature rows x {tagCount} tags (pruned below {_options.PruneBelow})");
        return new SequenceModel(kind, _tags, quantizedTransitions, keys, quantized, lexicon, description);
    }
}
