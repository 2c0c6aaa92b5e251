using Dabir.Models.Features;
using Dabir.Models.Tagging;
using Dabir.Models.Training;

namespace Dabir.Models.Tests;

public class PerceptronTests
{
    private static readonly string[] Tags = ["D", "N", "V"];

    /// <summary>A tiny synthetic language: determiner + noun + verb, with nouns and verbs recognisable only by
    /// suffix for unseen words, and one word ("کار") whose tag depends on its position.</summary>
    private static List<TrainingSentence> Synthetic()
    {
        string[] nouns = ["کتاب", "کار", "دفتر", "خانه", "شهر", "مرد"];
        string[] verbs = ["رفت", "آمد", "دید", "خرید"];
        var sentences = new List<TrainingSentence>();
        foreach (var n in nouns)
        {
            foreach (var v in verbs)
            {
                sentences.Add(new TrainingSentence(["این", n, v], [1u << 0, 1u << 1, 1u << 2], "synthetic"));
                sentences.Add(new TrainingSentence([n, "را", v], [1u << 1, 1u << 0, 1u << 2], "synthetic"));
            }
        }
        return sentences;
    }

    private static SequenceModel Train(int seed) =>
        new PerceptronTrainer(Tags, new TrainerOptions { Epochs = 5, Seed = seed, MinFeatureCount = 1, PruneBelow = 0 })
            .Train(Synthetic(), TaggerLexicon.Empty, "test", "synthetic");

    private static byte[] Bytes(SequenceModel model)
    {
        using var stream = new MemoryStream();
        model.Save(stream);
        return stream.ToArray();
    }

    [Fact]
    public void Training_is_deterministic_for_a_seed()
    {
        Assert.Equal(Bytes(Train(3)), Bytes(Train(3)));
    }

    [Fact]
    public void Trained_model_tags_its_training_sentences_and_survives_a_save_load_round_trip()
    {
        var model = Train(3);
        var loaded = SequenceModel.Load(new MemoryStream(Bytes(model)));
        foreach (var sentence in Synthetic())
        {
            var ids = new int[sentence.Tokens.Length];
            loaded.Tag(sentence.Tokens, ids);
            for (int i = 0; i < ids.Length; i++)
            {
                Assert.NotEqual(0u, sentence.Allowed[i] & (1u << ids[i]));
            }
        }
        Assert.Equal(model.Tags, loaded.Tags);
        Assert.Equal(model.FeatureCount, loaded.FeatureCount);
        // Loading reads the weights column by column straight into the lookup slots: saving again gives the same file.
        Assert.Equal(Bytes(model), Bytes(loaded));
    }

    [Fact]
    public void Ambiguous_gold_labels_are_resolved_by_the_rest_of_the_data()
    {
        // "مرد" is labelled {N or V} in extra sentences; elsewhere it is always N: the model must pick N.
        var data = Synthetic();
        for (int i = 0; i < 5; i++)
        {
            data.Add(new TrainingSentence(["این", "مرد", "رفت"], [1u << 0, (1u << 1) | (1u << 2), 1u << 2], "ambiguous"));
        }
        var model = new PerceptronTrainer(Tags, new TrainerOptions { Epochs = 5, Seed = 1, MinFeatureCount = 1, PruneBelow = 0 })
            .Train(data, TaggerLexicon.Empty, "test", "synthetic");
        var ids = new int[3];
        model.Tag(["این", "مرد", "رفت"], ids);
        Assert.Equal([0, 1, 2], ids);
    }
}

public class ViterbiTests
{
    [Fact]
    public void Decoding_finds_the_best_path_not_the_greedy_one()
    {
        // Two tags; emissions favour tag 0 at each token greedily, but the transition 0→0 is heavily
        // penalised, so the best path alternates.
        int[] emissions = [5, 4, 5, 4, 5, 4];
        int[] transitions = [-20, 0, 0, 0, 0, 0]; // rows: from 0, from 1, start
        var output = new int[3];
        Viterbi.Decode(3, 2, emissions, transitions, [], [], new int[6], new int[6], output);
        Assert.Equal([0, 1, 0], output);
    }

    [Fact]
    public void Bruteforce_agrees_with_viterbi_on_random_scores()
    {
        var random = new Random(5);
        for (int trial = 0; trial < 200; trial++)
        {
            int n = random.Next(1, 6), tags = random.Next(1, 4);
            var emissions = Enumerable.Range(0, n * tags).Select(_ => random.Next(-50, 50)).ToArray();
            var transitions = Enumerable.Range(0, (tags + 1) * tags).Select(_ => random.Next(-50, 50)).ToArray();
            var output = new int[n];
            Viterbi.Decode(n, tags, emissions, transitions, [], [], new int[n * tags], new int[n * tags], output);
            int Score(int[] path)
            {
                int s = transitions[tags * tags + path[0]] + emissions[path[0]];
                for (int i = 1; i < n; i++)
                {
                    s += transitions[path[i - 1] * tags + path[i]] + emissions[i * tags + path[i]];
                }
                return s;
            }
            int best = int.MinValue;
            var path = new int[n];
            for (int code = 0; code < (int)Math.Pow(tags, n); code++)
            {
                int c = code;
                for (int i = 0; i < n; i++)
                {
                    path[i] = c % tags;
                    c /= tags;
                }
                best = Math.Max(best, Score(path));
            }
            Assert.Equal(best, Score(output));
        }
    }

