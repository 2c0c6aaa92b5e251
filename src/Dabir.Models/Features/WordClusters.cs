using System.Diagnostics;
using Dabir.Text;

namespace Dabir.Models.Features;

/// <summary>
/// Hierarchical word clusters learned by our own code from unlabeled text, used as tagger features that
/// generalise from seen to unseen words (Koo et al. 2008; Turian et al. 2010 use Brown clusters the same way).
/// Each frequent folded word gets a distributional vector: positive PMI of its neighbours at offsets −2, −1, +1, +2
/// (context vocabulary = the most frequent words), randomly projected to a dense vector (Johnson–Lindenstrauss),
/// L2-normalised; spherical k-means then splits the vocabulary 16 ways, each part 16 ways, each of those 8 ways.
/// The code of a word is <c>0x1000 | level1 &lt;&lt; 8 | level2 &lt;&lt; 4 | level3</c>, so shifting it right by 8 or 4 gives
/// the coarser clusters; 0 means "no cluster" (rare or unseen word). Deterministic for a seed.
/// </summary>
internal static class WordClusters
{
    private const int MinCount = 3;
    private const int MaxVocabulary = 60_000;
    private const int ContextWords = 1000;
    private const int Dimensions = 96;
    private static readonly int[] Offsets = [-2, -1, 1, 2];
    private static readonly int[] Branching = [16, 16, 8];
    private const int KMeansIterations = 12;

    /// <summary>Learns clusters from tokenised sentences (raw tokens; they are folded here). Returns folded-word key →
    /// cluster code.</summary>
    public static Dictionary<uint, uint> Learn(IEnumerable<IReadOnlyList<string>> sentences, int seed, Action<string>? log = null)
    {
        var clock = Stopwatch.StartNew();
        // Fold and intern every token as an id; sentences become id arrays.
        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        var lookup = ids.GetAlternateLookup<ReadOnlySpan<char>>();
        var keys = new List<uint>();
        var counts = new List<int>();
        var corpus = new List<int[]>();
        var folded = new char[512];
        foreach (var sentence in sentences)
        {
            var row = new int[sentence.Count];
            for (int i = 0; i < row.Length; i++)
            {
                var token = sentence[i];
                if (token.Length > folded.Length)
                {
                    row[i] = -1;
                    continue;
                }
                int n = PersianFold.Fold(token, folded, PersianFoldOptions.TaggerFeatures);
                var form = folded.AsSpan(0, n);
                if (!lookup.TryGetValue(form, out int id))
                {
                    id = ids.Count;
                    lookup[form] = id;
                    keys.Add(FeatureHash.Key32(FeatureHash.OfChars(form)));
                    counts.Add(0);
                }
                counts[id]++;
                row[i] = id;
            }
            corpus.Add(row);
        }
        long totalTokens = counts.Sum(c => (long)c);

        // Vocabulary (clustered words) and context words, by frequency then key (deterministic).
        var byFrequency = Enumerable.Range(0, counts.Count).OrderByDescending(i => counts[i]).ThenBy(i => keys[i]).ToArray();
        var vocabularyIndex = new int[counts.Count];
        var contextIndex = new int[counts.Count];
        Array.Fill(vocabularyIndex, -1);
        Array.Fill(contextIndex, -1);
        int vocabularySize = 0;
        foreach (int id in byFrequency)
        {
            if (counts[id] < MinCount || vocabularySize == MaxVocabulary)
            {
                break;
            }
            vocabularyIndex[id] = vocabularySize++;
        }
        for (int c = 0; c < Math.Min(ContextWords, byFrequency.Length); c++)
        {
            contextIndex[byFrequency[c]] = c;
        }
        var vocabulary = byFrequency.Take(vocabularySize).ToArray();
        log?.Invoke($"clusters: {totalTokens} tokens, {counts.Count} types, {vocabularySize} clustered, {clock.Elapsed.TotalSeconds:F1}s");

        // Co-occurrence counts (word, offset·context).
        int contextDims = Offsets.Length * ContextWords;
        var pairCounts = new Dictionary<long, int>();
        var contextTotals = new long[contextDims];
        foreach (var row in corpus)
        {
            for (int i = 0; i < row.Length; i++)
            {
                if (row[i] < 0 || vocabularyIndex[row[i]] < 0)
                {
                    continue;
                }
                long word = vocabularyIndex[row[i]];
                for (int o = 0; o < Offsets.Length; o++)
                {
                    int j = i + Offsets[o];
                    if (j < 0 || j >= row.Length || row[j] < 0 || contextIndex[row[j]] < 0)
                    {
                        continue;
                    }
                    int dim = o * ContextWords + contextIndex[row[j]];
                    ref int count = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(pairCounts, word * contextDims + dim, out _);
                    count++;
                    contextTotals[dim]++;
                }
            }
        }
        long pairTotal = contextTotals.Sum();

        // PPMI rows projected on a seeded Gaussian matrix.
        var random = new Random(seed);
        var projection = new float[contextDims * Dimensions];
        for (int i = 0; i < projection.Length; i++)
        {
            // Box–Muller.
            double u1 = 1.0 - random.NextDouble(), u2 = random.NextDouble();
            projection[i] = (float)(Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2));
        }
        var wordTotals = new long[vocabularySize];
        foreach (var (pair, count) in pairCounts)
        {
            wordTotals[pair / contextDims] += count;
        }
        var vectors = new float[vocabularySize * Dimensions];
        foreach (var (pair, count) in pairCounts)
        {
            int word = (int)(pair / contextDims), dim = (int)(pair % contextDims);
            // Context distribution smoothed (α = 0.75 would need a second pass; plain PMI with a count floor is enough here).
            double pmi = Math.Log((double)count * pairTotal / ((double)wordTotals[word] * contextTotals[dim]));
            if (pmi <= 0)
            {
                continue;
            }
            var target = vectors.AsSpan(word * Dimensions, Dimensions);
            var source = projection.AsSpan(dim * Dimensions, Dimensions);
            float weight = (float)pmi;
            for (int d = 0; d < Dimensions; d++)
            {
                target[d] += weight * source[d];
            }
        }
        pairCounts.Clear();
        for (int w = 0; w < vocabularySize; w++)
        {
            Normalize(vectors.AsSpan(w * Dimensions, Dimensions));
        }
        log?.Invoke($"clusters: vectors ready, {clock.Elapsed.TotalSeconds:F1}s");

