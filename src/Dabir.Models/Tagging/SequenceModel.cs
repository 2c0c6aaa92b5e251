using System.IO.Compression;
using System.Text;
using Dabir.Models.Features;

namespace Dabir.Models.Tagging;

/// <summary>
/// A trained, quantized sequence tagger: 16-bit weights per (hashed feature, tag), integer transition scores,
/// its own lexicon and gazetteer, decoded with Viterbi. Immutable and thread-safe (scratch is per thread).
/// File format (Brotli-compressed): magic, version, kind, tags, transitions, sorted 32-bit feature keys
/// (delta-encoded), weights, lexicon.
/// </summary>
internal sealed class SequenceModel
{
    private const uint Magic = 0x47544244; // "DBTG"
    private const int Version = 2;

    [ThreadStatic]
    private static FeatureExtractor.Scratch? t_scratch;

    /// <summary>Open-addressing table of (key in the low 32 bits, row in the high 32 bits): one cache line
    /// holds both, so a lookup costs one memory access before the weight row.</summary>
    private readonly ulong[] _table;
    private readonly int _tableMask;
    private readonly short[] _weights;
    private readonly int[] _transitions;
    private readonly bool[] _transitionAllowed;
    private readonly int[] _incomingTransitions;
    private readonly uint[] _sortedKeys;

    private static long s_lastId;

    /// <summary>Names this model's per-thread word-sum cache in <see cref="FeatureExtractor.Scratch"/> (an id, not a
    /// reference, so that a thread's scratch never keeps a model alive).</summary>
    private readonly long _id = Interlocked.Increment(ref s_lastId);

    public SequenceModel(string kind, string[] tags, int[] transitions, uint[] sortedKeys, short[] weights, TaggerLexicon lexicon, string description)
    {
        Kind = kind;
        Tags = tags;
        Description = description;
        _transitions = transitions;
        _sortedKeys = sortedKeys;
        _weights = weights;
        Extractor = new FeatureExtractor(lexicon);
        _transitionAllowed = tags.Any(t => t.StartsWith("I-", StringComparison.Ordinal)) ? Viterbi.BioConstraints(tags) : [];
        _incomingTransitions = Viterbi.IncomingTransitions(tags.Length, transitions, _transitionAllowed);
        int capacity = 16;
        while (capacity < sortedKeys.Length * 2)
        {
            capacity <<= 1;
        }
        _table = new ulong[capacity];
        _tableMask = capacity - 1;
        for (int row = 0; row < sortedKeys.Length; row++)
        {
            uint key = sortedKeys[row];
            int slot = (int)(FeatureHash.Mix(key) & (uint)_tableMask);
            while (_table[slot] != 0)
            {
                slot = (slot + 1) & _tableMask;
            }
            _table[slot] = key | ((ulong)(uint)row << 32);
        }
    }

    /// <summary>"pos" or "ner" (free text for other models).</summary>
    public string Kind { get; }

    /// <summary>Tag names, index = tag id.</summary>
    public string[] Tags { get; }

    /// <summary>Training data and settings, recorded at training time.</summary>
    public string Description { get; }

    public FeatureExtractor Extractor { get; }

    public int FeatureCount => _sortedKeys.Length;

    /// <summary>SHA-256 of the decompressed model file (first 16 hex digits) when loaded from a file or resource; empty otherwise.</summary>
    public string Checksum { get; private init; } = "";

    /// <summary>Tags a sentence; writes one tag id per token. <paramref name="allowedTags"/>, when not empty, gives
    /// per token the tags (bit = tag id, up to 64 tags) the decoder may choose; a token with no bit set is unconstrained.</summary>
    public void Tag(ReadOnlySpan<string> tokens, Span<int> tagIds, int domain = 0, ReadOnlySpan<ulong> allowedTags = default, ReadOnlySpan<byte> hints = default)
    {
        if (tagIds.Length < tokens.Length)
        {
            throw new ArgumentException("The output span is shorter than the token span.", nameof(tagIds));
        }
        if (tokens.IsEmpty)
        {
            return;
        }
        var scratch = ThreadScratch;
        Extractor.Prepare(tokens, scratch, Tags.Length);
        TagPrepared(tokens.Length, scratch, tagIds, domain, allowedTags, hints);
    }

    /// <summary>This thread's working memory (shared by all models on the thread).</summary>
    public static FeatureExtractor.Scratch ThreadScratch => t_scratch ??= new FeatureExtractor.Scratch();

