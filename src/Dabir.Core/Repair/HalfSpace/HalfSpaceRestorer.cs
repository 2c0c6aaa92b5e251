using System.Runtime.CompilerServices;
using System.Numerics;
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
/// <remarks>
/// Speed: most tokens are frequent words, so everything that depends on the written word alone (its key,
/// the decision, the edits, the facts the merge step asks about) is worked out once per word type and kept
/// in a bounded per-thread cache keyed on the word as written; a token then costs one span lookup.
/// </remarks>
internal sealed class HalfSpaceRestorer : IRepairPass
{
    // Bounded caches (per thread): cleared when full, so memory stays flat on endless input.
    private const int WordCacheLimit = 150_000;
    private const int MemoLimit = 100_000;

    // Edit marker: drop the character (a space between a non-joining letter and its plural suffix).
    private const char Delete = '\uFFFF';
    private const double ContextSmoothing = 2.0;

    // Outside lines typed with spaces, a prefix joins its word when the half-space join is attested and far
    // more often than the two words side by side.
    private const int MinPrefixMergeCount = 8;
    private const int PrefixMergeMargin = 4;

    // Outside lines typed with spaces, any half-space join that is well attested and far more frequent than
    // the two words side by side («احوال پرسی») — unless the line shows its half-spaces were deleted (a word
    // in it needs one inserted) or kept (a word in it has one): then its spaces are real («قائم مقام» beside
    // «نامههای» or «نامه‌های»).
    private const int MinCompoundMergeCount = 20;
    private const int CompoundMergeMargin = 10;


    private readonly HalfSpaceModel _model;
    private readonly WordAnalyzer _analyzer;
    private readonly bool _insert;
    private readonly bool _merge;
    private readonly bool _hamza;
    private static int s_nextSlot = -1;

    // Per-thread scratch of every restorer, indexed by its slot (restorers are few and live for the process).
    [ThreadStatic]
    private static Scratch?[]? t_scratch;

    private readonly int _slot;

    private readonly record struct Decision(ulong Mask, short CoreStart, short CoreLength, bool Found);

    /// <summary>Everything about one written word that does not depend on its neighbours.</summary>
    private sealed class WordInfo
    {
        /// <summary>The word as written (the cache key).</summary>
        public string Raw = "";

        /// <summary>Folded key; empty when the word has no letters.</summary>
        public string Key = "";

        /// <summary>False when the key is too long to handle: the word is left as written and never merged.</summary>
        public bool Usable;

        /// <summary>Half-space gaps the word already has (key positions).</summary>
        public ulong Existing;

        public Decision Decision;

        /// <summary>The lexicon entry when its readings split at different places: decided per occurrence by context.</summary>
        public WordEntry ContextEntry;

        public bool Context;

        /// <summary>Key position → index in the written word (kept for context words only).</summary>
        public int[]? Map;

        /// <summary>Indices in the written word before which a half-space goes (words decided without context).</summary>
        public int[]? Inserts;

        /// <summary>Hamza letters to write: index in the written word and the letter.</summary>
        public (int At, char Letter)[]? Hamza;

        /// <summary>True when the word has something to do on its own: context, inserts or hamza.</summary>
        public bool Acts;

        // Facts the merge step asks about, worked out once per word type.
        /// <summary>May stand left of a merge: a usable, non-empty key not ending in a kashida (a typed dash «ب ـ ه»).</summary>
        public bool MayJoinRight;

        /// <summary>May stand right of a merge: starts with a letter, has no half-space yet (joining to it would not be idempotent).</summary>
        public bool MayJoinLeft;

        /// <summary>The key's last letter joins forward: a half-space after it is visible.</summary>
        public bool EndsJoining;

        /// <summary>The key may be the part before a half-space in an attested word.</summary>
        public bool LeftPart;

        /// <summary>The key may be the part after a half-space in an attested word.</summary>
        public bool RightPart;

        /// <summary><see cref="HalfSpaceModel.PartHash"/> of the key.</summary>
        public int KeyHash;

        /// <summary>A suffix chain whose first morpheme never stands as a word (ها، ترین، اش …).</summary>
        public bool BoundChain;

        /// <summary>A suffix chain starting with the plural «ها».</summary>
        public bool PluralChain;

