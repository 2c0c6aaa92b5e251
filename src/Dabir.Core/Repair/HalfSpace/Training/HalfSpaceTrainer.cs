using System.Globalization;
using System.Numerics;
using System.Text;
using Dabir.Text;

namespace Dabir.Repair.HalfSpace.Training;

/// <summary>Figures from one training run, for the log and the model card.</summary>
/// <param name="TextTokens">Word tokens read from the training text.</param>
/// <param name="Words">Word keys in the model.</param>
/// <param name="AmbiguousWords">Words whose readings split at different places, decided by context.</param>
/// <param name="BoundaryStatistics">Boundary statistics learned per word type.</param>
/// <param name="SecondElements">Compound second elements.</param>
/// <param name="VerbStems">Verb stems.</param>
/// <param name="SpacedPairs">Spaced pairs counted for the merge step.</param>
/// <param name="HamzaWords">Words with a hamza spelling.</param>
/// <param name="BoundPieces">Pieces of half-space words never written alone.</param>
/// <param name="ModelBytes">Size of the compressed model.</param>
public sealed record HalfSpaceTrainingReport(
    long TextTokens, int Words, int AmbiguousWords, int BoundaryStatistics, int SecondElements, int VerbStems, int SpacedPairs, int HamzaWords, int BoundPieces, long ModelBytes);

/// <summary>
/// Builds the half-space model from the shared data folder: attested spellings from correctly written
/// text (PerDT and Seraji training sentences, the Bijankhan subset) and the Hazm, Shekar and Parsivar
/// lexicons; boundary statistics by re-analysing every training word type with its own entry hidden;
/// context counts for words whose readings split at different places; spaced-pair counts; hamza spellings.
/// The development files are never read. The same data gives the same bytes.
/// </summary>
public static class HalfSpaceTrainer
{
    // Text weights: PerDT is the house convention; Bijankhan agrees mostly; Seraji writes plurals joined.
    private static readonly (string Path, int Weight, bool Tabular)[] TextSources =
    [
        ("orthography/perdt-train.txt", 4, false),
        ("pos/bijankhan-subset.txt", 2, true),
        ("orthography/seraji-train.txt", 1, false),
    ];

    // The house convention: where PerDT attests a word, its majority spelling wins over the other sources.
    private const string HouseSource = "orthography/perdt-train.txt";

    private const int MinSecondElementTypes = 3;
    private const double MinAltShare = 0.05;
    private const int MinAltCount = 4;
    private const int MinBoundPieceCount = 12;
    private const int MaxAloneShare = 50;

    private sealed class KeyStats
    {
        public readonly Dictionary<ulong, int> Masks = [];
        public readonly Dictionary<ulong, int> HouseMasks = [];
        public readonly Dictionary<string, int> HamzaForms = new(StringComparer.Ordinal);
        public readonly Dictionary<string, int> HouseHamzaForms = new(StringComparer.Ordinal);
        public int Total;
        public int HouseTotal;
        public bool Primary;
    }

    private readonly record struct Token(string Key, ulong Mask, int Weight, bool SingleSpaceBefore);