    /// <summary>True when this model's per-token preparation equals <paramref name="other"/>'s (same lexicon content),
    /// so one <see cref="FeatureExtractor.Prepare"/> serves both.</summary>
    public bool SharesPreparationWith(SequenceModel other) =>
        Extractor.Lexicon.Fingerprint != 0 && Extractor.Lexicon.Fingerprint == other.Extractor.Lexicon.Fingerprint;

    /// <summary>Tags <paramref name="n"/> tokens already prepared in <paramref name="scratch"/> (by this model's
    /// extractor or one it <see cref="SharesPreparationWith"/>).</summary>
    public void TagPrepared(int n, FeatureExtractor.Scratch scratch, Span<int> tagIds, int domain = 0, ReadOnlySpan<ulong> allowedTags = default, ReadOnlySpan<byte> hints = default)
    {
        int tagCount = Tags.Length;
        scratch.Ensure(n, 0, tagCount);
        FeatureExtractor.SetHints(scratch, hints);
        FeatureExtractor.Compose(n, scratch, domain, withHints: !hints.IsEmpty);
        var emissions = scratch.Emissions.AsSpan(0, n * tagCount);
        var features = scratch.Features;
        var info = scratch.Tokens;
        var slots = FeatureExtractor.SlotsFor(domain);
        var wordOnly = slots.WordOnly;
        var context = slots.Context;
        int active = wordOnly.Length + context.Length;
        var cache = scratch.WordSumsFor(_id, tagCount);
        var cached = scratch.CachedEntries.Length >= n ? scratch.CachedEntries : scratch.CachedEntries = new int[Math.Max(n, scratch.CachedEntries.Length * 2)];
        // Two passes: resolve every feature's row first, then add the rows. The lookups (and then the weight
        // loads) are independent of each other, so the CPU overlaps their cache misses instead of waiting on each.
        // The rows of a word's word-only features always add up to the same vector: a per-thread cache keeps that
        // sum for recent words, so a frequent word costs only its context features' lookups.
        var rows = scratch.Rows.Length >= n * active ? scratch.Rows : scratch.Rows = new int[Math.Max(n * active, scratch.Rows.Length * 2)];
        for (int i = 0; i < n; i++)
        {
            int baseIndex = i * FeatureExtractor.FeaturesPerToken;
            var tokenRows = rows.AsSpan(i * active, active);
            int entry = cache.Find(info[i].Word, domain);
            cached[i] = entry;
            if (entry < 0)
            {
                for (int k = 0; k < wordOnly.Length; k++)
                {
                    tokenRows[k] = Find(FeatureHash.Key32(features[baseIndex + wordOnly[k]]));
                }
            }
            for (int k = 0; k < context.Length; k++)
            {
                tokenRows[wordOnly.Length + k] = Find(FeatureHash.Key32(features[baseIndex + context[k]]));
            }
        }
        // Read every hit before storing any new sum: a store may evict an entry a later token was found at.
        for (int i = 0; i < n; i++)
        {
            if (cached[i] >= 0)
            {
                cache.Sum(cached[i]).CopyTo(emissions.Slice(i * tagCount, tagCount));
            }
        }
        for (int i = 0; i < n; i++)
        {
            var row = emissions.Slice(i * tagCount, tagCount);
            var tokenRows = rows.AsSpan(i * active, active);
            if (cached[i] < 0)
            {
                row.Clear();
                AddRows(tokenRows[..wordOnly.Length], row);
                row.CopyTo(cache.Store(info[i].Word, domain));
            }
            AddRows(tokenRows[wordOnly.Length..], row);
        }
        if (!allowedTags.IsEmpty)
        {
            for (int i = 0; i < n; i++)
            {
                ulong allowed = allowedTags[i];
                if (allowed == 0)
                {
                    continue;
                }
                var row = emissions.Slice(i * tagCount, tagCount);
                for (int t = 0; t < row.Length; t++)
                {
                    if ((allowed & (1UL << t)) == 0)
                    {
                        row[t] = Viterbi.RuledOut;
                    }
                }
            }
        }
        Viterbi.Decode(n, tagCount, emissions, _transitions, _transitionAllowed, [], scratch.Scores, scratch.Back, tagIds, _incomingTransitions);
    }

    private void AddRows(ReadOnlySpan<int> rowIds, Span<int> row)
    {
        var weights = _weights;
        foreach (int r in rowIds)
        {
            if (r < 0)
            {
                continue;
            }
            var w = weights.AsSpan(r * row.Length, row.Length);
            for (int t = 0; t < row.Length; t++)
            {
                row[t] += w[t];
            }
        }
    }

    private int Find(uint key)
    {
        int slot = (int)(FeatureHash.Mix(key) & (uint)_tableMask);
        while (true)
        {
            ulong entry = _table[slot];
            if ((uint)entry == key)
            {
                return (int)(entry >> 32);
            }
            if (entry == 0)
            {
                return -1;
            }
            slot = (slot + 1) & _tableMask;
        }
    }

