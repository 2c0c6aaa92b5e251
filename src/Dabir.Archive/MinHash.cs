using System.IO.Hashing;
using System.Runtime.InteropServices;

namespace Dabir.Archive;

/// <summary>
/// Near-duplicate fingerprints: the set of word 3-shingles of a document's folded tokens (32-bit hashes, sorted, distinct),
/// a MinHash signature of <see cref="Hashes"/> values and its LSH band keys (<see cref="Bands"/> bands of
/// <see cref="Rows"/> rows). With 42 × 3 a pair of Jaccard 0.5 shares a band with probability 0.996, 0.3 with 0.68, 0.1
/// with 0.04: candidates are then confirmed on the exact shingle sets (<see cref="Confirms"/>), so LSH only has to
/// find them, never to decide.
/// </summary>
internal static class MinHash
{
    public const int Bands = 42;
    public const int Rows = 3;
    public const int Hashes = Bands * Rows;
    public const int ShingleWords = 3;

    /// <summary>A pair whose shingle sets have Jaccard at least this is one story.</summary>
    public const double JaccardThreshold = 0.5;

    /// <summary>Or: the smaller set is contained in the other at least this much (a cut or extended edition)...</summary>
    public const double ContainmentThreshold = 0.8;

    /// <summary>...when the smaller set has at least this many shingles (a two-line brief inside a long article is not a copy of it).</summary>
    public const int MinContainedShingles = 20;

    private static readonly ulong[] Multipliers = MakeSeeds(0x9E3779B97F4A7C15UL);
    private static readonly ulong[] Addends = MakeSeeds(0xD1B54A32D192ED03UL);

    private static ulong[] MakeSeeds(ulong seed)
    {
        // Fixed seeds (splitmix64): the signatures of a store must not change between runs.
        var values = new ulong[Hashes];
        ulong x = seed;
        for (int i = 0; i < values.Length; i++)
        {
            x += 0x9E3779B97F4A7C15UL;
            ulong z = x;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            values[i] = (z ^ (z >> 31)) | 1UL;
        }
        return values;
    }

    /// <summary>The hash of one folded token.</summary>
    public static ulong TokenHash(ReadOnlySpan<char> term) => XxHash3.HashToUInt64(MemoryMarshal.AsBytes(term));

    /// <summary>The sorted distinct 32-bit hashes of the word shingles over <paramref name="tokens"/> (one shingle for a text shorter than a shingle).</summary>
    public static uint[] Shingles(ReadOnlySpan<ulong> tokens)
    {
        if (tokens.IsEmpty)
        {
            return [];
        }
        int count = Math.Max(1, tokens.Length - ShingleWords + 1);
        var set = new uint[count];
        for (int i = 0; i < count; i++)
        {
            ulong h = 0xCBF29CE484222325UL;
            for (int k = i; k < Math.Min(tokens.Length, i + ShingleWords); k++)
            {
                h = (h ^ tokens[k]) * 0x100000001B3UL;
                h ^= h >> 29;
            }
            set[i] = (uint)(h ^ (h >> 32));
        }
        Array.Sort(set);
        int w = 0;
        for (int i = 0; i < set.Length; i++)
        {
            if (w == 0 || set[i] != set[w - 1])
            {
                set[w++] = set[i];
            }
        }
        return set[..w];
    }

    /// <summary>The LSH band keys of a shingle set (empty for an empty set): one 64-bit key per band, the band index mixed in.</summary>
    public static long[] BandKeys(ReadOnlySpan<uint> shingles)
    {
        if (shingles.IsEmpty)
        {
            return [];
        }
        Span<uint> signature = stackalloc uint[Hashes];
        signature.Fill(uint.MaxValue);
        foreach (uint s in shingles)
        {
            for (int i = 0; i < Hashes; i++)
            {
                uint v = (uint)((Multipliers[i] * s + Addends[i]) >> 32);
                if (v < signature[i])
                {
                    signature[i] = v;
                }
            }
        }
        var keys = new long[Bands];
        Span<uint> band = stackalloc uint[Rows + 1];
        for (int b = 0; b < Bands; b++)
        {
            band[0] = (uint)b;
            signature.Slice(b * Rows, Rows).CopyTo(band[1..]);
            keys[b] = (long)XxHash3.HashToUInt64(MemoryMarshal.AsBytes(band));
        }
        return keys;
    }

    /// <summary>The size of the intersection of two sorted distinct sets.</summary>
    public static int Intersection(ReadOnlySpan<uint> a, ReadOnlySpan<uint> b)
    {
        int i = 0, j = 0, n = 0;
        while (i < a.Length && j < b.Length)
        {
            if (a[i] == b[j])
            {
                n++;
                i++;
                j++;
            }
            else if (a[i] < b[j])
            {
                i++;
            }
            else
            {
                j++;
            }
        }
        return n;
    }

    /// <summary>True when two shingle sets are near-duplicates: Jaccard ≥ 0.5, or containment ≥ 0.8 of a set of ≥ 20 shingles.</summary>
    public static bool Confirms(ReadOnlySpan<uint> a, ReadOnlySpan<uint> b)
    {
        if (a.IsEmpty || b.IsEmpty)
        {
            return false;
        }
        int inter = Intersection(a, b);
        int union = a.Length + b.Length - inter;
        if (inter >= JaccardThreshold * union)
        {
            return true;
        }
        int small = Math.Min(a.Length, b.Length);
        return small >= MinContainedShingles && inter >= ContainmentThreshold * small;
    }

    /// <summary>Most recent documents read from one LSH bucket: a bucket that large is a paragraph reused across articles, and reading it whole would make ingest quadratic.</summary>
    public const int BucketLimit = 64;

    /// <summary>Up to this many candidates are all checked.</summary>
    public const int MinCandidatesChecked = 32;

    /// <summary>Most candidates checked when there are more.</summary>
    public const int MaxCandidates = 256;

    /// <summary>
    /// The candidates to confirm, given how many bands each shares with the new document (one per bucket row read).
    /// Few candidates: all of them. Many (a paragraph reused across hundreds of articles): those sharing two bands or
    /// more, best first, up to <see cref="MaxCandidates"/>, so one boilerplate band never costs a scan; at J = 0.6 a
    /// true copy shares fewer than two bands with probability 4e-4.
    /// </summary>
    public static IEnumerable<long> CandidatesToCheck(IReadOnlyDictionary<long, int> sharedBands) =>
        sharedBands.Count <= MinCandidatesChecked
            ? sharedBands.Keys.Order()
            : sharedBands.Where(kv => kv.Value >= 2).OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key).Select(kv => kv.Key).Take(MaxCandidates);

    /// <summary>The bytes a shingle set is stored as (little-endian).</summary>
    public static byte[] ToBytes(uint[] shingles) => MemoryMarshal.AsBytes(shingles.AsSpan()).ToArray();

    /// <summary>A shingle set read back from its bytes.</summary>
    public static uint[] FromBytes(ReadOnlySpan<byte> bytes) => MemoryMarshal.Cast<byte, uint>(bytes).ToArray();
}