        // Top-down spherical k-means.
        var codes = new uint[vocabularySize];
        var members = Enumerable.Range(0, vocabularySize).ToArray();
        Split(vectors, members, 0, 0x1u, codes, random);
        log?.Invoke($"clusters: k-means done, {clock.Elapsed.TotalSeconds:F1}s");

        var result = new Dictionary<uint, uint>(vocabularySize);
        for (int v = 0; v < vocabularySize; v++)
        {
            result[keys[vocabulary[v]]] = codes[v];
        }
        return result;
    }

    /// <summary>Clusters <paramref name="members"/> into <c>Branching[level]</c> parts and recurses; the leaf code is
    /// the path (4 bits per level) under a leading 1 bit.</summary>
    private static void Split(float[] vectors, int[] members, int level, uint prefix, uint[] codes, Random random)
    {
        if (level == Branching.Length)
        {
            foreach (int m in members)
            {
                codes[m] = prefix;
            }
            return;
        }
        int k = Math.Min(Branching[level], Math.Max(1, members.Length / 4));
        var assignment = KMeans(vectors, members, k, random);
        for (int c = 0; c < k; c++)
        {
            var part = members.Where((_, i) => assignment[i] == c).ToArray();
            if (part.Length > 0)
            {
                Split(vectors, part, level + 1, (prefix << 4) | (uint)c, codes, random);
            }
        }
    }

    private static int[] KMeans(float[] vectors, int[] members, int k, Random random)
    {
        var assignment = new int[members.Length];
        if (k <= 1)
        {
            return assignment;
        }
        var centroids = new float[k * Dimensions];
        // Seeds: k distinct members drawn with the seeded generator (members are in frequency order, so draw
        // among the more frequent half to avoid noisy rare-word seeds).
        var pool = members.Take(Math.Max(k, members.Length / 2)).ToArray();
        random.Shuffle(pool);
        for (int c = 0; c < k; c++)
        {
            vectors.AsSpan(pool[c] * Dimensions, Dimensions).CopyTo(centroids.AsSpan(c * Dimensions, Dimensions));
        }
        for (int iteration = 0; iteration < KMeansIterations; iteration++)
        {
            bool changed = false;
            for (int i = 0; i < members.Length; i++)
            {
                var v = vectors.AsSpan(members[i] * Dimensions, Dimensions);
                int best = 0;
                float bestScore = float.NegativeInfinity;
                for (int c = 0; c < k; c++)
                {
                    float score = Dot(v, centroids.AsSpan(c * Dimensions, Dimensions));
                    if (score > bestScore)
                    {
                        bestScore = score;
                        best = c;
                    }
                }
                changed |= assignment[i] != best || iteration == 0;
                assignment[i] = best;
            }
            if (!changed)
            {
                break;
            }
            Array.Clear(centroids);
            for (int i = 0; i < members.Length; i++)
            {
                var target = centroids.AsSpan(assignment[i] * Dimensions, Dimensions);
                var source = vectors.AsSpan(members[i] * Dimensions, Dimensions);
                for (int d = 0; d < Dimensions; d++)
                {
                    target[d] += source[d];
                }
            }
            for (int c = 0; c < k; c++)
            {
                Normalize(centroids.AsSpan(c * Dimensions, Dimensions));
            }
        }
        return assignment;
    }

    private static float Dot(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        var sum = System.Numerics.Vector<float>.Zero;
        int width = System.Numerics.Vector<float>.Count, d = 0;
        for (; d + width <= a.Length; d += width)
        {
            sum += new System.Numerics.Vector<float>(a[d..]) * new System.Numerics.Vector<float>(b[d..]);
        }
        float result = System.Numerics.Vector.Sum(sum);
        for (; d < a.Length; d++)
        {
            result += a[d] * b[d];
        }
        return result;
    }

    private static void Normalize(Span<float> vector)
    {
        double sum = 0;
        foreach (float x in vector)
        {
            sum += x * x;
        }
        if (sum <= 0)
        {
            return;
        }
        float inverse = (float)(1.0 / Math.Sqrt(sum));
        for (int i = 0; i < vector.Length; i++)
        {
            vector[i] *= inverse;
        }
    }
}
