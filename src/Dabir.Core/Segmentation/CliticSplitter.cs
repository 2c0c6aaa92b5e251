using System.Collections.Frozen;
using Dabir.Morphology;
using Dabir.Text;

namespace Dabir.Segmentation;

/// <summary>
/// Divides a word token into syntactic words the way the Persian UD treebanks do: a pronominal clitic
/// becomes its own word («ماتمش» → «ماتم» + «ش», «خانه‌اش» → «خانه» + «اش»), as do «را» glued to a
/// pronoun («آنرا» → «آن» + «را») and the short copula «ست» («کجاست» → «کجا» + «ست»). Person endings of
/// verbs stay inside the verb. Decisions come from the lemma lexicon: forms learned from tagged data first,
/// then never inside a verb form or a known word, then suffix analysis down to a known noun or adjective.
/// </summary>
public sealed class CliticSplitter
{
    private static readonly Lazy<CliticSplitter> DefaultSplitter = new(() => new CliticSplitter(Lemmatizer.Default));

    // Pronouns and demonstratives that «را» is commonly written onto.
    private static readonly FrozenSet<string> TakesGluedRa = FrozenSet.Create(StringComparer.Ordinal,
        "آن", "این", "او", "ما", "شما", "آنها", "اینها", "ایشان", "تو", "همین", "همان", "آنچه", "چه", "کسی", "خود", "همه");

    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> GluedRaLookup = TakesGluedRa.GetAlternateLookup<ReadOnlySpan<char>>();

    private readonly Lemmatizer _lemmatizer;

    /// <summary>Creates a splitter that reads the lexicon of <paramref name="lemmatizer"/>.</summary>
    public CliticSplitter(Lemmatizer lemmatizer)
    {
        ArgumentNullException.ThrowIfNull(lemmatizer);
        _lemmatizer = lemmatizer;
    }

    /// <summary>The splitter over the embedded lexicon.</summary>
    public static CliticSplitter Default => DefaultSplitter.Value;

    /// <summary>
    /// Returns where the clitic of <paramref name="word"/> starts (an index into the word; the host is the part
    /// before it, without a trailing half-space), or 0 when the word stays whole.
    /// </summary>
    public int FindClitic(ReadOnlySpan<char> word)
    {
        if (word.Length < 3 || word.Length > LemmaKey.MaxLength || !PersianChars.IsLetter(word[0]))
        {
            return 0;
        }
        Span<char> buffer = stackalloc char[LemmaKey.MaxLength];
        int n = PersianFold.Fold(word, buffer, PersianFoldOptions.LemmaKey);
        if (n < 3)
        {
            return 0;
        }
        var key = buffer[..n];
        var lexicon = _lemmatizer.Lexicon;
        if (lexicon.Verbs.ContainsKey(key))
        {
            return 0; // person endings stay in the verb: «کرده‌ام», «رفتم»
        }
        // A half-space before «اش», «مان»... settles it: «خانه‌اش» is «خانه» + «اش».
        int zwnj = word.LastIndexOf(PersianChars.Zwnj);
        if (zwnj >= 2 && word[(zwnj + 1)..] is "اش" or "ام" or "ات" or "مان" or "تان" or "شان" or "یش" or "یم" or "یت")
        {
            return zwnj + 1;
        }
        // The reflexive always takes its person as a clitic («خودش», «خودشان»), and «مرا» is «من» + «را».
        if (key.StartsWith("خود") && key.Length > 3 && key[3..] is "م" or "ت" or "ش" or "مان" or "تان" or "شان")
        {
            return IndexAfterKeyChars(word, 3);
        }
        if (key is "مرا")
        {
            return IndexAfterKeyChars(word, 1);
        }
        int cliticLength;
        if (lexicon.Forms.TryGetValue(key, out var learned))
        {
            cliticLength = learned.CliticLength;
        }
        else if (lexicon.Words.ContainsKey(key))
        {
            return 0;
        }
        else if (key.EndsWith("را", StringComparison.Ordinal) && GluedRaLookup.Contains(key[..^2]))
        {
            cliticLength = 2;
        }
        else if (key.EndsWith("ست", StringComparison.Ordinal) && key.Length > 4 && key[^3] is 'ا' or 'و'
                 && lexicon.Words.ContainsKey(key[..^2]))
        {
            cliticLength = 2;
        }
        else if (_lemmatizer.AnalyzeSuffixes(key, out int analysed) is not null)
        {
            cliticLength = analysed;
        }
        else
        {
            return 0;
        }
        if (cliticLength == 0 || cliticLength >= n)
        {
            return 0;
        }
        // Walk back over the clitic's key characters in the written word (which may carry marks or a half-space).
        int index = word.Length;
        int remaining = cliticLength;
        while (index > 0 && remaining > 0)
        {
            index--;
            char c = word[index];
            if (!(c == PersianChars.Zwnj || c == '\u200D' || c == PersianChars.Kashida || PersianChars.IsMark(c)))
            {
                remaining--;
            }
        }
        return index;
    }

    /// <summary>Index in <paramref name="word"/> just after its first <paramref name="count"/> key characters.</summary>
    private static int IndexAfterKeyChars(ReadOnlySpan<char> word, int count)
    {
        int index = 0;
        while (index < word.Length && count > 0)
        {
            char c = word[index++];
            if (!(c == PersianChars.Zwnj || c == '\u200D' || c == PersianChars.Kashida || PersianChars.IsMark(c)))
            {
                count--;
            }
        }
        while (index < word.Length && PersianChars.IsMark(word[index]))
        {
            index++; // marks belong to the letter before them
        }
        return index;
    }

    /// <summary>True when a lemma key is a pronominal clitic standing alone (a word of a split token).</summary>
    public static bool IsBareClitic(ReadOnlySpan<char> key) => key is "ش" or "م" or "ت" or "مان" or "تان" or "شان" or "اش" or "ام" or "ات" or "یش" or "یم" or "یت" or "یمان" or "یتان" or "یشان";

    /// <summary>The UD lemma of a clitic word: «ش» → «او», «مان» → «ما», «را» → «را», «ست» → «است».</summary>
    public static string CliticLemma(ReadOnlySpan<char> clitic)
    {
        Span<char> buffer = stackalloc char[8];
        int n = clitic.Length <= 8 ? PersianFold.Fold(clitic, buffer, PersianFoldOptions.LemmaKey) : -1;
        var key = n > 0 ? buffer[..n] : ReadOnlySpan<char>.Empty;
        if (key.StartsWith("ی") && key.Length > 1)
        {
            key = key[1..];
        }
        if (key.StartsWith("ا") && key.Length > 1)
        {
            key = key[1..];
        }
        return key switch
        {
            "ش" => "او",
            "م" => "من",
            "ت" => "تو",
            "مان" => "ما",
            "تان" => "شما",
            "شان" => "آنها",
            "را" => "را",
            "ست" or "س" => "است",
            _ => clitic.ToString(),
        };
    }
}
