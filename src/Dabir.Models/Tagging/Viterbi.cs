namespace Dabir.Models.Tagging;

/// <summary>First-order Viterbi decoding over integer scores, with optional per-token allowed-tag masks
/// (used to find the best path consistent with partial or ambiguous gold labels) and forbidden transitions
/// (BIO constraints).</summary>
internal static class Viterbi
{
    private const int Impossible = int.MinValue / 4;

    /// <summary>Reachable path scores stay far above this (they are renormalised at every token); a candidate at or
    /// below it went through a forbidden transition or an unreachable tag.</summary>
    private const int Unreachable = Impossible / 2;

    /// <summary>An emission at or below this rules its tag out at that token (see <c>SequenceModel.Tag</c>'s
    /// allowed tags): far below any reachable emission sum (at most 46 features of |weight| ≤ 32,767 per token).
    /// The decoder skips such cells, so a lattice restricted to a few tags per token costs a few cells, not tags².</summary>
    public const int RuledOut = -(1 << 26);

    /// <param name="tokenCount">Number of tokens.</param>
    /// <param name="tagCount">Number of tags (at most 32 when masks are used).</param>
    /// <param name="emissions">tokenCount × tagCount scores.</param>
    /// <param name="transitions">(tagCount + 1) × tagCount scores; row tagCount is the sentence start.</param>
    /// <param name="transitionAllowed">Same shape as transitions, or empty for "all allowed".</param>
    /// <param name="masks">Allowed tags per token as bits, or empty for "all allowed".</param>
    /// <param name="scores">Work space, tokenCount × tagCount.</param>
    /// <param name="back">Work space, tokenCount × tagCount.</param>
    /// <param name="output">Best tag per token.</param>
    /// <param name="precomputedIncoming"><see cref="IncomingTransitions"/> of these transitions, or empty to build them.</param>
    public static void Decode(
        int tokenCount, int tagCount,
        ReadOnlySpan<int> emissions, ReadOnlySpan<int> transitions, ReadOnlySpan<bool> transitionAllowed,
        ReadOnlySpan<uint> masks, Span<int> scores, Span<int> back, Span<int> output, ReadOnlySpan<int> precomputedIncoming = default)
    {
        if (tokenCount == 0)
        {
            return;
        }
        bool constrained = !transitionAllowed.IsEmpty;
        bool masked = !masks.IsEmpty;
        int startRow = tagCount * tagCount;
        // A model passes its IncomingTransitions once computed; the trainer, whose transitions change, gets them built here.
        Span<int> built = !precomputedIncoming.IsEmpty ? default
            : tagCount <= 64 ? stackalloc int[tagCount * tagCount] : new int[tagCount * tagCount];
        if (precomputedIncoming.IsEmpty)
        {
            FillIncoming(tagCount, transitions, transitionAllowed, built);
        }
        ReadOnlySpan<int> incoming = precomputedIncoming.IsEmpty ? built : precomputedIncoming;
        // The tags still reachable at the previous token: skipping the others makes a restricted lattice cheap.
        Span<int> live = stackalloc int[tagCount];
        Span<int> nextLive = stackalloc int[tagCount];
        int liveCount = 0;
        for (int t = 0; t < tagCount; t++)
        {
            bool ok = (!masked || (masks[0] & (1u << t)) != 0) && (!constrained || transitionAllowed[startRow + t]) && emissions[t] > RuledOut;
            scores[t] = ok ? emissions[t] + transitions[startRow + t] : Impossible;
            back[t] = -1;
            if (ok)
            {
                live[liveCount++] = t;
            }
        }
        for (int i = 1; i < tokenCount; i++)
        {
            int current = i * tagCount;
            var previousScores = scores.Slice(current - tagCount, tagCount);
            var reachable = live[..liveCount];
            int best = Impossible;
            int nextCount = 0;
            for (int t = 0; t < tagCount; t++)
            {
                if ((masked && (masks[i] & (1u << t)) == 0) || emissions[current + t] <= RuledOut)
                {
                    scores[current + t] = Impossible;
                    back[current + t] = 0;
                    continue;
                }
                var into = incoming.Slice(t * tagCount, tagCount);
                int bestScore = int.MinValue;
                int bestPrevious = 0;
                foreach (int p in reachable)
                {
                    int s = previousScores[p] + into[p];
                    if (s > bestScore)
                    {
                        bestScore = s;
                        bestPrevious = p;
                    }
                }
                int total = Impossible;
                if (bestScore > Unreachable)
                {
                    total = bestScore + emissions[current + t];
                }
                else
                {
                    bestPrevious = 0;
                }
                scores[current + t] = total;
                back[current + t] = bestPrevious;
                if (total != Impossible)
                {
                    nextLive[nextCount++] = t;
                }
                if (total > best)
                {
                    best = total;
                }
            }
            if (nextCount == 0)
            {
                // Nothing reachable (every tag ruled out or forbidden): fall back to all tags, as the unrestricted
                // decoder would, so the path stays defined.
                for (int t = 0; t < tagCount; t++)
                {
                    scores[current + t] = 0;
                    nextLive[nextCount++] = t;
                }
            }
            var swap = live;
            live = nextLive;
            nextLive = swap;
            liveCount = nextCount;
            if (best != Impossible)
            {
                // Keep scores near zero so long sentences never overflow.
                for (int t = 0; t < tagCount; t++)
                {
                    if (scores[current + t] != Impossible)
                    {
                        scores[current + t] -= best;
                    }
                }
            }
        }
        int last = (tokenCount - 1) * tagCount;
        int bestTag = 0;
        for (int t = 1; t < tagCount; t++)
        {
            if (scores[last + t] > scores[last + bestTag])
            {
                bestTag = t;
            }
        }
        for (int i = tokenCount - 1; i >= 0; i--)
        {
            output[i] = bestTag;
            bestTag = back[i * tagCount + bestTag];
        }
    }