        /// <summary>A compound second element («نامه», «گرا», «سازی»): joins a known word in lines typed with spaces when the pair is not attested.</summary>
        public bool SecondElement;

        /// <summary>A suffix chain starting with «تان/مان/شان»: bound after «ه/ی» in lines typed with spaces («علاقه تان»).</summary>
        public bool PersonalChain;

        /// <summary>«می» or «نمی».</summary>
        public bool VerbalPrefix;

        /// <summary>
        /// A bound piece standing as a word («می», «ها», «های», «ترین», «اند»): correctly written text (and text whose
        /// half-spaces were only deleted) never has one, so the line's half-spaces were typed as spaces.
        /// </summary>
        public bool SpacedSignal;
    }

    /// <summary>Per-thread buffers and caches, so a line allocates nothing once the caches are warm.</summary>
    private sealed class Scratch
    {
        public readonly WordTable Words = new(WordCacheLimit);
        public readonly Dictionary<string, Decision> Memo = new(StringComparer.Ordinal);
        public readonly Dictionary<string, Decision>.AlternateLookup<ReadOnlySpan<char>> MemoLookup;
        public int[] Starts = new int[64];
        public int[] Ends = new int[64];
        public int[] Hashes = new int[64];
        public bool[] Join = new bool[64];
        public WordInfo[] Infos = new WordInfo[64];
        public char[] Edits = new char[256];

        public Scratch()
        {
            MemoLookup = Memo.GetAlternateLookup<ReadOnlySpan<char>>();
        }

        public void Ensure(int length)
        {
            int words = length / 2 + 2;
            if (Starts.Length < words)
            {
                int size = Math.Max(words, Starts.Length * 2);
                Starts = new int[size];
                Ends = new int[size];
                Hashes = new int[size];
                Join = new bool[size];
                Infos = new WordInfo[size];
            }
            if (Edits.Length < length + 1)
            {
                Edits = new char[Math.Max(length + 1, Edits.Length * 2)];
            }
        }
    }

    /// <summary>
    /// Open-addressing cache from a written word to its <see cref="WordInfo"/>, probed with the hash that
    /// <see cref="FindWords"/> computes while scanning (no second pass over the word's characters).
    /// Emptied when full.
    /// </summary>
    private sealed class WordTable(int capacity)
    {
        // Slot: hash in the high 32 bits, entry index + 1 in the low 32 bits; 0 = empty.
        private readonly ulong[] _slots = new ulong[(int)BitOperations.RoundUpToPowerOf2((uint)capacity * 2)];
        private readonly WordInfo[] _entries = new WordInfo[capacity];
        private int _count;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public WordInfo? Find(ReadOnlySpan<char> word, int hash)
        {
            int mask = _slots.Length - 1;
            for (int i = hash & mask; ; i = (i + 1) & mask)
            {
                ulong slot = _slots[i];
                if (slot == 0)
                {
                    return null;
                }
                if ((int)(slot >> 32) == hash)
                {
                    var entry = _entries[(int)slot - 1];
                    if (word.SequenceEqual(entry.Raw))
                    {
                        return entry;
                    }
                }
            }
        }

        public void Clear()
        {
            Array.Clear(_slots);
            Array.Clear(_entries);
            _count = 0;
        }

        public void Add(WordInfo info, int hash)
        {
            if (_count == _entries.Length)
            {
                Clear();
            }
            int mask = _slots.Length - 1;
            int i = hash & mask;
            while (_slots[i] != 0)
            {
                i = (i + 1) & mask;
            }
            _entries[_count++] = info;
            _slots[i] = ((ulong)(uint)hash << 32) | (uint)_count;
        }
    }

