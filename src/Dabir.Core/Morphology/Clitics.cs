using Dabir.Text;

namespace Dabir.Morphology;

/// <summary>
/// The clitics the UD treebanks write as words of their own and their lemmas: the lexical facts that both the
/// lemmatizer and <c>Segmentation.CliticSplitter</c> use (here, below segmentation, so that Morphology does not
/// depend on Segmentation).
/// </summary>
public static class Clitics
{
    /// <summary>The pronominal clitics as written after a consonant, after «ه» (with ا) and after a long vowel
    /// (with ی), in the order the lemmatizer's suffix analysis tries them.</summary>
    internal static readonly string[] Pronominal = ["شان", "تان", "مان", "یشان", "یتان", "یمان", "اش", "ام", "ات", "یش", "یم", "یت", "ش", "م", "ت"];

    /// <summary>True when a lemma key is a pronominal clitic standing alone (a word of a split token).</summary>
    public static bool IsBare(ReadOnlySpan<char> key) => key is "ش" or "م" or "ت" or "مان" or "تان" or "شان" or "اش" or "ام" or "ات" or "یش" or "یم" or "یت" or "یمان" or "یتان" or "یشان";

    /// <summary>The UD lemma of a clitic word: «ش» → «او», «مان» → «ما», «را» → «را», «ست» → «است».</summary>
    public static string Lemma(ReadOnlySpan<char> clitic)
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