    /// <summary>
    /// Transitions into each tag, row by row (incoming[t × tagCount + p] = score of p → t), with forbidden ones folded in
    /// as Impossible: the decoder's inner loop then reads one contiguous row and never branches on a constraint (a
    /// candidate through a forbidden transition sums to far below any reachable score). A model computes it once.
    /// </summary>
    public static int[] IncomingTransitions(int tagCount, ReadOnlySpan<int> transitions, ReadOnlySpan<bool> transitionAllowed)
    {
        var incoming = new int[tagCount * tagCount];
        FillIncoming(tagCount, transitions, transitionAllowed, incoming);
        return incoming;
    }

    private static void FillIncoming(int tagCount, ReadOnlySpan<int> transitions, ReadOnlySpan<bool> transitionAllowed, Span<int> incoming)
    {
        bool constrained = !transitionAllowed.IsEmpty;
        for (int p = 0; p < tagCount; p++)
        {
            for (int t = 0; t < tagCount; t++)
            {
                incoming[t * tagCount + p] = constrained && !transitionAllowed[p * tagCount + t] ? Impossible : transitions[p * tagCount + t];
            }
        }
    }

    /// <summary>Transition constraints for BIO tag sets: I-X only after B-X or I-X.</summary>
    public static bool[] BioConstraints(IReadOnlyList<string> tags)
    {
        int n = tags.Count;
        var allowed = new bool[(n + 1) * n];
        for (int p = 0; p <= n; p++)
        {
            for (int t = 0; t < n; t++)
            {
                string tag = tags[t];
                bool ok = true;
                if (tag.StartsWith("I-", StringComparison.Ordinal))
                {
                    ok = p < n && tags[p].Length > 2 && tags[p].AsSpan(2).SequenceEqual(tag.AsSpan(2));
                }
                allowed[p * n + t] = ok;
            }
        }
        return allowed;
    }
}