    /// <summary>Trains on <paramref name="dataDirectory"/> (the folder holding orthography/, pos/, lexicons/) and writes the compressed model.</summary>
    public static HalfSpaceTrainingReport Train(string dataDirectory, Stream output, TextWriter? log = null)
    {
        ArgumentNullException.ThrowIfNull(dataDirectory);
        ArgumentNullException.ThrowIfNull(output);
        var stats = new Dictionary<string, KeyStats>(StringComparer.Ordinal);
        var sentences = new List<Token[]>();
        long tokens = 0;
        foreach (var (path, weight, tabular) in TextSources)
        {
            var full = Path.Combine(dataDirectory, path);
            long before = tokens;
            foreach (var sentence in ReadSentences(full, tabular))
            {
                var list = new List<Token>();
                Tokenize(sentence, weight, stats, list, primary: weight > 1, house: path == HouseSource);
                tokens += list.Count;
                sentences.Add([.. list]);
            }
            log?.WriteLine($"read {path}: {tokens - before:N0} word tokens");
        }

        var lexiconVotes = ReadLexicons(dataDirectory, log);
        var words = BuildWords(stats, lexiconVotes);
        var verbStems = ReadVerbStems(dataDirectory);
        AddAttestedVerbStems(words, verbStems);
        var secondElements = CollectSecondElements(words);
        var boundaries = LearnBoundaries(words, stats, secondElements, verbStems);
        var contexts = CountContexts(sentences, words);
        var spacedPairs = CountSpacedPairs(sentences, words, secondElements);
        var hamza = CollectHamza(stats);
        var boundPieces = CollectBoundPieces(sentences);

        var model = new HalfSpaceModel(words, boundaries, secondElements, verbStems, contexts, spacedPairs, hamza, boundPieces);
        long start = output.CanSeek ? output.Position : 0;
        model.Write(output);
        long size = output.CanSeek ? output.Position - start : -1;
        var report = new HalfSpaceTrainingReport(tokens, words.Count, words.Values.Count(e => e.AltMask != 0), boundaries.Count,
            secondElements.Count, verbStems.Count, spacedPairs.Count, hamza.Count, boundPieces.Count, size);
        log?.WriteLine(report.ToString());
        return report;
    }

    private static IEnumerable<string> ReadSentences(string path, bool tabular)
    {
        if (!tabular)
        {
            foreach (var line in File.ReadLines(path, Encoding.UTF8))
            {
                yield return line;
            }
            yield break;
        }
        // Bijankhan: one «word<TAB>tag» per line; a sentence ends at a full-stop delimiter.
        var sentence = new StringBuilder();
        foreach (var line in File.ReadLines(path, Encoding.UTF8))
        {
            int tab = line.IndexOf('\t', StringComparison.Ordinal);
            var word = (tab < 0 ? line : line[..tab]).Trim();
            var tag = tab < 0 ? "" : line[(tab + 1)..].Trim();
            sentence.Append(word).Append(' ');
            if (tag == "DELM" && word is "." or "!" or "؟" or "?")
            {
                yield return sentence.ToString();
                sentence.Clear();
            }
        }
        if (sentence.Length > 0)
        {
            yield return sentence.ToString();
        }
    }

    private static void Tokenize(string sentence, int weight, Dictionary<string, KeyStats> stats, List<Token> tokens, bool primary, bool house)
    {
        Span<char> key = stackalloc char[HalfSpaceText.MaxKeyLength];
        Span<int> map = stackalloc int[HalfSpaceText.MaxKeyLength];
        Span<char> form = stackalloc char[HalfSpaceText.MaxKeyLength];
        var text = sentence.AsSpan();
        int i = 0;
        int previousEnd = -1;
        // The same Persian word runs as HalfSpaceRestorer.FindWords (the model's unit), without protected runs: corpus text has none.
        while (i < text.Length)
        {
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
            var word = text[start..i];
            int n = HalfSpaceText.Fold(word, key, map, out ulong mask);
            if (n <= 0)
            {
                continue;
            }
            var k = key[..n];
            mask = HalfSpaceText.ValidGaps(k, mask);
            var lookup = stats.GetAlternateLookup<ReadOnlySpan<char>>();
            if (!lookup.TryGetValue(k, out var entry))
            {
                entry = new KeyStats();
                lookup[k] = entry;
            }
            lookup.TryGetValue(k, out string? interned, out _);
            entry.Masks[mask] = entry.Masks.GetValueOrDefault(mask) + weight;
            if (house)
            {
                entry.HouseMasks[mask] = entry.HouseMasks.GetValueOrDefault(mask) + weight;
                entry.HouseTotal += weight;
            }
            entry.Total += weight;
            entry.Primary |= primary;
            bool hasHamza = false;
            for (int j = 0; j < n; j++)
            {
                char original = word[map[j]];
                form[j] = original is 'ئ' or 'ؤ' or 'أ' ? original : key[j];
                hasHamza |= form[j] != key[j];
            }
            if (hasHamza)
            {
                var f = new string(form[..n]);
                entry.HamzaForms[f] = entry.HamzaForms.GetValueOrDefault(f) + weight;
                if (house)
                {
                    entry.HouseHamzaForms[f] = entry.HouseHamzaForms.GetValueOrDefault(f) + weight;
                }
            }
            bool singleSpace = previousEnd >= 0 && start == previousEnd + 1 && text[previousEnd] == ' ';
            tokens.Add(new Token(interned!, mask, weight, singleSpace));
            previousEnd = i;
        }
    }