    /// <summary>The decoder reads transitions through a constraint-folded copy and skips unreachable tags; on random
    /// lattices (BIO constraints, per-token masks, ruled-out cells, many ties) it must pick exactly the path of a plain
    /// Viterbi that checks every constraint and breaks ties towards the lower tag id.</summary>
    [Fact]
    public void Decoder_matches_a_plain_viterbi_with_constraints_masks_and_ties()
    {
        string[] bio = ["O", "B-PER", "I-PER", "B-LOC", "I-LOC", "B-ORG", "I-ORG"];
        var random = new Random(23);
        for (int trial = 0; trial < 3000; trial++)
        {
            int tags = random.Next(2) == 0 ? bio.Length : random.Next(1, 9);
            bool[] allowed = tags == bio.Length ? Viterbi.BioConstraints(bio) : [];
            int n = random.Next(1, 12);
            int range = random.Next(2) == 0 ? 3 : 1000; // a small range makes ties common
            var emissions = Enumerable.Range(0, n * tags)
                .Select(_ => random.Next(10) == 0 ? Viterbi.RuledOut : random.Next(-range, range)).ToArray();
            var transitions = Enumerable.Range(0, (tags + 1) * tags).Select(_ => random.Next(-range, range)).ToArray();
            uint[] masks = random.Next(3) == 0 ? [.. Enumerable.Range(0, n).Select(_ => (uint)random.Next(1, 1 << tags))] : [];
            var output = new int[n];
            Viterbi.Decode(n, tags, emissions, transitions, allowed, masks, new int[n * tags], new int[n * tags], output);
            Assert.Equal(PlainViterbi(n, tags, emissions, transitions, allowed, masks), output);
            var withPrecomputed = new int[n];
            Viterbi.Decode(n, tags, emissions, transitions, allowed, masks, new int[n * tags], new int[n * tags], withPrecomputed,
                Viterbi.IncomingTransitions(tags, transitions, allowed));
            Assert.Equal(output, withPrecomputed);
        }
    }

    private static int[] PlainViterbi(int n, int tags, int[] emissions, int[] transitions, bool[] allowed, uint[] masks)
    {
        const long None = long.MinValue / 4;
        bool Open(int i, int t) => (masks.Length == 0 || (masks[i] & (1u << t)) != 0) && emissions[i * tags + t] > Viterbi.RuledOut;
        bool May(int p, int t) => allowed.Length == 0 || allowed[p * tags + t];
        var score = new long[n * tags];
        var back = new int[n * tags];
        for (int t = 0; t < tags; t++)
        {
            score[t] = Open(0, t) && May(tags, t) ? emissions[t] + transitions[tags * tags + t] : None;
        }
        for (int i = 1; i < n; i++)
        {
            bool any = false;
            for (int t = 0; t < tags; t++)
            {
                long best = None;
                int from = 0;
                for (int p = 0; p < tags && Open(i, t); p++)
                {
                    if (score[(i - 1) * tags + p] != None && May(p, t) && score[(i - 1) * tags + p] + transitions[p * tags + t] > best)
                    {
                        best = score[(i - 1) * tags + p] + transitions[p * tags + t];
                        from = p;
                    }
                }
                score[i * tags + t] = best == None ? None : best + emissions[i * tags + t];
                back[i * tags + t] = from;
                any |= best != None;
            }
            if (!any)
            {
                // Nothing reachable: every tag restarts from zero (the decoder's documented fallback).
                for (int t = 0; t < tags; t++)
                {
                    score[i * tags + t] = 0;
                }
            }
        }
        var path = new int[n];
        int last = 0;
        for (int t = 1; t < tags; t++)
        {
            if (score[(n - 1) * tags + t] > score[(n - 1) * tags + last])
            {
                last = t;
            }
        }
        for (int i = n - 1; i >= 0; i--)
        {
            path[i] = last;
            last = back[i * tags + last];
        }
        return path;
    }

    [Fact]
    public void Bio_constraints_forbid_an_inside_tag_without_its_beginning()
    {
        string[] tags = ["O", "B-PER", "I-PER", "B-LOC", "I-LOC"];
        var allowed = Viterbi.BioConstraints(tags);
        // I-PER scores best everywhere, but may not start a sentence nor follow B-LOC.
        int[] emissions = [0, 5, 9, 0, 0, /* t1 */ 0, 0, 9, 0, 0];
        var transitions = new int[6 * 5];
        var output = new int[2];
        Viterbi.Decode(2, 5, emissions, transitions, allowed, [], new int[10], new int[10], output);
        Assert.Equal([1, 2], output);
        Assert.False(allowed[3 * 5 + 2]); // B-LOC → I-PER
        Assert.False(allowed[5 * 5 + 2]); // start → I-PER
    }
}
