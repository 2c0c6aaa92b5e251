using System.Buffers;
using System.Collections.Concurrent;
using Dabir.Text;

namespace Dabir.Repair.HalfSpace;

/// <summary>
/// The half-space restoration pass. Per line: (1) merges words whose half-space was typed as a space
/// («نامه های», «می شود»); (2) decides for every word, on its folded half-space-free key, where half-spaces
/// belong — from the lexicon of attested spellings, the neighbouring words where the readings split at
/// different places, or the analysis of an unknown word — and inserts the missing ones into the text as
/// written; (3) optionally restores hamza. Existing half-spaces are never removed or moved: when the
/// decision does not contain them the word is left alone, which keeps the pass idempotent.
/// </summary>
internal sealed class HalfSpaceRestorer : IRepairPass
{
    private const int MemoLimit = 200_000;

    // Edit marker: drop the character (a space between a non-joining letter and its plural suffix).
    private const char Delete = '\uFFFF';
    private const double ContextSmoothing = 2.0;

    // The half-space join must be attested in text, and far more often than the two words side by side.
    private const int MinMergeCount = 8;
    private const int MergeMargin = 4;

    private readonly HalfSpaceModel _model;
    private readonly WordAnalyzer _analyzer;
    private readonly bool _insert;
    private readonly bool _merge;
    private readonly bool _hamza;
    private readonly ConcurrentDictionary<string, Decision> _memo = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Decision>.AlternateLookup<ReadOnlySpan<char>> _memoLookup;

    private readonly record struct Decision(ulong Mask, short CoreStart, short CoreLength, bool Found);