    // Lexicon spellings: per lexicon, the share of each spelling of a key; summed over lexicons.
    private static Dictionary<string, Dictionary<ulong, double>> ReadLexicons(string data, TextWriter? log)
    {
        var votes = new Dictionary<string, Dictionary<ulong, double>>(StringComparer.Ordinal);
        AddLexicon(votes, ReadColumns(Path.Combine(data, "lexicons/hazm/words.dat"), '\t', 0, 1), log, "hazm words");
        AddLexicon(votes, ReadColumns(Path.Combine(data, "lexicons/shekar/vocab.csv"), ',', 0, 1), log, "shekar vocab");
        AddLexicon(votes, ReadColumns(Path.Combine(data, "lexicons/shekar/compound_words.csv"), ',', 0, -1), log, "shekar compounds");
        AddLexicon(votes, ReadColumns(Path.Combine(data, "lexicons/parsivar/faDict.tsv"), '\t', 1, -1), log, "parsivar pairs");
        return votes;
    }

    private static IEnumerable<(string Word, long Frequency)> ReadColumns(string path, char separator, int wordColumn, int frequencyColumn)
    {
        foreach (var line in File.ReadLines(path, Encoding.UTF8))
        {
            var columns = line.Split(separator);
            if (columns.Length <= wordColumn)
            {
                continue;
            }
            long frequency = 0;
            if (frequencyColumn >= 0 && (columns.Length <= frequencyColumn || !long.TryParse(columns[frequencyColumn], NumberStyles.Integer, CultureInfo.InvariantCulture, out frequency)))
            {
                continue;
            }
            yield return (columns[wordColumn].Trim(), frequency);
        }
    }

    private static void AddLexicon(Dictionary<string, Dictionary<ulong, double>> votes, IEnumerable<(string Word, long Frequency)> entries, TextWriter? log, string name)
    {
        var local = new Dictionary<string, Dictionary<ulong, double>>(StringComparer.Ordinal);
        Span<char> key = stackalloc char[HalfSpaceText.MaxKeyLength];
        int read = 0;
        foreach (var (word, frequency) in entries)
        {
            if (word.Length == 0 || !word.AsSpan().ContainsAnyExcept(PersianChars.Zwnj) || !IsWordRun(word))
            {
                continue;
            }
            int n = HalfSpaceText.Fold(word, key, default, out ulong mask);
            if (n <= 0)
            {
                continue;
            }
            var k = new string(key[..n]);
            mask = HalfSpaceText.ValidGaps(k, mask);
            if (!local.TryGetValue(k, out var masks))
            {
                local[k] = masks = [];
            }
            masks[mask] = masks.GetValueOrDefault(mask) + frequency + 1;
            read++;
        }
        foreach (var (k, masks) in local)
        {
            double total = masks.Values.Sum();
            if (!votes.TryGetValue(k, out var target))
            {
                votes[k] = target = [];
            }
            foreach (var (mask, count) in masks)
            {
                target[mask] = target.GetValueOrDefault(mask) + count / total;
            }
        }
        log?.WriteLine($"read {name}: {read:N0} entries");
    }

    private static bool IsWordRun(string word)
    {
        foreach (char c in word)
        {
            if (!HalfSpaceText.IsWordRunChar(c))
            {
                return false;
            }
        }
        return true;
    }

