using System.IO.Compression;
using System.Text;

namespace Dabir.Repair.HalfSpace;

/// <summary>What the model knows about one folded word key.</summary>
/// <param name="Mask">Half-space positions of the preferred spelling (bit i: before key position i).</param>
/// <param name="AltMask">For words whose readings split at different places (نامه‌ای / نام‌های), the other reading; else 0.</param>
/// <param name="Count">Weighted count of the preferred spelling (lexicon-only words count 1).</param>
/// <param name="AltCount">Weighted count of the other reading.</param>
internal readonly record struct WordEntry(ulong Mask, ulong AltMask, int Count, int AltCount);

/// <summary>
/// The trained half-space model: the lexicon of attested spellings, the boundary statistics learned per
/// word type, compound second elements, verb stems, the context counts for words with competing splits,
/// the spaced-pair counts for the merge step and the hamza spellings. Immutable once read; thread-safe.
/// </summary>
internal sealed class HalfSpaceModel
{
    private const int FormatVersion = 2;
    private static readonly byte[] Magic = "DZWN"u8.ToArray();

    /// <summary>Share of word types with a half-space at a boundary at or above which one is inserted.</summary>
    public const double BoundaryThreshold = 0.5;

    /// <summary>Fewest word types a boundary statistic needs before it is trusted.</summary>
    public const int MinBoundaryTypes = 3;

    public HalfSpaceModel(
        Dictionary<string, WordEntry> words,
        Dictionary<string, (int Zwnj, int Joined)> boundaries,
        HashSet<string> secondElements,
        HashSet<string> verbStems,
        Dictionary<string, (int First, int Second)> contexts,
        Dictionary<string, int> spacedPairs,
        Dictionary<string, string> hamza,
        HashSet<string> boundPieces)
    {
        BoundPieces = boundPieces;
        BoundPieceLookup = boundPieces.GetAlternateLookup<ReadOnlySpan<char>>();
        Words = words;
        Boundaries = boundaries;
        SecondElements = secondElements;
        VerbStems = verbStems;
        Contexts = contexts;
        SpacedPairs = spacedPairs;
        Hamza = hamza;
        WordLookup = words.GetAlternateLookup<ReadOnlySpan<char>>();
        BoundaryLookup = boundaries.GetAlternateLookup<ReadOnlySpan<char>>();
        SecondElementLookup = secondElements.GetAlternateLookup<ReadOnlySpan<char>>();
        VerbStemLookup = verbStems.GetAlternateLookup<ReadOnlySpan<char>>();
        ContextLookup = contexts.GetAlternateLookup<ReadOnlySpan<char>>();
        SpacedPairLookup = spacedPairs.GetAlternateLookup<ReadOnlySpan<char>>();
        HamzaLookup = hamza.GetAlternateLookup<ReadOnlySpan<char>>();
        (_joinedPairs, _leftParts, _rightParts) = BuildPairFilters(words);
    }

    // A blocked Bloom filter (two bits in one 64-bit word) over the splits «a|b» of attested words at each of
    // their half-spaces: the merge step asks it first, so almost every word pair is rejected with one memory
    // read, without building and looking up the joined key.
    private const int PairFilterWordsLog2 = 15;
    private readonly ulong[] _joinedPairs;

    // Plain Bloom filters (two bits in one word) over the parts on either side of those half-spaces: asked
    // once per word type, so the pair filter is read only for pairs whose both parts qualify.
    private const int PartFilterWordsLog2 = 14;
    private readonly ulong[] _leftParts;
    private readonly ulong[] _rightParts;

    /// <summary>False when <paramref name="part"/> is surely not the part before a half-space in an attested word (weighted count ≥ 2).</summary>
    public bool MayBeLeftPart(ReadOnlySpan<char> part) => TestPart(_leftParts, PartHash(part));

    /// <summary>False when <paramref name="part"/> is surely not the part after a half-space in an attested word (weighted count ≥ 2).</summary>
    public bool MayBeRightPart(ReadOnlySpan<char> part) => TestPart(_rightParts, PartHash(part));

    private static (int Word, ulong Bits) PartBits(int hash)
    {
        uint h = (uint)hash * 0x9E3779B1u;
        h ^= h >> 16;
        return ((int)(h >> (32 - PartFilterWordsLog2)), (1UL << (int)(h & 63)) | (1UL << (int)((h >> 6) & 63)));
    }

    private static bool TestPart(ulong[] filter, int hash)
    {
        var (word, bits) = PartBits(hash);
        return (filter[word] & bits) == bits;
    }

