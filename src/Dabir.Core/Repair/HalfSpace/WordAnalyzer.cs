using System.Runtime.CompilerServices;
namespace Dabir.Repair.HalfSpace;

/// <summary>
/// Analyses a word the lexicon has not seen as [prefix] + known stem + [second element] + [suffix chain]
/// (or verbal prefix + verb stem + verb ending) and decides each boundary from the learned per-type
/// statistics. When no analysis exists the word is left as written: a missing half-space is better than a
/// wrong one. Stateless apart from the model; thread-safe.
/// </summary>
internal sealed class WordAnalyzer(HalfSpaceModel model)
{
    private const char Alef = 'آ';
    private const int MinCompoundStemCount = 2;

    private struct Candidate
    {
        public int PrefixLength;
        public int CoreEnd;
        public int ChainStart;
        public string[]? Chain;
        public bool CoreIsVerbStem;
        public int Pieces;
        public int CoreCount;
        public bool Verbal;
    }

    /// <summary>
    /// Decides the half-spaces of an unknown key. «آ» after a joining letter is a boundary (it never stands
    /// inside a morpheme there); the parts around it are looked up or analysed on their own.
    /// </summary>
    /// <returns>False when the word has no analysis (leave it as written).</returns>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool TryDecide(ReadOnlySpan<char> key, out ulong mask, out int coreStart, out int coreLength)
    {
        int alef = -1;
        for (int i = 2; i <= key.Length - 2; i++)
        {
            // Both sides at least two letters: «سآ» is a fragment, not two morphemes.
            if (key[i] == Alef && HalfSpaceText.IsGap(key, i))
            {
                alef = i;
                break;
            }
        }
        if (alef < 0)
        {
            return TryAnalyze(key, out mask, out coreStart, out coreLength, null);
        }
        coreStart = -1;
        coreLength = 0;
        mask = 0;
        int segmentStart = 0;
        for (int i = alef; i <= key.Length; i++)
        {
            if (i < key.Length && !(key[i] == Alef && HalfSpaceText.IsGap(key, i) && i - segmentStart >= 2 && key.Length - i >= 2))
            {
                continue;
            }
            var segment = key[segmentStart..i];
            if (model.WordLookup.TryGetValue(segment, out var entry))
            {
                mask |= entry.Mask << segmentStart;
            }
            else if (TryAnalyze(segment, out ulong segmentMask, out _, out _, null))
            {
                mask |= segmentMask << segmentStart;
            }
            if (i < key.Length)
            {
                mask |= 1UL << i;
            }
            segmentStart = i;
        }
        return true;
    }

