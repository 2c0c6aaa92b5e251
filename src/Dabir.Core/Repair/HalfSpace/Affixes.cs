using System.Collections.Frozen;

namespace Dabir.Repair.HalfSpace;

/// <summary>
/// Closed lists of Persian bound morphemes used to analyse words the lexicon has not seen. Only the shapes
/// live here; whether a half-space belongs at each boundary is learned from data (see
/// <see cref="HalfSpaceModel.BoundaryShare"/>).
/// </summary>
internal static class Affixes
{
    /// <summary>Prefixes that form compounds with a following noun or adjective.</summary>
    public static readonly string[] NominalPrefixes = ["بی", "نا", "غیر", "هم", "پیش", "ضد", "فرا", "نیم", "پس", "فوق", "تک"];

    /// <summary>Verbal prefixes: they need a verb stem after them.</summary>
    public static readonly string[] VerbalPrefixes = ["می", "نمی", "برمی", "درمی", "فرومی", "بازمی"];

    // Suffix chains: [plural/comparative/...] × [possessive/indefinite/...] × [copula/person ending].
    private static readonly string[] Layer1 = ["ها", "ان", "تر", "ترین", "گان", "ات", "ین"];
    private static readonly string[] Layer2 = ["ی", "یی", "ای", "م", "ت", "ش", "مان", "تان", "شان", "ام", "ات", "اش", "یم", "یت", "یش", "یمان", "یتان", "یشان"];
    private static readonly string[] Layer3 = ["است", "ست", "اند", "ایم", "اید", "ام", "ای", "ند", "ید", "یم", "ی"];

    // Verb endings after a verb stem: person endings, the participle «ه» and the perfect endings after it.
    private static readonly string[] VerbPerson = ["م", "ی", "د", "یم", "ید", "ند", "ه"];
    private static readonly string[] PerfectEndings = ["اند", "ام", "ای", "ایم", "اید", "است"];

    /// <summary>Every nominal suffix chain (as written without half-spaces) with its morphemes.</summary>
    public static readonly FrozenDictionary<string, string[]> Chains = BuildNominalChains();

    /// <summary>Every verb ending chain after a verb stem with its morphemes.</summary>
    public static readonly FrozenDictionary<string, string[]> VerbChains = BuildVerbChains();

    /// <summary>Span lookup into <see cref="Chains"/>.</summary>
    public static readonly FrozenDictionary<string, string[]>.AlternateLookup<ReadOnlySpan<char>> ChainLookup = Chains.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>Span lookup into <see cref="VerbChains"/>.</summary>
    public static readonly FrozenDictionary<string, string[]>.AlternateLookup<ReadOnlySpan<char>> VerbChainLookup = VerbChains.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>First morphemes of suffix chains that never stand as words: typed after a space, the chain belongs to the word before («شخصیت های», «خنده اش»).</summary>
    public static readonly FrozenSet<string> BoundMorphemes = new[] { "ها", "تر", "ترین", "ام", "اش", "ات", "ای", "اند", "ایم", "اید" }.ToFrozenSet(StringComparer.Ordinal);


    private static FrozenDictionary<string, string[]> BuildNominalChains()
    {
        var chains = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (var a in Layer1.Prepend(""))
        {
            foreach (var b in Layer2.Prepend(""))
            {
                foreach (var c in Layer3.Prepend(""))
                {
                    if (a == "ها" && b.Length == 0 && c is not ("" or "است" or "ست"))
                    {
                        continue; // «ها» takes a person ending only through «ی»: «هایند» is not «ها» + «یند»
                    }
                    Add(chains, [a, b, c]);
                }
            }
        }
        return chains.ToFrozenDictionary(StringComparer.Ordinal);
    }

    private static FrozenDictionary<string, string[]> BuildVerbChains()
    {
        var chains = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (var person in VerbPerson)
        {
            Add(chains, [person]);
        }
        foreach (var perfect in PerfectEndings)
        {
            Add(chains, ["ه", perfect]);
        }
        return chains.ToFrozenDictionary(StringComparer.Ordinal);
    }

    // Keeps the segmentation with the fewest morphemes when two spell the same chain.
    private static void Add(Dictionary<string, string[]> chains, string[] parts)
    {
        var morphemes = parts.Where(p => p.Length > 0).ToArray();
        if (morphemes.Length == 0)
        {
            return;
        }
        var text = string.Concat(morphemes);
        if (!chains.TryGetValue(text, out var existing) || existing.Length > morphemes.Length)
        {
            chains[text] = morphemes;
        }
    }
}