    public HalfSpaceRestorer(HalfSpaceModel model, bool insert, bool mergeSpaced, bool restoreHamza)
    {
        _insert = insert;
        _model = model;
        _analyzer = new WordAnalyzer(model);
        _merge = mergeSpaced;
        _hamza = restoreHamza;
        _slot = Interlocked.Increment(ref s_nextSlot);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Apply(AlignedTextBuilder input, AlignedTextBuilder output)
    {
        var text = input.Chars;
        if (text.IndexOfAnyInRange('\u0621', '\u06D3') < 0)
        {
            output.CopyRange(input, 0, text.Length);
            return;
        }
        var scratch = CurrentScratch();
        scratch.Ensure(text.Length);
        int count = FindWords(text, scratch.Starts, scratch.Ends, scratch.Hashes);
        var starts = scratch.Starts.AsSpan(0, count);
        var ends = scratch.Ends.AsSpan(0, count);
        var hashes = scratch.Hashes.AsSpan(0, count);
        var infos = scratch.Infos.AsSpan(0, count);
        for (int t = 0; t < count; t++)
        {
            var word = text[starts[t]..ends[t]];
            infos[t] = scratch.Words.Find(word, hashes[t]) ?? Add(scratch, word, hashes[t]);
        }
        var join = scratch.Join.AsSpan(0, count);
        join.Clear();
        // edits[j]: '\0' copy, ZWNJ insert one before j, any other char replaces text[j].
        var edit = scratch.Edits.AsSpan(0, text.Length + 1);
        edit.Clear();
        if (_merge)
        {
            bool spacedLine = false;
            bool deletedLine = false;
            foreach (var info in infos)
            {
                spacedLine |= info.SpacedSignal;
                deletedLine |= info.Inserts is not null || info.Existing != 0;
            }
            MergeSpaced(text, starts, ends, infos, join, edit, spacedLine, deletedLine);
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
            if (first == last)
            {
                if (infos[first].Acts)
                {
                        RestoreWord(scratch, text, starts, ends, infos, first, previousFirst, nextFirst < count ? nextLast : -1, edit);
                }
            }
            else
            {
                RestoreGroup(scratch, text, starts, ends, infos, first, last, previousFirst, nextFirst < count ? nextLast : -1, edit);
            }
            previousFirst = first;
            first = nextFirst;
        }
        WriteEdits(input, output, edit[..text.Length]);
    }

    /// <summary>Empties this thread's word cache and analysis memo (benchmarks of the cold path).</summary>
    internal void ClearCaches()
    {
        var scratch = CurrentScratch();
        scratch.Words.Clear();
        scratch.Memo.Clear();
    }

    private Scratch CurrentScratch()
    {
        var all = t_scratch;
        if (all is null || all.Length <= _slot)
        {
            Array.Resize(ref all, Math.Max(_slot + 1, 8));
            t_scratch = all;
        }
        return all[_slot] ??= new Scratch();
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void WriteEdits(AlignedTextBuilder input, AlignedTextBuilder output, ReadOnlySpan<char> edit)
    {
        int j = 0;
        while (j < edit.Length)
        {
            int unchanged = edit[j..].IndexOfAnyExcept('\0');
            if (unchanged < 0)
            {
                output.CopyRange(input, j, edit.Length - j);
                return;
            }
            output.CopyRange(input, j, unchanged);
            j += unchanged;
            char e = edit[j];
            if (e == Delete)
            {
                // dropped
            }
            else if (e == PersianChars.Zwnj && input[j] != ' ')
            {
                InsertZwnj(input, output, j);
                output.Copy(input, j);
            }
            else
            {
                output.Replace(input, j, e);
            }
            j++;
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

    // Persian word runs, skipping protected runs (URLs, e-mail, hashtags, mentions). Not Dabir.Text.Words nor the
    // tokenizer: the model is keyed on runs of Persian letters, marks and half-spaces, which stop at digits and punctuation.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int FindWords(ReadOnlySpan<char> text, Span<int> starts, Span<int> ends, Span<int> hashes)
    {
        int count = 0;
        int i = 0;
        while (i < text.Length)
        {
            char c = text[i];
            if (c < 0x80 && (i == 0 || IsSpace(text[i - 1])) && !char.IsWhiteSpace(c) && ProtectedRuns.Length(text, i) is > 0 and var skip)
            {
                i += skip;
                continue;
            }
            if (!HalfSpaceText.IsWordRunChar(c) || c == PersianChars.Zwnj)
            {
                i++;
                continue;
            }
            int start = i;
            uint hash = 2166136261;
            while (i < text.Length && HalfSpaceText.IsWordRunChar(text[i]))
            {
                hash = (hash ^ text[i]) * 16777619;
                i++;
            }
            starts[count] = start;
            ends[count] = i;
            hashes[count] = (int)(hash ^ (hash >> 15));
            count++;
        }
        return count;
    }

    // char.IsWhiteSpace without the Unicode table lookup for letters of the Arabic block.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsSpace(char c) => c < 0x80 ? c is ' ' or (>= '\t' and <= '\r') : !PersianChars.IsArabicScript(c) && char.IsWhiteSpace(c);

    private WordInfo Add(Scratch scratch, ReadOnlySpan<char> word, int hash)
    {
        var info = Analyse(scratch, word);
        scratch.Words.Add(info, hash);
        return info;
    }

    // Works out everything about a written word that its neighbours do not change.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private WordInfo Analyse(Scratch scratch, ReadOnlySpan<char> word)
    {
        Span<char> key = stackalloc char[HalfSpaceText.MaxKeyLength];
        Span<int> map = stackalloc int[HalfSpaceText.MaxKeyLength];
        var info = new WordInfo { Raw = word.ToString() };
        int n = HalfSpaceText.Fold(word, key, map, out ulong existing);
        if (n < 0)
        {
            return info;
        }
        info.Usable = true;
        key = key[..n];
        info.Key = new string(key);
        info.Existing = HalfSpaceText.ValidGaps(key, existing);
        if (n > 0)
        {
            info.MayJoinRight = word[^1] != PersianChars.Kashida;
            info.MayJoinLeft = PersianChars.IsLetter(word[0]) && !word.Contains(PersianChars.Zwnj) && PersianChars.IsLetter(key[0]);
            // Judged on the letter as written: «ة» folds to «ه» but does not join, so a half-space after it is invisible.
            // The letter that ends the word counts too: a hamza the key drops («ء» after «ؿ») does not join, and the
            // cleanup of misplaced half-spaces would take out a half-space put after it (found by fuzzing).
            info.EndsJoining = PersianChars.JoinsToNext(word[map[n - 1]]) && PersianChars.JoinsToNext(LastLetter(word));
            info.KeyHash = HalfSpaceModel.PartHash(key);
            info.LeftPart = _model.MayBeLeftPart(key);
            info.RightPart = _model.MayBeRightPart(key);
            if (Affixes.ChainLookup.TryGetValue(key, out var chain))
            {
                info.BoundChain = Affixes.BoundMorphemes.Contains(chain[0]);
                info.PluralChain = chain[0] == "ها";
                info.PersonalChain = IsPersonalSuffix(chain[0]);
            }
            info.SecondElement = _model.SecondElementLookup.Contains(key);
            info.VerbalPrefix = key.Length >= 2 && key[^2..] is "می" && IsVerbalPrefix(key);
            info.SpacedSignal = info.VerbalPrefix || (chain is not null && chain[0] is "ها" or "ترین") || key is "اند" || _model.BoundPieceLookup.Contains(key);
        }
        if (n < 2)
        {
            return info;
        }
        info.Decision = Decide(scratch, key, out var entry);
        if (!info.Decision.Found)
        {
            return info;
        }
        if (entry.AltMask != 0)
        {
            info.Context = true;
            info.ContextEntry = entry;
            info.Map = map[..n].ToArray();
        }
        else if (_insert && (info.Existing & ~info.Decision.Mask) == 0 && (info.Decision.Mask & ~info.Existing & WrittenGaps(word, map, n)) != 0)
        {
            ulong missing = info.Decision.Mask & ~info.Existing & WrittenGaps(word, map, n);
            var inserts = new int[BitOperations.PopCount(missing)];
            int k = 0;
            for (ulong m = missing; m != 0; m &= m - 1)
            {
                inserts[k++] = map[BitOperations.TrailingZeroCount(m)];
            }
            info.Inserts = inserts;
        }
        if (_hamza)
        {
            var hamza = new List<(int, char)>();
            HamzaEdits(word, key, map, info.Decision, 0, hamza);
            info.Hamza = hamza.Count > 0 ? [.. hamza] : null;
        }
        info.Acts = info.Context || info.Inserts is not null || info.Hamza is not null;
        return info;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void MergeSpaced(ReadOnlySpan<char> text, ReadOnlySpan<int> starts, ReadOnlySpan<int> ends, ReadOnlySpan<WordInfo> infos, Span<bool> join, Span<char> edit, bool spacedLine, bool deletedLine)
    {
        Span<char> group = stackalloc char[HalfSpaceText.MaxKeyLength + 1];
        int groupLength = 0; // > 0 once the left side is a group of merged words, held in «group»
        for (int t = 0; t + 1 < starts.Length; t++)
        {
            var leftInfo = infos[t];
            var rightInfo = infos[t + 1];
            if (t == 0 || !join[t - 1])
            {
                groupLength = 0;
            }
            int gap = ends[t];
            // Cheap per-type facts first: most pairs fail here.
            if (!rightInfo.MayJoinLeft || !leftInfo.MayJoinRight || starts[t + 1] != gap + 1 || text[gap] != ' ')
            {
                continue;
            }
            var a = groupLength > 0 ? group[..groupLength] : leftInfo.Key.AsSpan();
            var b = rightInfo.Key.AsSpan();
            if (a.Length + b.Length > HalfSpaceText.MaxKeyLength)
            {
                continue;
            }
            bool visible = leftInfo.EndsJoining;
            bool candidate = visible
                ? rightInfo.BoundChain || (groupLength == 0 && leftInfo.VerbalPrefix)
                    || (spacedLine && (rightInfo.PersonalChain || (groupLength == 0 && rightInfo.SecondElement)))
                    || (rightInfo.RightPart && (groupLength > 0 ? _model.MayBeLeftPart(a) && _model.MayBeJoinedPair(HalfSpaceModel.PartHash(a), rightInfo.KeyHash)
                        : leftInfo.LeftPart && _model.MayBeJoinedPair(leftInfo.KeyHash, rightInfo.KeyHash)))
                : rightInfo.PluralChain;
            if (candidate && (visible ? ShouldMerge(a, b, spacedLine, deletedLine) : ShouldGlue(a, b, spacedLine)))
            {
                join[t] = true;
                edit[gap] = visible ? PersianChars.Zwnj : Delete;
                if (groupLength == 0)
                {
                    leftInfo.Key.CopyTo(group);
                    groupLength = leftInfo.Key.Length;
                }
                b.CopyTo(group[groupLength..]);
                groupLength += b.Length;
            }
        }
    }

    /// <summary>
    /// Whether «a b» is one word whose half-space was typed as a space: the half-space join is attested more
    /// often than the two words side by side, or the right part is a bound suffix chain, or a verbal prefix
    /// stands before a verb. Never on the count of the joined word alone («ما در» is not «مادر»).
    /// </summary>
    /// <param name="a">Left part (folded key).</param>
    /// <param name="b">Right part (folded key).</param>
    /// <param name="spacedLine">
    /// The line shows that its half-spaces were typed as spaces (a bound piece stands alone): then a join
    /// attested more often than the spaced pair is enough, a bound suffix joins an unknown word too, and
    /// «می/نمی» joins whatever follows. Every join allowed without it is allowed with it.
    /// </param>
    /// <param name="deletedLine">
    /// A word of the line has a half-space or needs one inserted: its half-spaces were kept or deleted, not typed as spaces, so only
    /// the strict merges apply outside lines typed with spaces.
    /// </param>
    internal bool ShouldMerge(ReadOnlySpan<char> a, ReadOnlySpan<char> b, bool spacedLine = false, bool deletedLine = true)
    {
        Span<char> joined = stackalloc char[a.Length + b.Length + 1];
        a.CopyTo(joined);
        b.CopyTo(joined[a.Length..]);
        var key = joined[..(a.Length + b.Length)];
        if (_model.WordLookup.TryGetValue(key, out var entry) && entry.Count > 1)
        {
            if ((entry.Mask & (1UL << a.Length)) == 0)
            {
                // Written joined there; unless the other reading splits here («حرف‌های» / «حرفه‌ای»), stay apart.
                // In a line typed with spaces, the typed space is itself evidence of the boundary when the right part
                // is a bound suffix chain («سوخته ای») or a compound element the training text never writes apart
                // from this word («نمایش نامه»: PerDT writes it solid, the typist marked the boundary).
                if ((entry.AltMask & (1UL << a.Length)) == 0
                    && !(spacedLine && (IsSpacedChain(a, b) || IsVerbalPrefix(a) || (_model.SecondElementLookup.Contains(b) && SpacedPairCount(a, b) == 0))))
                {
                    return false;
                }
            }
            else
            {
                joined[a.Length] = ' ';
                a.CopyTo(joined);
                b.CopyTo(joined[(a.Length + 1)..]);
                _model.SpacedPairLookup.TryGetValue(joined, out int spaced);
                // Any line: a prefix that forms compounds («بی دلیل»), when the join is well attested and far
                // more frequent than the pair. Lines typed with spaces: any join more frequent than the pair.
                if (spacedLine ? entry.Count > spaced
                    : entry.Count >= MinPrefixMergeCount && entry.Count > PrefixMergeMargin * spaced && IsNominalPrefix(a)
                      || !deletedLine && entry.Count >= MinCompoundMergeCount && entry.Count > CompoundMergeMargin * spaced)
                {
                    return true;
                }
            }
        }
        char letterClass = HalfSpaceText.LetterClass(a[^1]);
        if (a.Length >= 2 && Affixes.ChainLookup.TryGetValue(b, out var morphemes)
            && (Affixes.BoundMorphemes.Contains(morphemes[0]) || (spacedLine && a.Length >= 3 && letterClass != 'o' && IsPersonalSuffix(morphemes[0])))
            && ((_model.WordLookup.TryGetValue(a, out var stem) && stem.Count > 1) || spacedLine)
            && (morphemes[0] is "ها" or "ترین" || (spacedLine && !IsCommonWord(b)) || (letterClass != 'o' && morphemes.Length == 1) || !(_model.WordLookup.TryGetValue(b, out var word) && word.Count > 1)))
        {
            // A chain that is also a word of its own («ای» the vocative, «امام» = ام + ام, «امید») joins only from the
            // closed plural/superlative set; but after «ه» and «ی» correct text never has a lone «ای/ام/اند» as a word.
            return _model.BoundaryShare('S', morphemes[0], letterClass) >= HalfSpaceModel.BoundaryThreshold;
        }
        if (a.Length >= 2 && a[^2..] is "می" && IsVerbalPrefix(a))
        {
            return b.Length >= 2 && (spacedLine || _analyzer.IsVerbForm(b));
        }
        // Lines typed with spaces: a known word and a compound second element that (almost) never stands as a word
        // of its own (a bound piece) and that the training text never has side by side with this word, where the learned statistic puts a half-space before that element («اصول گرا»).
        if (spacedLine && a.Length >= 3 && _model.SecondElementLookup.Contains(b) && _model.BoundPieceLookup.Contains(b)
            && _model.WordLookup.TryGetValue(a, out var first) && first.Count > 1 && SpacedPairCount(a, b) == 0)
        {
            double share = _model.BoundaryShare('C', b, letterClass);
            if (share < 0)
            {
                share = _model.BoundaryShare('C', "*", letterClass);
            }
            return share >= HalfSpaceModel.BoundaryThreshold;
        }
        return false;
    }

    // A chain that is also a common word («امام», «ای» the vocative): typed alone it is that word, even in a line typed with spaces.
    private const int CommonWordCount = 200;

    private bool IsCommonWord(ReadOnlySpan<char> b) => _model.WordLookup.TryGetValue(b, out var word) && word.Count >= CommonWordCount;

    private static bool IsPersonalSuffix(string morpheme) => morpheme is "تان" or "مان" or "شان";

    // A suffix chain typed after a space in a line typed with spaces: bound («ای، اش، ها …»), or «تان/مان/شان» after «ه/ی».
    private bool IsSpacedChain(ReadOnlySpan<char> a, ReadOnlySpan<char> b) =>
        a.Length >= 2 && Affixes.ChainLookup.TryGetValue(b, out var morphemes)
        && (Affixes.BoundMorphemes.Contains(morphemes[0]) || (a.Length >= 3 && HalfSpaceText.LetterClass(a[^1]) != 'o' && IsPersonalSuffix(morphemes[0])))
        && _model.WordLookup.TryGetValue(a, out var stem) && stem.Count > 1;

    private int SpacedPairCount(ReadOnlySpan<char> a, ReadOnlySpan<char> b)
    {
        Span<char> pair = stackalloc char[a.Length + b.Length + 1];
        a.CopyTo(pair);
        pair[a.Length] = ' ';
        b.CopyTo(pair[(a.Length + 1)..]);
        _model.SpacedPairLookup.TryGetValue(pair, out int count);
        return count;
    }

    private static bool IsNominalPrefix(ReadOnlySpan<char> a)
    {
        foreach (var prefix in Affixes.NominalPrefixes)
        {
            if (a.SequenceEqual(prefix))
            {
                return true;
            }
        }
        return false;
    }

    private static bool IsVerbalPrefix(ReadOnlySpan<char> a)
    {
        foreach (var prefix in Affixes.VerbalPrefixes)
        {
            if (a.SequenceEqual(prefix))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>After a non-joining letter a half-space is invisible: the plural chain is written joined («در ها» → «درها»).</summary>
    internal bool ShouldGlue(ReadOnlySpan<char> a, ReadOnlySpan<char> b, bool spacedLine = false) =>
        a.Length >= 2 && Affixes.ChainLookup.TryGetValue(b, out var morphemes) && morphemes[0] == "ها"
        && ((_model.WordLookup.TryGetValue(a, out var stem) && stem.Count > 1) || spacedLine);

    // One word, not merged with a neighbour: its cached facts decide, context only for split-place ambiguities.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void RestoreWord(Scratch scratch, ReadOnlySpan<char> text, ReadOnlySpan<int> starts, ReadOnlySpan<int> ends, ReadOnlySpan<WordInfo> infos, int t, int previousFirst, int nextLast, Span<char> edit)
    {
        var info = infos[t];
        if (!info.Decision.Found)
        {
            return;
        }
        int start = starts[t];
        if (info.Context)
        {
            ulong mask = ChooseByContext(text, starts, ends, infos, info.Key, info.ContextEntry, previousFirst, t - 1, t + 1, nextLast);
            ulong missing = mask & ~info.Existing & WrittenGaps(text[start..], info.Map, info.Map!.Length);
            if (_insert && (info.Existing & ~mask) == 0)
            {
                for (ulong m = missing; m != 0; m &= m - 1)
                {
                    edit[start + info.Map![BitOperations.TrailingZeroCount(m)]] = PersianChars.Zwnj;
                }
            }
        }
        else if (info.Inserts is { } inserts)
        {
            foreach (int at in inserts)
            {
                edit[start + at] = PersianChars.Zwnj;
            }
        }
        if (info.Hamza is { } hamza)
        {
            foreach (var (at, letter) in hamza)
            {
                if (edit[start + at] == '\0')
                {
                    edit[start + at] = letter;
                }
            }
        }
    }

    // Words joined by the merge step: decided as one key (rare enough to fold again).
    private void RestoreGroup(Scratch scratch, ReadOnlySpan<char> text, ReadOnlySpan<int> starts, ReadOnlySpan<int> ends, ReadOnlySpan<WordInfo> infos, int first, int last, int previousFirst, int nextLast, Span<char> edit)
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
        var decision = Decide(scratch, key, out var entry);
        if (!decision.Found)
        {
            return;
        }
        ulong mask = entry.AltMask != 0
            ? ChooseByContext(text, starts, ends, infos, key, entry, previousFirst, first - 1, last + 1, nextLast)
            : decision.Mask;
        ulong missing = mask & ~existing & WrittenGaps(text, map, n);
        if (_insert && (existing & ~mask) == 0)
        {
            for (ulong m = missing; m != 0; m &= m - 1)
            {
                edit[map[BitOperations.TrailingZeroCount(m)]] = PersianChars.Zwnj;
            }
        }
        if (_hamza)
        {
            var hamza = new List<(int At, char Letter)>();
            HamzaEdits(text, key, map, decision, 0, hamza);
            foreach (var (at, letter) in hamza)
            {
                if (edit[at] == '\0')
                {
                    edit[at] = letter;
                }
            }
        }
    }

    // The word's last character that is not a combining mark.
    private static char LastLetter(ReadOnlySpan<char> word)
    {
        int i = word.Length - 1;
        while (i > 0 && PersianChars.IsMark(word[i]))
        {
            i--;
        }
        return word[i];
    }

    // Gaps where a half-space is visible in the word as written: after a letter that joins forward there
    // («ة», «ۀ» fold to «ه» but do not join), so the cleanup of misplaced half-spaces never undoes an insert.
    private static ulong WrittenGaps(ReadOnlySpan<char> text, ReadOnlySpan<int> map, int n)
    {
        ulong gaps = 0;
        for (int i = 1; i < n && i < 64; i++)
        {
            if (PersianChars.JoinsToNext(text[map[i - 1]]))
            {
                gaps |= 1UL << i;
            }
        }
        return gaps;
    }

    // Hamza letters for a word: its PerDT spelling, else (for a word not attested in text) its longest stem
    // before a suffix chain («موثرتری» = «مؤثر» + «تری»), else the analysed stem. «راستای» is attested:
    // «رأس» + «تای» never applies. Positions are indices into text (map values plus offset).
    private void HamzaEdits(ReadOnlySpan<char> text, ReadOnlySpan<char> key, ReadOnlySpan<int> map, Decision decision, int offset, List<(int At, char Letter)> edits)
    {
        int start = 0;
        int length = key.Length;
        string? spelled = null;
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
            if (spelled[i] != key[start + i] && text[at] == key[start + i])
            {
                edits.Add((at + offset, spelled[i]));
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

    // The decision for a key on its own: the attested spelling, else (memoised) the analysis.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private Decision Decide(Scratch scratch, ReadOnlySpan<char> key, out WordEntry entry)
    {
        if (_model.WordLookup.TryGetValue(key, out entry) && !IsLexiconOnlyJoined(entry))
        {
            return new Decision(entry.Mask, 0, (short)key.Length, true);
        }
        var lexicon = entry;
        entry = default;
        if (scratch.MemoLookup.TryGetValue(key, out var memo))
        {
            return memo;
        }
        Decision decision;
        if (lexicon.Count > 0)
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
        if (scratch.Memo.Count >= MemoLimit)
        {
            scratch.Memo.Clear();
        }
        scratch.MemoLookup[key] = decision;
        return decision;
    }

    private static bool IsLexiconOnlyJoined(WordEntry entry) => entry.Count == 1 && entry.Mask == 0;

    private ulong ChooseByContext(ReadOnlySpan<char> text, ReadOnlySpan<int> starts, ReadOnlySpan<int> ends, ReadOnlySpan<WordInfo> infos, ReadOnlySpan<char> key, WordEntry entry, int previousFirst, int previousLast, int nextFirst, int nextLast)
    {
        double total = entry.Count + entry.AltCount;
        double prior = entry.Count / total;
        double score = Math.Log(prior) - Math.Log(1 - prior);
        if (previousFirst >= 0)
        {
            score += SideScore('<', text, starts, ends, infos, previousFirst, previousLast, key, prior);
        }
        if (nextLast >= 0)
        {
            score += SideScore('>', text, starts, ends, infos, nextFirst, nextLast, key, prior);
        }
        return score >= 0 ? entry.Mask : entry.AltMask;
    }

    // Log-odds shift of the first reading given one neighbour: smoothed P(reading | neighbour) against the prior.
    private double SideScore(char side, ReadOnlySpan<char> text, ReadOnlySpan<int> starts, ReadOnlySpan<int> ends, ReadOnlySpan<WordInfo> infos, int first, int last, ReadOnlySpan<char> key, double prior)
    {
        Span<char> buffer = stackalloc char[2 * HalfSpaceText.MaxKeyLength + 2];
        buffer[0] = side;
        int n;
        if (first == last)
        {
            var info = infos[first];
            n = info.Usable ? info.Key.Length : -1;
            if (n > 0)
            {
                info.Key.CopyTo(buffer[1..]);
            }
        }
        else
        {
            Span<int> map = stackalloc int[HalfSpaceText.MaxKeyLength];
            n = FoldGroup(text, starts, ends, first, last, buffer.Slice(1, HalfSpaceText.MaxKeyLength), map, out _);
        }
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