    /// <summary>
    /// Morphological analysis of <paramref name="w"/> (which must not itself be looked up). When
    /// <paramref name="observations"/> is given, the boundary statistic keys of the chosen analysis and their
    /// positions are added to it (training).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool TryAnalyze(ReadOnlySpan<char> w, out ulong mask, out int coreStart, out int coreLength, List<(string Key, int Position)>? observations, bool suffixesOnly = false)
    {
        mask = 0;
        coreStart = -1;
        coreLength = 0;
        if (w.Length < 3)
        {
            return false;
        }
        var best = default(Candidate);
        bool found = false;
        Consider(w, 0, false, suffixesOnly, ref best, ref found);
        if (suffixesOnly)
        {
            goto decided;
        }
        Consider(w, 0, true, false, ref best, ref found);
        foreach (var prefix in Affixes.NominalPrefixes)
        {
            if (w.Length - prefix.Length >= 2 && w.StartsWith(prefix, StringComparison.Ordinal))
            {
                Consider(w, prefix.Length, false, false, ref best, ref found);
            }
        }
        foreach (var prefix in Affixes.VerbalPrefixes)
        {
            if (w.Length - prefix.Length >= 2 && w.StartsWith(prefix, StringComparison.Ordinal))
            {
                Consider(w, prefix.Length, true, false, ref best, ref found);
            }
        }
    decided:
        if (!found)
        {
            return false;
        }
        mask = MaskOf(w, best, observations);
        coreStart = best.CoreIsVerbStem ? -1 : best.PrefixLength;
        coreLength = best.CoreIsVerbStem ? 0 : best.CoreEnd - best.PrefixLength;
        return true;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Consider(ReadOnlySpan<char> w, int start, bool verbal, bool suffixesOnly, ref Candidate best, ref bool found)
    {
        int n = w.Length;
        for (int chainStart = n; chainStart >= start + 2; chainStart--)
        {
            string[]? chain = null;
            if (chainStart < n && !(verbal ? Affixes.VerbChainLookup : Affixes.ChainLookup).TryGetValue(w[chainStart..], out chain))
            {
                continue;
            }
            var core = w[start..chainStart];
            // A suffix chain is one piece: «های» is no less likely than «ای».
            int pieces = (start > 0 ? 1 : 0) + 1 + (chain is null ? 0 : 1);
            if (verbal)
            {
                if (chain is not null || start > 0)
                {
                    if (model.VerbStemLookup.Contains(core))
                    {
                        model.WordLookup.TryGetValue(core, out var stemEntry);
                        Offer(new Candidate { PrefixLength = start, CoreEnd = chainStart, ChainStart = chainStart, Chain = chain, CoreIsVerbStem = true, Pieces = pieces, Verbal = true, CoreCount = stemEntry.Count }, ref best, ref found);
                    }
                }
                if (chain is null && start > 0 && model.WordLookup.TryGetValue(core, out var entry) && StartsWithVerbStem(core))
                {
                    Offer(new Candidate { PrefixLength = start, CoreEnd = chainStart, ChainStart = chainStart, Pieces = pieces, CoreCount = entry.Count, Verbal = true }, ref best, ref found);
                }
                continue;
            }
            if (start == 0 && chain is null)
            {
                continue; // the word itself: unknown by definition
            }
            if (core.Length >= 2 && model.WordLookup.TryGetValue(core, out var stem))
            {
                Offer(new Candidate { PrefixLength = start, CoreEnd = chainStart, ChainStart = chainStart, Chain = chain, Pieces = pieces, CoreCount = stem.Count }, ref best, ref found);
                continue;
            }
            if (suffixesOnly)
            {
                continue;
            }
            for (int split = start + 2; split <= chainStart - 2; split++)
            {
                // Compounds need a first element attested in text: lexicon-only fragments make false splits of names.
                if (model.SecondElementLookup.Contains(w[split..chainStart]) && model.WordLookup.TryGetValue(w[start..split], out var first) && first.Count >= MinCompoundStemCount)
                {
                    Offer(new Candidate { PrefixLength = start, CoreEnd = split, ChainStart = chainStart, Chain = chain, Pieces = pieces + 1, CoreCount = first.Count }, ref best, ref found);
                    break; // the longest first element wins among compounds with this chain
                }
            }
        }
    }

    /// <summary>True for a verb form that can follow «می/نمی»: a known word starting with a verb stem, or a verb stem with an ending.</summary>
    public bool IsVerbForm(ReadOnlySpan<char> word)
    {
        if (model.WordLookup.ContainsKey(word) && StartsWithVerbStem(word))
        {
            return true;
        }
        for (int stemEnd = word.Length - 1; stemEnd >= 2; stemEnd--)
        {
            if (Affixes.VerbChainLookup.ContainsKey(word[stemEnd..]) && model.VerbStemLookup.Contains(word[..stemEnd]))
            {
                return true;
            }
        }
        return false;
    }

    private bool StartsWithVerbStem(ReadOnlySpan<char> word)
    {
        for (int length = Math.Min(word.Length, 8); length >= 2; length--)
        {
            if (model.VerbStemLookup.Contains(word[..length]))
            {
                return true;
            }
        }
        return false;
    }

    // Fewer pieces, then a verb analysis, then a more frequent stem, then a longer stem.
    private static void Offer(in Candidate candidate, ref Candidate best, ref bool found)
    {
        if (!found || Compare(candidate, best) < 0)
        {
            best = candidate;
            found = true;
        }
    }

    private static int Compare(in Candidate a, in Candidate b)
    {
        if (a.Pieces != b.Pieces)
        {
            return a.Pieces.CompareTo(b.Pieces);
        }
        if (a.Verbal != b.Verbal)
        {
            return a.Verbal ? -1 : 1;
        }
        if (a.CoreCount != b.CoreCount)
        {
            return b.CoreCount.CompareTo(a.CoreCount);
        }
        return (b.ChainStart - b.PrefixLength).CompareTo(a.ChainStart - a.PrefixLength);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private ulong MaskOf(ReadOnlySpan<char> w, in Candidate c, List<(string Key, int Position)>? observations)
    {
        ulong mask = 0;
        int s = c.PrefixLength;
        if (s > 0)
        {
            Decide(w, 'P', w[..s], s, ref mask, observations);
        }
        if (!c.CoreIsVerbStem && model.WordLookup.TryGetValue(w[s..c.CoreEnd], out var core))
        {
            mask |= core.Mask << s;
        }
        if (c.CoreEnd < c.ChainStart)
        {
            var second = w[c.CoreEnd..c.ChainStart];
            Decide(w, 'C', second, c.CoreEnd, ref mask, observations);
            if (model.WordLookup.TryGetValue(second, out var entry))
            {
                mask |= entry.Mask << c.CoreEnd;
            }
        }
        if (c.Chain is not null)
        {
            int position = c.ChainStart;
            foreach (var morpheme in c.Chain)
            {
                Decide(w, 'S', morpheme, position, ref mask, observations);
                position += morpheme.Length;
            }
        }
        return HalfSpaceText.ValidGaps(w, mask);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Decide(ReadOnlySpan<char> w, char kind, ReadOnlySpan<char> morpheme, int position, ref ulong mask, List<(string Key, int Position)>? observations)
    {
        if (!HalfSpaceText.IsGap(w, position))
        {
            return;
        }
        char letterClass = HalfSpaceText.LetterClass(w[position - 1]);
        if (observations is not null)
        {
            observations.Add(($"{kind}{morpheme}|{letterClass}", position));
            if (kind == 'C')
            {
                observations.Add(($"C*|{letterClass}", position));
            }
            return;
        }
        double share = model.BoundaryShare(kind, morpheme, letterClass);
        if (share < 0 && kind == 'C')
        {
            share = model.BoundaryShare(kind, "*", letterClass);
        }
        if (share >= HalfSpaceModel.BoundaryThreshold)
        {
            mask |= 1UL << position;
        }
    }
}
