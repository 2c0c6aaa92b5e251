namespace Dabir.Models.Tagging;

/// <summary>
/// A small direct-mapped cache, owned by one thread and one model, from (folded word, convention) to the summed
/// weight rows of the word's word-only features. Frequent words then skip most of their feature lookups, which
/// are what tagging waits on (memory latency). A hit returns exactly the sum the lookups would give, so tags
/// never depend on what the cache holds.
/// </summary>
internal sealed class WordSumCache
{
    private const int Capacity = 8192; // power of two; ~0.6 MB for 17 tags
    private readonly ulong[] _keys = new ulong[Capacity];
    private readonly int[] _sums;
    private readonly int _tagCount;

    public WordSumCache(int tagCount)
    {
        _tagCount = tagCount;
        _sums = new int[Capacity * tagCount];
    }

    /// <summary>The entry holding this word's sum, or −1.</summary>
    public int Find(ulong word, int domain)
    {
        ulong key = KeyOf(word, domain);
        int slot = SlotOf(key);
        return _keys[slot] == key ? slot : -1;
    }

    public ReadOnlySpan<int> Sum(int entry) => _sums.AsSpan(entry * _tagCount, _tagCount);

    /// <summary>Claims the word's entry (evicting whatever held it) and returns its sum to fill.</summary>
    public Span<int> Store(ulong word, int domain)
    {
        ulong key = KeyOf(word, domain);
        int slot = SlotOf(key);
        _keys[slot] = key;
        return _sums.AsSpan(slot * _tagCount, _tagCount);
    }

    // 0 marks an empty entry.
    private static ulong KeyOf(ulong word, int domain)
    {
        ulong key = word ^ ((ulong)(uint)domain * 0x9E3779B97F4A7C15UL);
        return key == 0 ? 1 : key;
    }

    private static int SlotOf(ulong key) => (int)(key >> 32) & (Capacity - 1);
}