    public HalfSpaceRestorer(HalfSpaceModel model, bool insert, bool mergeSpaced, bool restoreHamza)
    {
        _insert = insert;
        _model = model;
        _analyzer = new WordAnalyzer(model);
        _merge = mergeSpaced;
        _hamza = restoreHamza;
        _memoLookup = _memo.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public void Apply(AlignedTextBuilder input, AlignedTextBuilder output)
    {
        var text = input.Chars;
        if (text.IndexOfAnyInRange('\u0621', '\u06D3') < 0)
        {
            for (int i = 0; i < text.Length; i++)
            {
                output.Copy(input, i);
            }
            return;
        }
        int[] tokenStarts = ArrayPool<int>.Shared.Rent(text.Length / 2 + 2);
        int[] tokenEnds = ArrayPool<int>.Shared.Rent(text.Length / 2 + 2);
        bool[] joinNext = ArrayPool<bool>.Shared.Rent(text.Length / 2 + 2);
        char[] edits = ArrayPool<char>.Shared.Rent(text.Length + 1);
        try
        {
            int count = FindWords(text, tokenStarts, tokenEnds);
            var starts = tokenStarts.AsSpan(0, count);
            var ends = tokenEnds.AsSpan(0, count);
            var join = joinNext.AsSpan(0, count);
            join.Clear();
            // edits[j]: '\0' copy, ZWNJ insert one before j, any other char replaces text[j].
            var edit = edits.AsSpan(0, text.Length + 1);
            edit.Clear();
            if (_merge)
            {
                MergeSpaced(text, starts, ends, join, edit);
            }
            int first = 0;
            int previousFirst = -1;
            while (first < count)
            {
                int last = first;
                while (join[last])
                {
                    last++;
                }
                int nextFirst = last + 1;
                int nextLast = nextFirst;
                while (nextLast < count && join[nextLast])
                {
                    nextLast++;
                }
                RestoreWord(text, starts, ends, first, last, previousFirst, nextFirst < count ? nextLast : -1, join, edit);
                previousFirst = first;
                first = nextFirst;
            }
            for (int j = 0; j < text.Length; j++)
            {
                char e = edit[j];
                if (e == '\0')
                {
                    output.Copy(input, j);
                }
                else if (e == Delete)
                {
                    continue;
                }
                else if (e == PersianChars.Zwnj && text[j] != ' ')
                {
                    InsertZwnj(input, output, j);
                    output.Copy(input, j);
                }
                else
                {
                    output.Replace(input, j, e);
                }
            }
        }
        finally
        {
            ArrayPool<int>.Shared.Return(tokenStarts);
            ArrayPool<int>.Shared.Return(tokenEnds);
            ArrayPool<bool>.Shared.Return(joinNext);
            ArrayPool<char>.Shared.Return(edits);
        }
    }

    // An inserted half-space is anchored between its neighbours' source ranges: empty where they are
    // adjacent, and inside the source character where both come from one (a ligature such as «ﷲ»), so
    // the alignment stays monotonic.
    private static void InsertZwnj(AlignedTextBuilder input, AlignedTextBuilder output, int before)
    {
        if (!output.TrackAlignment || before == 0)
        {
            output.Insert(input, before, PersianChars.Zwnj);
            return;
        }
        int start = input.Starts[before];
        output.Append(PersianChars.Zwnj, start, Math.Max(input.Ends[before - 1], start));
    }

    // Persian word runs, skipping protected runs (URLs, e-mail, hashtags, mentions).
    private static int FindWords(ReadOnlySpan<char> text, Span<int> starts, Span<int> ends)
    {
        int count = 0;
        int i = 0;
        while (i < text.Length)
        {
            if ((i == 0 || char.IsWhiteSpace(text[i - 1])) && !char.IsWhiteSpace(text[i]) && ProtectedRuns.Length(text, i) is > 0 and var skip)
            {
                i += skip;
                continue;
            }
            if (!HalfSpaceText.IsWordRunChar(text[i]) || text[i] == PersianChars.Zwnj)
            {
                i++;
                continue;
            }
            int start = i;
            while (i < text.Length && HalfSpaceText.IsWordRunChar(text[i]))
            {
                i++;
            }
            starts[count] = start;
            ends[count] = i;
            count++;
        }
        return count;
    }

    private void MergeSpaced(ReadOnlySpan<char> text, ReadOnlySpan<int> starts, ReadOnlySpan<int> ends, Span<bool> join, Span<char> edit)
    {
        Span<char> left = stackalloc char[HalfSpaceText.MaxKeyLength + 1];
        Span<char> right = stackalloc char[HalfSpaceText.MaxKeyLength + 1];
        int leftLength = 0;
        for (int t = 0; t + 1 < starts.Length; t++)
        {
            if (t == 0 || !join[t - 1])
            {
                leftLength = HalfSpaceText.Fold(text[starts[t]..ends[t]], left, default, out _);
            }
            int gap = ends[t];
            if (leftLength <= 0 || starts[t + 1] != gap + 1 || text[gap] != ' ')
            {
                continue;
            }
            var rightWord = text[starts[t + 1]..ends[t + 1]];
            if (!PersianChars.IsLetter(rightWord[0]) || text[gap - 1] == PersianChars.Kashida)
            {
                continue; // a kashida at the joint is a typed dash («ب ـ ه»), not a word boundary to close
            }
            if (rightWord.Contains(PersianChars.Zwnj))
            {
                continue; // a word that already carries a half-space is complete; joining to it would not be idempotent
            }
            int rightLength = HalfSpaceText.Fold(rightWord, right, default, out _);
            if (rightLength <= 0 || leftLength + rightLength > HalfSpaceText.MaxKeyLength || !PersianChars.IsLetter(right[0]))
            {
                continue;
            }
            bool visible = PersianChars.JoinsToNext(left[leftLength - 1]);
            if (visible ? ShouldMerge(left[..leftLength], right[..rightLength]) : ShouldGlue(left[..leftLength], right[..rightLength]))
            {
                join[t] = true;
                edit[gap] = visible ? PersianChars.Zwnj : Delete;
                right[..rightLength].CopyTo(left[leftLength..]);
                leftLength += rightLength;
            }
        }
    }

    /// <summary>
    /// Whether «a b» is one word whose half-space was typed as a space: the half-space join is attested more
    /// often than the two words side by side, or the right part is a bound suffix chain, or a verbal prefix
    /// stands before a verb. Never on the count of the joined word alone («ما در» is not «مادر»).
    /// </summary>
    internal bool ShouldMerge(ReadOnlySpan<char> a, ReadOnlySpan<char> b)
    {
        Span<char> joined = stackalloc char[a.Length + b.Length + 1];
        a.CopyTo(joined);
        b.CopyTo(joined[a.Length..]);
        var key = joined[..(a.Length + b.Length)];
        if (_model.WordLookup.TryGetValue(key, out var entry) && entry.Count > 1)
        {
            if ((entry.Mask & (1UL << a.Length)) == 0)
            {
                return false;
            }
            joined[a.Length] = ' ';
            a.CopyTo(joined);
            b.CopyTo(joined[(a.Length + 1)..]);
            _model.SpacedPairLookup.TryGetValue(joined, out int spaced);
            if (entry.Count >= MinMergeCount && entry.Count > MergeMargin * spaced)
            {
                return true;
            }
        }
        char letterClass = HalfSpaceText.LetterClass(a[^1]);
        if (a.Length >= 2 && Affixes.ChainLookup.TryGetValue(b, out var morphemes) && Affixes.BoundMorphemes.Contains(morphemes[0])
            && _model.WordLookup.TryGetValue(a, out var stem) && stem.Count > 1
            && (morphemes[0] is "ها" or "ترین" || !(_model.WordLookup.TryGetValue(b, out var word) && word.Count > 1)))
        {
            // A chain that is also a word of its own («امام» = ام + ام) joins only from the closed plural/superlative set.
            return _model.BoundaryShare('S', morphemes[0], letterClass) >= HalfSpaceModel.BoundaryThreshold;
        }
        if (a is "می" or "نمی")
        {
            return b.Length >= 2 && _analyzer.IsVerbForm(b);
        }
        return false;
    }

    /// <summary>After a non-joining letter a half-space is invisible: the plural chain is written joined («در ها» → «درها»).</summary>
    internal bool ShouldGlue(ReadOnlySpan<char> a, ReadOnlySpan<char> b) =>
        a.Length >= 2 && Affixes.ChainLookup.TryGetValue(b, out var morphemes) && morphemes[0] == "ها"
        && _model.WordLookup.TryGetValue(a, out var stem) && stem.Count > 1;

    private void RestoreWord(ReadOnlySpan<char> text, ReadOnlySpan<int> starts, ReadOnlySpan<int> ends, int first, int last, int previousFirst, int nextLast, ReadOnlySpan<bool> join, Span<char> edit)
    {
        Span<char> key = stackalloc char[HalfSpaceText.MaxKeyLength];
        Span<int> map = stackalloc int[HalfSpaceText.MaxKeyLength];
        int n = FoldGroup(text, starts, ends, first, last, key, map, out ulong existing);
        if (n < 2)
        {
            return;
        }
        key = key[..n];
        existing = HalfSpaceText.ValidGaps(key, existing);
        var decision = Decide(text, starts, ends, key, first, last, previousFirst, nextLast, join);
        if (!decision.Found)
        {
            return;
        }
        ulong missing = decision.Mask & ~existing;
        if (_insert && (existing & ~decision.Mask) == 0)
        {
            for (ulong m = missing; m != 0; m &= m - 1)
            {
                int i = System.Numerics.BitOperations.TrailingZeroCount(m);
                edit[map[i]] = PersianChars.Zwnj;
            }
        }
        if (_hamza)
        {
            RestoreHamza(text, key, map, decision, edit);
        }
    }

    private void RestoreHamza(ReadOnlySpan<char> text, ReadOnlySpan<char> key, ReadOnlySpan<int> map, Decision decision, Span<char> edit)
    {
        int start = 0;
        int length = key.Length;
        string? spelled = null;
        // The word itself, else (for a word not attested in text) its longest stem before a suffix chain
        // («موثرتری» = «مؤثر» + «تری»), else the analysed stem. «راستای» is attested: «رأس» + «تای» never applies.
        int shortest = _model.WordLookup.TryGetValue(key, out var known) && known.Count > 1 ? key.Length : 3;
        for (; length >= shortest; length--)
        {
            if ((length == key.Length || Affixes.ChainLookup.ContainsKey(key[length..])) && _model.HamzaLookup.TryGetValue(key[..length], out spelled))
            {
                break;
            }
        }
        if (spelled is null)
        {
            if (decision.CoreStart <= 0 || !_model.HamzaLookup.TryGetValue(key.Slice(decision.CoreStart, decision.CoreLength), out spelled))
            {
                return;
            }
            start = decision.CoreStart;
            length = decision.CoreLength;
        }
        for (int i = 0; i < length; i++)
        {
            int at = map[start + i];
            if (spelled[i] != key[start + i] && text[at] == key[start + i] && edit[at] == '\0')
            {
                edit[at] = spelled[i];
            }
        }
    }

    // Folds the words first..last (joined by merges) into one key; a merge boundary counts as a half-space.
    private static int FoldGroup(ReadOnlySpan<char> text, ReadOnlySpan<int> starts, ReadOnlySpan<int> ends, int first, int last, Span<char> key, Span<int> map, out ulong existing)
    {
        existing = 0;
        int n = 0;
        for (int t = first; t <= last; t++)
        {
            int length = HalfSpaceText.Fold(text[starts[t]..ends[t]], key[n..], map[n..], out ulong mask);
            if (length < 0 || (t < last && n + length >= HalfSpaceText.MaxKeyLength))
            {
                return -1;
            }
            for (int i = n; i < n + length; i++)
            {
                map[i] += starts[t];
            }
            existing |= mask << n;
            if (t > first && length > 0)
            {
                existing |= 1UL << n;
            }
            n += length;
        }
        return n;
    }

    private Decision Decide(ReadOnlySpan<char> text, ReadOnlySpan<int> starts, ReadOnlySpan<int> ends, ReadOnlySpan<char> key, int first, int last, int previousFirst, int nextLast, ReadOnlySpan<bool> join)
    {
        if (_model.WordLookup.TryGetValue(key, out var entry) && !IsLexiconOnlyJoined(entry))
        {
            ulong mask = entry.Mask;
            if (entry.AltMask != 0)
            {
                mask = ChooseByContext(text, starts, ends, key, entry, previousFirst, first - 1, last + 1, nextLast);
            }
            return new Decision(mask, 0, (short)key.Length, true);
        }
        if (_memoLookup.TryGetValue(key, out var memo))
        {
            return memo;
        }
        Decision decision;
        if (entry.Count > 0)
        {
            // Lexicon-only and written joined: the lexicons follow older conventions for plurals and
            // suffixes («شخصیتهای»); an analysis into known stem + suffixes decides, else the lexicon does.
            decision = _analyzer.TryAnalyze(key, out ulong suffixed, out int start, out int length, null, suffixesOnly: true)
                ? new Decision(suffixed, (short)start, (short)length, true)
                : new Decision(0, 0, (short)key.Length, true);
        }
        else
        {
            decision = _analyzer.TryDecide(key, out ulong analysed, out int coreStart, out int coreLength)
                ? new Decision(analysed, (short)coreStart, (short)coreLength, true)
                : default;
        }
        if (_memo.Count >= MemoLimit)
        {
            _memo.Clear();
        }
        _memoLookup.TryAdd(key, decision);
        return decision;
    }

    private static bool IsLexiconOnlyJoined(WordEntry entry) => entry.Count == 1 && entry.Mask == 0;

    private ulong ChooseByContext(ReadOnlySpan<char> text, ReadOnlySpan<int> starts, ReadOnlySpan<int> ends, ReadOnlySpan<char> key, WordEntry entry, int previousFirst, int previousLast, int nextFirst, int nextLast)
    {
        double total = entry.Count + entry.AltCount;
        double prior = entry.Count / total;
        double score = Math.Log(prior) - Math.Log(1 - prior);
        if (previousFirst >= 0)
        {
            score += SideScore('<', text, starts, ends, previousFirst, previousLast, key, prior);
        }
        if (nextLast >= 0)
        {
            score += SideScore('>', text, starts, ends, nextFirst, nextLast, key, prior);
        }
        return score >= 0 ? entry.Mask : entry.AltMask;
    }

    // Log-odds shift of the first reading given one neighbour: smoothed P(reading | neighbour) against the prior.
    private double SideScore(char side, ReadOnlySpan<char> text, ReadOnlySpan<int> starts, ReadOnlySpan<int> ends, int first, int last, ReadOnlySpan<char> key, double prior)
    {
        Span<char> buffer = stackalloc char[2 * HalfSpaceText.MaxKeyLength + 2];
        Span<int> map = stackalloc int[HalfSpaceText.MaxKeyLength];
        buffer[0] = side;
        int n = FoldGroup(text, starts, ends, first, last, buffer.Slice(1, HalfSpaceText.MaxKeyLength), map, out _);
        if (n <= 0)
        {
            return 0;
        }
        buffer[n + 1] = '\t';
        key.CopyTo(buffer[(n + 2)..]);
        if (!_model.ContextLookup.TryGetValue(buffer[..(n + 2 + key.Length)], out var counts))
        {
            return 0;
        }
        double sum = counts.First + counts.Second;
        double p = (counts.First + ContextSmoothing * prior) / (sum + ContextSmoothing);
        return Math.Log(p) - Math.Log(1 - p) - (Math.Log(prior) - Math.Log(1 - prior));
    }
}
