namespace Dabir.Models.Features;

/// <summary>
/// 64-bit hashing of feature values without allocating: FNV-1a over characters, then a strong mix with a
/// template id so that equal strings under different templates never collide.
/// </summary>
internal static class FeatureHash
{
    private const ulong FnvOffset = 14695981039346656037UL;
    private const ulong FnvPrime = 1099511628211UL;

    /// <summary>Hash of a character span.</summary>
    public static ulong OfChars(ReadOnlySpan<char> chars)
    {
        ulong h = FnvOffset;
        foreach (char c in chars)
        {
            h = (h ^ c) * FnvPrime;
        }
        return Mix(h ^ (ulong)chars.Length);
    }

    /// <summary>Combines a template id with one value.</summary>
    public static ulong Combine(uint template, ulong value) => Mix(value + 0x9E3779B97F4A7C15UL * (template + 1UL));

    /// <summary>Combines a template id with two values (order matters).</summary>
    public static ulong Combine(uint template, ulong first, ulong second) => Combine(template, Mix(first ^ Mix(second + 0x632BE59BD9B4E019UL)));

    /// <summary>SplitMix64 finaliser.</summary>
    public static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>The 32-bit key under which a feature is stored in a compact model (0 is reserved for empty).</summary>
    public static uint Key32(ulong hash)
    {
        uint k = (uint)(hash ^ (hash >> 32));
        return k == 0 ? 1u : k;
    }
}