    /// <summary>The hash the pair filter takes for one part (compute once per word and reuse).</summary>
    public static int PartHash(ReadOnlySpan<char> part) => string.GetHashCode(part);

    /// <summary>False when the parts with these <see cref="PartHash"/> values surely never stand on either side of a half-space in an attested word (weighted count ≥ 2).</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public bool MayBeJoinedPair(int leftHash, int rightHash)
    {
        var (word, bits) = PairBits(leftHash, rightHash);
        return (_joinedPairs[word] & bits) == bits;
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private static (int Word, ulong Bits) PairBits(int leftHash, int rightHash)
    {
        uint h = ((uint)leftHash * 0x9E3779B1u) ^ (uint)rightHash;
        h = (h ^ (h >> 15)) * 0x85EBCA77u;
        h ^= h >> 13;
        return ((int)(h >> (32 - PairFilterWordsLog2)), (1UL << (int)(h & 63)) | (1UL << (int)((h >> 6) & 63)));
    }

    private static (ulong[] Pairs, ulong[] Left, ulong[] Right) BuildPairFilters(Dictionary<string, WordEntry> words)
    {
        var filter = new ulong[1 << PairFilterWordsLog2];
        var left = new ulong[1 << PartFilterWordsLog2];
        var right = new ulong[1 << PartFilterWordsLog2];
        foreach (var (key, entry) in words)
        {
            if (entry.Count < 2)
            {
                continue;
            }
            for (ulong mask = entry.Mask; mask != 0; mask &= mask - 1)
            {
                int at = System.Numerics.BitOperations.TrailingZeroCount(mask);
                int leftHash = PartHash(key.AsSpan(0, at));
                int rightHash = PartHash(key.AsSpan(at));
                var (word, bits) = PairBits(leftHash, rightHash);
                filter[word] |= bits;
                (word, bits) = PartBits(leftHash);
                left[word] |= bits;
                (word, bits) = PartBits(rightHash);
                right[word] |= bits;
            }
        }
        return (filter, left, right);
    }

    public Dictionary<string, WordEntry> Words { get; }

    /// <summary>Per boundary kind («S» suffix, «P» prefix, «C» compound element + morpheme + '|' + letter class): word types with and without a half-space there.</summary>
    public Dictionary<string, (int Zwnj, int Joined)> Boundaries { get; }

    /// <summary>Second elements of compounds: parts seen after a half-space in several word types (سازی، نامه، کننده).</summary>
    public HashSet<string> SecondElements { get; }

    /// <summary>Present and past verb stems (folded).</summary>
    public HashSet<string> VerbStems { get; }

    /// <summary>Counts of each reading of an ambiguous word beside a neighbour: «&lt;prev\tkey» and «&gt;next\tkey».</summary>
    public Dictionary<string, (int First, int Second)> Contexts { get; }

    /// <summary>Weighted count of «a b» written as two words, for pairs whose half-space join «a‌b» is attested.</summary>
    public Dictionary<string, int> SpacedPairs { get; }

    /// <summary>
    /// Parts of half-space words that correctly written text never has as words of their own (هایی، گرا، ترین …):
    /// one standing alone in a line shows that the line's half-spaces were typed as spaces.
    /// </summary>
    public HashSet<string> BoundPieces { get; }

    public HashSet<string>.AlternateLookup<ReadOnlySpan<char>> BoundPieceLookup { get; }

    /// <summary>Folded key → spelling with hamza (same length), where the plain spelling is not how the word is written.</summary>
    public Dictionary<string, string> Hamza { get; }

    public Dictionary<string, WordEntry>.AlternateLookup<ReadOnlySpan<char>> WordLookup { get; }

    public Dictionary<string, (int Zwnj, int Joined)>.AlternateLookup<ReadOnlySpan<char>> BoundaryLookup { get; }

    public HashSet<string>.AlternateLookup<ReadOnlySpan<char>> SecondElementLookup { get; }

    public HashSet<string>.AlternateLookup<ReadOnlySpan<char>> VerbStemLookup { get; }

    public Dictionary<string, (int First, int Second)>.AlternateLookup<ReadOnlySpan<char>> ContextLookup { get; }

    public Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> SpacedPairLookup { get; }

    public Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> HamzaLookup { get; }

    /// <summary>
    /// Share of word types with a half-space at a boundary of the given kind after a letter of class
    /// <paramref name="letterClass"/>; -1 when too few types were seen to say.
    /// </summary>
    public double BoundaryShare(char kind, ReadOnlySpan<char> morpheme, char letterClass)
    {
        Span<char> key = stackalloc char[morpheme.Length + 3];
        key[0] = kind;
        morpheme.CopyTo(key[1..]);
        key[^2] = '|';
        key[^1] = letterClass;
        if (BoundaryLookup.TryGetValue(key, out var stats) && stats.Zwnj + stats.Joined >= MinBoundaryTypes)
        {
            return stats.Zwnj / (double)(stats.Zwnj + stats.Joined);
        }
        return -1;
    }

    /// <summary>Writes the model: deterministic bytes for the same content (entries sorted ordinally), Brotli-compressed.</summary>
    public void Write(Stream stream)
    {
        using var brotli = new BrotliStream(stream, CompressionLevel.SmallestSize, leaveOpen: true);
        using var w = new BinaryWriter(brotli, Encoding.UTF8, leaveOpen: true);
        w.Write(Magic);
        w.Write(FormatVersion);
        WriteSorted(w, Words, (w, e) =>
        {
            w.Write7BitEncodedInt64((long)e.Mask);
            w.Write7BitEncodedInt64((long)e.AltMask);
            w.Write7BitEncodedInt(e.Count);
            w.Write7BitEncodedInt(e.AltCount);
        });
        WriteSorted(w, Boundaries, (w, e) =>
        {
            w.Write7BitEncodedInt(e.Zwnj);
            w.Write7BitEncodedInt(e.Joined);
        });
        WriteSet(w, SecondElements);
        WriteSet(w, VerbStems);
        WriteSorted(w, Contexts, (w, e) =>
        {
            w.Write7BitEncodedInt(e.First);
            w.Write7BitEncodedInt(e.Second);
        });
        WriteSorted(w, SpacedPairs, (w, e) => w.Write7BitEncodedInt(e));
        WriteSorted(w, Hamza, (w, e) => w.Write(e));
        WriteSet(w, BoundPieces);
    }

    /// <summary>Reads a model written by <see cref="Write"/>.</summary>
    public static HalfSpaceModel Read(Stream stream)
    {
        using var brotli = new BrotliStream(stream, CompressionMode.Decompress, leaveOpen: true);
        using var buffered = new BufferedStream(brotli, 1 << 16);
        using var r = new BinaryReader(buffered, Encoding.UTF8, leaveOpen: true);
        if (!r.ReadBytes(Magic.Length).AsSpan().SequenceEqual(Magic) || r.ReadInt32() != FormatVersion)
        {
            throw new InvalidDataException("Not a half-space model of this version.");
        }
        var words = ReadMap(r, r => new WordEntry((ulong)r.Read7BitEncodedInt64(), (ulong)r.Read7BitEncodedInt64(), r.Read7BitEncodedInt(), r.Read7BitEncodedInt()));
        var boundaries = ReadMap(r, r => (r.Read7BitEncodedInt(), r.Read7BitEncodedInt()));
        var second = ReadSet(r);
        var stems = ReadSet(r);
        var contexts = ReadMap(r, r => (r.Read7BitEncodedInt(), r.Read7BitEncodedInt()));
        var pairs = ReadMap(r, r => r.Read7BitEncodedInt());
        var hamza = ReadMap(r, r => r.ReadString());
        var boundPieces = ReadSet(r);
        return new HalfSpaceModel(words, boundaries, second, stems, contexts, pairs, hamza, boundPieces);
    }

    private static void WriteSorted<T>(BinaryWriter w, Dictionary<string, T> map, Action<BinaryWriter, T> writeValue)
    {
        var keys = map.Keys.ToArray();
        Array.Sort(keys, StringComparer.Ordinal);
        w.Write7BitEncodedInt(keys.Length);
        foreach (var key in keys)
        {
            w.Write(key);
            writeValue(w, map[key]);
        }
    }

    private static void WriteSet(BinaryWriter w, HashSet<string> set)
    {
        var keys = set.ToArray();
        Array.Sort(keys, StringComparer.Ordinal);
        w.Write7BitEncodedInt(keys.Length);
        foreach (var key in keys)
        {
            w.Write(key);
        }
    }

    private static Dictionary<string, T> ReadMap<T>(BinaryReader r, Func<BinaryReader, T> readValue)
    {
        int n = r.Read7BitEncodedInt();
        var map = new Dictionary<string, T>(n, StringComparer.Ordinal);
        for (int i = 0; i < n; i++)
        {
            var key = r.ReadString();
            map.Add(key, readValue(r));
        }
        return map;
    }

    private static HashSet<string> ReadSet(BinaryReader r)
    {
        int n = r.Read7BitEncodedInt();
        var set = new HashSet<string>(n, StringComparer.Ordinal);
        for (int i = 0; i < n; i++)
        {
            set.Add(r.ReadString());
        }
        return set;
    }
}
