namespace Dabir.Models.Features;

/// <summary>
/// An immutable set of 32-bit hashed keys each carrying a bit set; open addressing with linear probing.
/// Used for the lexicon (folded word → lexicon classes) and the gazetteer (folded phrase → entity types).
/// </summary>
internal sealed class KeyedBits
{
    private readonly uint[] _keys;
    private readonly uint[] _values;
    private readonly int _mask;

    /// <summary>Builds the table from key/value pairs.</summary>
    public KeyedBits(IReadOnlyDictionary<uint, uint> entries)
        : this([.. (entries ?? throw new ArgumentNullException(nameof(entries))).Keys], [.. entries.Values])
    {
    }

    /// <summary>Number of keys.</summary>
    public int Count { get; }

    /// <summary>The bits stored for <paramref name="key"/>, 0 when absent.</summary>
    public uint Get(uint key)
    {
        int slot = (int)(FeatureHash.Mix(key) & (uint)_mask);
        while (true)
        {
            uint k = _keys[slot];
            if (k == key)
            {
                return _values[slot];
            }
            if (k == 0)
            {
                return 0;
            }
            slot = (slot + 1) & _mask;
        }
    }

    /// <summary>Writes the entries sorted by key, keys delta-encoded (compresses well).</summary>
    public void Write(BinaryWriter writer)
    {
        var pairs = new List<(uint Key, uint Value)>(Count);
        for (int i = 0; i < _keys.Length; i++)
        {
            if (_keys[i] != 0)
            {
                pairs.Add((_keys[i], _values[i]));
            }
        }
        pairs.Sort((a, b) => a.Key.CompareTo(b.Key));
        writer.Write7BitEncodedInt(pairs.Count);
        uint previous = 0;
        foreach (var (key, _) in pairs)
        {
            writer.Write7BitEncodedInt64(key - previous);
            previous = key;
        }
        foreach (var (_, value) in pairs)
        {
            writer.Write7BitEncodedInt64(value);
        }
    }

    /// <summary>Reads what <see cref="Write"/> wrote.</summary>
    public static KeyedBits Read(BinaryReader reader)
    {
        int count = reader.Read7BitEncodedInt();
        var keys = new uint[count];
        uint previous = 0;
        for (int i = 0; i < count; i++)
        {
            previous += (uint)reader.Read7BitEncodedInt64();
            keys[i] = previous;
        }
        var values = new uint[count];
        for (int i = 0; i < count; i++)
        {
            values[i] = (uint)reader.Read7BitEncodedInt64();
        }
        return new KeyedBits(keys, values);
    }

    /// <summary>Builds the table straight from parallel arrays of distinct keys and their values (no dictionary).</summary>
    private KeyedBits(uint[] keys, uint[] values)
    {
        int capacity = 16;
        while (capacity < keys.Length * 2)
        {
            capacity <<= 1;
        }
        _keys = new uint[capacity];
        _values = new uint[capacity];
        _mask = capacity - 1;
        for (int i = 0; i < keys.Length; i++)
        {
            int slot = (int)(FeatureHash.Mix(keys[i]) & (uint)_mask);
            while (_keys[slot] != 0 && _keys[slot] != keys[i])
            {
                slot = (slot + 1) & _mask;
            }
            _keys[slot] = keys[i];
            _values[slot] |= values[i];
        }
        Count = keys.Length;
    }
}