    // Ties go to the spelling with fewer half-spaces, then the smaller mask: deterministic.
    private static (ulong Mask, T Count) Best<T>(Dictionary<ulong, T> masks) where T : INumber<T>
    {
        var best = (Mask: 0UL, Count: T.Zero);
        bool first = true;
        foreach (var (mask, count) in masks.OrderBy(p => p.Key))
        {
            if (first || count > best.Count || (count == best.Count && BitOperations.PopCount(mask) < BitOperations.PopCount(best.Mask)))
            {
                best = (mask, count);
                first = false;
            }
        }
        return best;
    }

    private static Dictionary<string, WordEntry> BuildWords(Dictionary<string, KeyStats> stats, Dictionary<string, Dictionary<ulong, double>> lexicon)
    {
        var words = new Dictionary<string, WordEntry>(StringComparer.Ordinal);
        foreach (var (key, s) in stats)
        {
            var (mask, _) = Best(s.HouseMasks.Count > 0 ? s.HouseMasks : s.Masks);
            int count = s.Masks[mask];
            ulong alt = 0;
            int altCount = 0;
            foreach (var (other, c) in s.Masks.OrderByDescending(p => p.Value).ThenBy(p => p.Key))
            {
                // Only readings that split the word at different places compete by context.
                if (other != mask && (other & ~mask) != 0 && (mask & ~other) != 0 && c >= MinAltCount && c >= MinAltShare * s.Total)
                {
                    alt = other;
                    altCount = c;
                    break;
                }
            }
            // Seen only in secondary text (Seraji's convention differs): as weak as a lexicon entry.
            words[key] = new WordEntry(mask, alt, s.Primary ? count : 1, altCount);
        }
        foreach (var (key, votes) in lexicon)
        {
            if (!words.ContainsKey(key))
            {
                words[key] = new WordEntry(Best(votes).Mask, 0, 1, 0);
            }
        }
        return words;
    }

    private static HashSet<string> ReadVerbStems(string data)
    {
        var stems = new HashSet<string>(StringComparer.Ordinal);
        var key = new char[HalfSpaceText.MaxKeyLength];
        void Add(string stem)
        {
            stem = stem.Trim();
            if (stem.Length >= 2 && IsWordRun(stem))
            {
                int n = HalfSpaceText.Fold(stem, key, default, out _);
                if (n >= 2)
                {
                    stems.Add(new string(key, 0, n));
                }
            }
        }
        foreach (var line in File.ReadLines(Path.Combine(data, "lexicons/hazm/verbs.dat"), Encoding.UTF8))
        {
            foreach (var part in line.Split('#'))
            {
                Add(part);
            }
        }
        foreach (var line in File.ReadLines(Path.Combine(data, "lexicons/shekar/verbs.csv"), Encoding.UTF8))
        {
            var columns = line.Split(',');
            for (int i = 0; i < Math.Min(2, columns.Length); i++)
            {
                Add(columns[i]);
            }
        }
        return stems;
    }

    // Stems seen after «می‌/نمی‌» in text, less their ending: covers causatives and rare verbs the lists lack.
    private static void AddAttestedVerbStems(Dictionary<string, WordEntry> words, HashSet<string> stems)
    {
        var found = new List<string>();
        foreach (var (key, entry) in words)
        {
            if (entry.Count < 2)
            {
                continue;
            }
            int prefix = key.StartsWith("می", StringComparison.Ordinal) && (entry.Mask & (1UL << 2)) != 0 ? 2
                : key.StartsWith("نمی", StringComparison.Ordinal) && (entry.Mask & (1UL << 3)) != 0 ? 3 : 0;
            if (prefix == 0)
            {
                continue;
            }
            var rest = key[prefix..];
            int end = rest.Length;
            for (int cut = 1; cut <= 2 && rest.Length - cut >= 2; cut++)
            {
                if (Affixes.VerbChains.ContainsKey(rest[^cut..]))
                {
                    end = rest.Length - cut;
                }
            }
            if (end >= 2)
            {
                found.Add(rest[..end]);
            }
        }
        stems.UnionWith(found);
    }