    public void Save(Stream destination)
    {
        using var brotli = new BrotliStream(destination, CompressionLevel.SmallestSize, leaveOpen: true);
        using var writer = new BinaryWriter(brotli, Encoding.UTF8, leaveOpen: true);
        writer.Write(Magic);
        writer.Write(Version);
        writer.Write(Kind);
        writer.Write(Description);
        writer.Write7BitEncodedInt(Tags.Length);
        foreach (var tag in Tags)
        {
            writer.Write(tag);
        }
        writer.Write7BitEncodedInt(FeatureExtractor.FeaturesPerToken);
        foreach (int t in _transitions)
        {
            writer.Write(t);
        }
        writer.Write7BitEncodedInt(_sortedKeys.Length);
        uint previous = 0;
        foreach (uint key in _sortedKeys)
        {
            writer.Write7BitEncodedInt64(key - previous);
            previous = key;
        }
        // Weights column by column (one tag at a time) compress better than row by row.
        for (int t = 0; t < Tags.Length; t++)
        {
            for (int row = 0; row < _sortedKeys.Length; row++)
            {
                writer.Write(_weights[row * Tags.Length + t]);
            }
        }
        Extractor.Lexicon.Write(writer);
    }

    public static SequenceModel Load(Stream source)
    {
        // Decompress in one go and parse from memory: the weight table is read as one block (no per-value
        // stream calls), which keeps loading to a few tens of milliseconds.
        using var decompressed = new MemoryStream();
        using (var brotli = new BrotliStream(source, CompressionMode.Decompress, leaveOpen: true))
        {
            brotli.CopyTo(decompressed);
        }
        string checksum = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(decompressed.GetBuffer().AsSpan(0, (int)decompressed.Length)))[..16];
        decompressed.Position = 0;
        using var reader = new BinaryReader(decompressed, Encoding.UTF8, leaveOpen: true);
        if (reader.ReadUInt32() != Magic || reader.ReadInt32() != Version)
        {
            throw new InvalidDataException("Not a Dabir tagger model (bad magic or version).");
        }
        string kind = reader.ReadString();
        string description = reader.ReadString();
        var tags = new string[reader.Read7BitEncodedInt()];
        for (int i = 0; i < tags.Length; i++)
        {
            tags[i] = reader.ReadString();
        }
        if (reader.Read7BitEncodedInt() != FeatureExtractor.FeaturesPerToken)
        {
            throw new InvalidDataException("The model was trained with a different feature set.");
        }
        var transitions = new int[(tags.Length + 1) * tags.Length];
        for (int i = 0; i < transitions.Length; i++)
        {
            transitions[i] = reader.ReadInt32();
        }
        var keys = new uint[reader.Read7BitEncodedInt()];
        uint previous = 0;
        for (int i = 0; i < keys.Length; i++)
        {
            previous += (uint)reader.Read7BitEncodedInt64();
            keys[i] = previous;
        }
        // Stored column by column (tag-major); used row by row.
        var columns = new short[keys.Length * tags.Length];
        if (reader.Read(System.Runtime.InteropServices.MemoryMarshal.AsBytes(columns.AsSpan())) != columns.Length * sizeof(short))
        {
            throw new InvalidDataException("The model file is truncated.");
        }
        if (!BitConverter.IsLittleEndian)
        {
            System.Buffers.Binary.BinaryPrimitives.ReverseEndianness(columns, columns);
        }
        var weights = new short[columns.Length];
        for (int t = 0; t < tags.Length; t++)
        {
            var column = columns.AsSpan(t * keys.Length, keys.Length);
            for (int row = 0; row < column.Length; row++)
            {
                weights[row * tags.Length + t] = column[row];
            }
        }
        var lexicon = TaggerLexicon.Read(reader);
        return new SequenceModel(kind, tags, transitions, keys, weights, lexicon, description) { Checksum = checksum };
    }

    public static SequenceModel LoadFile(string path)
    {
        using var stream = File.OpenRead(path);
        return Load(stream);
    }

    /// <summary>Loads an embedded model resource (<c>Resources/NAME.bin.br</c>).</summary>
    public static SequenceModel LoadEmbedded(string name)
    {
        var assembly = typeof(SequenceModel).Assembly;
        using var stream = assembly.GetManifestResourceStream($"Dabir.Models.{name}.bin.br")
            ?? throw new InvalidOperationException($"The embedded model '{name}' is missing from {assembly.GetName().Name}.");
        return Load(stream);
    }
}
