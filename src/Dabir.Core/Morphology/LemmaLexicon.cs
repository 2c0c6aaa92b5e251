using System.IO.Compression;
using System.Text;
using Dabir.Text;

namespace Dabir.Morphology;

/// <summary>Word classes a known lemma may have, as far as the suffix rules need them.</summary>
[Flags]
public enum WordClass : byte
{
    /// <summary>No class recorded.</summary>
    None = 0,

    /// <summary>Noun: takes plural endings, ezafe, indefinite ی and pronominal clitics.</summary>
    Noun = 1,

    /// <summary>Adjective: takes comparative and superlative endings too.</summary>
    Adjective = 2,

    /// <summary>Anything else (adverb, preposition, pronoun...): may take a clitic, never a plural.</summary>
    Other = 4,
}

/// <summary>A form whose lemma was learned from annotated data.</summary>
/// <param name="Lemma">The lemma, or null when the form is its own lemma.</param>
/// <param name="CliticLength">Length (in key characters) of a pronominal clitic at its end, 0 when none.</param>
public readonly record struct LearnedForm(string? Lemma, byte CliticLength);

/// <summary>A generated verb form: its lemma (the past stem) and whether it carries a prefix.</summary>
/// <param name="Lemma">The past stem.</param>
/// <param name="Prefixed">True for a strong reading: a prefixed form (می، نمی، ن) of a verb attested in training data; such a form outranks a known word.</param>
public readonly record struct VerbForm(string Lemma, bool Prefixed);

/// <summary>
/// The lemmatizer's data: verb stems, forms with learned lemmas and known lemma words, all keyed by
/// <see cref="LemmaKey"/>. Loaded once per process from the embedded <c>lemma-lexicon.bin.br</c>
/// (built by <c>dabir train-lemmas</c>) and shared read-only.
/// </summary>
public sealed class LemmaLexicon
{
    internal const string ResourceName = "Dabir.Models.lemma-lexicon.bin.br";

    private static readonly Lazy<LemmaLexicon> DefaultLexicon = new(LoadEmbedded);

    private readonly Dictionary<string, LearnedForm> _forms;
    private readonly Dictionary<string, VerbForm> _verbs;
    private readonly Dictionary<string, (string Word, WordClass Class, byte Rank)> _words;

    internal LemmaLexicon(Dictionary<string, LearnedForm> forms, List<(string Past, string Present, int Use)> verbStems, Dictionary<string, (string, WordClass, byte)> words)
    {
        _forms = forms;
        _words = words;
        VerbStems = verbStems;
        _verbs = new Dictionary<string, VerbForm>(verbStems.Count * 120, StringComparer.Ordinal);
        var pastStems = verbStems.Select(v => v.Past).ToHashSet(StringComparer.Ordinal);
        foreach (var (past, present, use) in verbStems)
        {
            string lemma = SimpleVerb(past, pastStems);
            VerbForms.Generate(past, present, (key, prefixed) =>
            {
                // Forms of verbs never seen in the training corpus, and subjunctives in «ب», are weak: a known
                // word with the same letters wins («نبوی», «بدهی»).
                bool strong = prefixed && use > 0 && !key.StartsWith('ب');
                // The first (most used) verb that produces a form keeps it («کند» is «کرد», not «کند»), except
                // that a form without a prefix beats one read with a prefix («نشسته» is «نشست», not «ن» + «شسته»).
                if (!_verbs.TryGetValue(key, out var existing) || (existing.Prefixed && !prefixed && use > 0))
                {
                    _verbs[key] = new VerbForm(lemma, strong);
                }
            });
        }
        Forms = _forms.GetAlternateLookup<ReadOnlySpan<char>>();
        Verbs = _verbs.GetAlternateLookup<ReadOnlySpan<char>>();
        Words = _words.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>
    /// UD Persian lemmatises a verb with a preverb to the simple verb («برگشت» → «گشت», «دریافت» → «یافت»)
    /// when that simple verb exists.
    /// </summary>
    private static string SimpleVerb(string past, HashSet<string> pastStems)
    {
        foreach (var preverb in (ReadOnlySpan<string>)["بر", "در", "باز", "فرو", "فرا", "ور", "وا"])
        {
            if (past.Length > preverb.Length + 1 && past.StartsWith(preverb, StringComparison.Ordinal))
            {
                string rest = past[preverb.Length..].TrimStart('\u200C');
                if (pastStems.Contains(rest))
                {
                    return rest;
                }
            }
        }
        return past;
    }

    /// <summary>The lexicon embedded in the assembly, loaded on first use.</summary>
    public static LemmaLexicon Default => DefaultLexicon.Value;

    /// <summary>Verb stems (past, present), most frequent first.</summary>
    public IReadOnlyList<(string Past, string Present, int Use)> VerbStems { get; }

    /// <summary>Number of forms with learned lemmas.</summary>
    public int LearnedFormCount => _forms.Count;

    /// <summary>Number of known lemma words.</summary>
    public int WordCount => _words.Count;

    /// <summary>Number of generated verb forms.</summary>
    public int VerbFormCount => _verbs.Count;

    internal Dictionary<string, LearnedForm>.AlternateLookup<ReadOnlySpan<char>> Forms { get; }

    internal Dictionary<string, VerbForm>.AlternateLookup<ReadOnlySpan<char>> Verbs { get; }

    internal Dictionary<string, (string Word, WordClass Class, byte Rank)>.AlternateLookup<ReadOnlySpan<char>> Words { get; }

    /// <summary>Reads a lexicon written by <see cref="LemmaLexiconBuilder.Write"/> (Brotli-compressed lines).</summary>
    public static LemmaLexicon Read(Stream compressed)
    {
        ArgumentNullException.ThrowIfNull(compressed);
        using var brotli = new BrotliStream(compressed, CompressionMode.Decompress);
        using var reader = new StreamReader(brotli, Encoding.UTF8);
        var forms = new Dictionary<string, LearnedForm>(StringComparer.Ordinal);
        var verbs = new List<(string, string, int)>();
        var words = new Dictionary<string, (string, WordClass, byte)>(StringComparer.Ordinal);
        string? line;
        while ((line = reader.ReadLine()) is not null)
        {
            var parts = line.Split('\t');
            switch (parts[0])
            {
                case "V" when parts.Length == 4:
                    verbs.Add((parts[1], parts[2], int.Parse(parts[3], System.Globalization.CultureInfo.InvariantCulture)));
                    break;
                case "F" when parts.Length == 4:
                    forms[parts[1]] = new LearnedForm(parts[2].Length == 0 ? null : string.Intern(parts[2]), byte.Parse(parts[3], System.Globalization.CultureInfo.InvariantCulture));
                    break;
                case "W" when parts.Length == 4:
                    words[PersianFold.Fold(parts[1], PersianFoldOptions.LemmaKey)] = (parts[1], (WordClass)byte.Parse(parts[2], System.Globalization.CultureInfo.InvariantCulture), byte.Parse(parts[3], System.Globalization.CultureInfo.InvariantCulture));
                    break;
                default:
                    throw new InvalidDataException($"lemma lexicon: unexpected line: {line}");
            }
        }
        return new LemmaLexicon(forms, verbs, words);
    }

    private static LemmaLexicon LoadEmbedded()
    {
        using var stream = typeof(LemmaLexicon).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"embedded resource {ResourceName} is missing; rebuild it with 'dabir train-lemmas'");
        return Read(stream);
    }
}