    // Parts seen after a half-space in several word types that are not suffix chains: سازی، نامه، کننده.
    private static HashSet<string> CollectSecondElements(Dictionary<string, WordEntry> words)
    {
        var types = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (key, entry) in words)
        {
            ulong mask = entry.Mask;
            while (mask != 0)
            {
                int at = BitOperations.TrailingZeroCount(mask);
                mask &= mask - 1;
                int end = mask == 0 ? key.Length : BitOperations.TrailingZeroCount(mask);
                var part = key[at..end];
                if (part.Length >= 2 && !Affixes.Chains.ContainsKey(part) && !Affixes.VerbChains.ContainsKey(part))
                {
                    types[part] = types.GetValueOrDefault(part) + 1;
                }
            }
        }
        return types.Where(p => p.Value >= MinSecondElementTypes).Select(p => p.Key).ToHashSet(StringComparer.Ordinal);
    }

    // Leave-one-out by type: analyse every training word type as if unseen (its own entry is never a
    // candidate stem) and count, once per type, whether it is written with a half-space at each boundary.
    private static Dictionary<string, (int Zwnj, int Joined)> LearnBoundaries(Dictionary<string, WordEntry> words, Dictionary<string, KeyStats> stats, HashSet<string> secondElements, HashSet<string> verbStems)
    {
        var empty = new HalfSpaceModel(words, [], secondElements, verbStems, [], [], [], []);
        var analyzer = new WordAnalyzer(empty);
        var boundaries = new Dictionary<string, (int Zwnj, int Joined)>(StringComparer.Ordinal);
        var observations = new List<(string Key, int Position)>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (key, s) in stats)
        {
            if (!s.Primary)
            {
                continue;
            }
            observations.Clear();
            seen.Clear();
            if (!analyzer.TryAnalyze(key, out _, out _, out _, observations))
            {
                continue;
            }
            ulong mask = words[key].Mask;
            foreach (var (statKey, position) in observations)
            {
                if (!seen.Add(statKey))
                {
                    continue;
                }
                var current = boundaries.GetValueOrDefault(statKey);
                boundaries[statKey] = (mask & (1UL << position)) != 0 ? (current.Zwnj + 1, current.Joined) : (current.Zwnj, current.Joined + 1);
            }
        }
        return boundaries;
    }

    private static Dictionary<string, (int First, int Second)> CountContexts(List<Token[]> sentences, Dictionary<string, WordEntry> words)
    {
        var contexts = new Dictionary<string, (int First, int Second)>(StringComparer.Ordinal);
        void Add(string neighbour, char side, string key, bool first, int weight)
        {
            var k = string.Concat(side.ToString(), neighbour, "\t", key);
            var c = contexts.GetValueOrDefault(k);
            contexts[k] = first ? (c.First + weight, c.Second) : (c.First, c.Second + weight);
        }
        foreach (var sentence in sentences)
        {
            for (int i = 0; i < sentence.Length; i++)
            {
                var token = sentence[i];
                var entry = words[token.Key];
                if (entry.AltMask == 0 || (token.Mask != entry.Mask && token.Mask != entry.AltMask))
                {
                    continue;
                }
                bool first = token.Mask == entry.Mask;
                if (i > 0)
                {
                    Add(sentence[i - 1].Key, '<', token.Key, first, token.Weight);
                }
                if (i + 1 < sentence.Length)
                {
                    Add(sentence[i + 1].Key, '>', token.Key, first, token.Weight);
                }
            }
        }
        return contexts;
    }

    // «a b» counts for every split «a‌b» of a word with half-spaces: the merge step joins only when the
    // half-space spelling is more frequent than the two words side by side.
    // Pairs counted: the split of every attested half-space word, and every pair whose right word is a compound
    // second element («نمایش نامه»), so the merge step can tell a compound typed with a space from two words
    // that often stand side by side.
    private static Dictionary<string, int> CountSpacedPairs(List<Token[]> sentences, Dictionary<string, WordEntry> words, HashSet<string> secondElements)
    {
        var seconds = secondElements.GetAlternateLookup<ReadOnlySpan<char>>();
        var wanted = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (key, entry) in words)
        {
            for (ulong mask = entry.Mask; mask != 0; mask &= mask - 1)
            {
                int at = BitOperations.TrailingZeroCount(mask);
                wanted.Add(string.Concat(key.AsSpan(0, at), " ", key.AsSpan(at)));
            }
        }
        var pairs = new Dictionary<string, int>(StringComparer.Ordinal);
        var lookup = wanted.GetAlternateLookup<ReadOnlySpan<char>>();
        Span<char> buffer = stackalloc char[2 * HalfSpaceText.MaxKeyLength + 1];
        foreach (var sentence in sentences)
        {
            for (int i = 1; i < sentence.Length; i++)
            {
                if (!sentence[i].SingleSpaceBefore)
                {
                    continue;
                }
                var a = sentence[i - 1].Key;
                var b = sentence[i].Key;
                if (a.Length + b.Length > HalfSpaceText.MaxKeyLength)
                {
                    continue;
                }
                a.CopyTo(buffer);
                buffer[a.Length] = ' ';
                b.CopyTo(buffer[(a.Length + 1)..]);
                var spaced = buffer[..(a.Length + 1 + b.Length)];
                if (lookup.TryGetValue(spaced, out var pair) || (a.Length >= 2 && seconds.Contains(b) && (pair = spaced.ToString()) is not null))
                {
                    pairs[pair] = pairs.GetValueOrDefault(pair) + sentence[i].Weight;
                }
            }
        }
        return pairs;
    }

    // Pieces on either side of a half-space (at least MinBoundPieceCount times, two letters or more) that the
    // training text (almost) never writes as a word of their own — alone at most once per MaxAloneShare uses
    // as a part («ای» the vocative is rare beside «خانه‌ای»): seeing one alone marks a line typed with spaces.
    private static HashSet<string> CollectBoundPieces(List<Token[]> sentences)
    {
        var asPart = new Dictionary<string, int>(StringComparer.Ordinal);
        var alone = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var sentence in sentences)
        {
            foreach (var token in sentence)
            {
                alone[token.Key] = alone.GetValueOrDefault(token.Key) + token.Weight;
                int start = 0;
                for (ulong mask = token.Mask; ; mask &= mask - 1)
                {
                    int end = mask == 0 ? token.Key.Length : BitOperations.TrailingZeroCount(mask);
                    if (token.Mask != 0 && end - start >= 2)
                    {
                        var part = token.Key[start..end];
                        asPart[part] = asPart.GetValueOrDefault(part) + token.Weight;
                    }
                    if (mask == 0)
                    {
                        break;
                    }
                    start = end;
                }
            }
        }
        return asPart.Where(p => p.Value >= MinBoundPieceCount && alone.GetValueOrDefault(p.Key) * MaxAloneShare <= p.Value)
            .Select(p => p.Key).ToHashSet(StringComparer.Ordinal);
    }

    // A hamza spelling is kept when it is how the word is written: weighted count at least 4, and the plain
    // spelling at most a quarter as often.
    private static Dictionary<string, string> CollectHamza(Dictionary<string, KeyStats> stats)
    {
        var hamza = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, s) in stats)
        {
            // Where PerDT attests the word, its spellings decide (the house convention), else all text does.
            var forms = s.HouseTotal > 0 ? s.HouseHamzaForms : s.HamzaForms;
            if (forms.Count == 0)
            {
                continue;
            }
            var best = forms.OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal).First();
            int plain = (s.HouseTotal > 0 ? s.HouseTotal : s.Total) - forms.Values.Sum();
            if (best.Value >= 4 && plain * 4 <= best.Value)
            {
                hamza[key] = best.Key;
            }
        }
        return hamza;
    }
}
