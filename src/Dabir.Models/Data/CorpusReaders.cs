using System.Text;
using Dabir.Models.Training;

namespace Dabir.Models.Data;

/// <summary>A word of a CoNLL-U sentence (multi-word token lines and empty nodes are skipped).</summary>
internal readonly record struct ConlluWord(string Form, string Lemma, string Upos, string Xpos);

/// <summary>Readers for the training and evaluation corpora in ../shared/data.</summary>
internal static class CorpusReaders
{
    /// <summary>Sentences of a CoNLL-U file, as conll.py reads them (syntactic words).</summary>
    public static List<ConlluWord[]> ReadConllu(string path)
    {
        var sentences = new List<ConlluWord[]>();
        var current = new List<ConlluWord>();
        foreach (var line in File.ReadLines(path, Encoding.UTF8))
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                if (current.Count > 0)
                {
                    sentences.Add([.. current]);
                    current.Clear();
                }
                continue;
            }
            if (line.StartsWith('#'))
            {
                continue;
            }
            var c = line.Split('\t');
            if (c.Length < 5 || c[0].Contains('.', StringComparison.Ordinal) || c[0].Contains('-', StringComparison.Ordinal))
            {
                continue;
            }
            current.Add(new ConlluWord(c[1], c[2], c[3], c[4]));
        }
        if (current.Count > 0)
        {
            sentences.Add([.. current]);
        }
        return sentences;
    }

    /// <summary>UPOS training sentences from a UD treebank. Seraji writes names as NOUN: there NOUN allows PROPN too.</summary>
    public static IEnumerable<TrainingSentence> UposSentences(IEnumerable<ConlluWord[]> sentences, string source, bool nounMayBeProperNoun, int domain)
    {
        uint noun = UposMapping.Bit("NOUN"), propn = UposMapping.Bit("PROPN");
        foreach (var s in sentences)
        {
            var allowed = new uint[s.Length];
            for (int i = 0; i < s.Length; i++)
            {
                uint bit = UposMapping.Bit(s[i].Upos == "_" ? "X" : s[i].Upos);
                allowed[i] = nounMayBeProperNoun && bit == noun ? noun | propn : bit;
            }
            yield return new TrainingSentence([.. s.Select(w => w.Form)], allowed, source) { Domain = domain };
        }
    }

    /// <summary>The Bijankhan subset (word TAB tag, CRLF) cut into sentences at final punctuation and '#'
    /// markers; SUBJ/0 tokens dropped; long runs cut at 120 tokens.</summary>
    public static List<TrainingSentence> ReadBijankhan(string path)
    {
        var sentences = new List<TrainingSentence>();
        var tokens = new List<string>();
        var allowed = new List<uint>();
        void Flush()
        {
            if (tokens.Count > 0)
            {
                sentences.Add(new TrainingSentence([.. tokens], [.. allowed], "bijankhan") { Domain = (int)PosConvention.Seraji });
            }
            tokens.Clear();
            allowed.Clear();
        }
        foreach (var raw in File.ReadLines(path, Encoding.UTF8))
        {
            var line = raw.TrimEnd('\r');
            int tab = line.IndexOf('\t', StringComparison.Ordinal);
            if (tab <= 0)
            {
                continue;
            }
            string word = line[..tab], tag = line[(tab + 1)..];
            if (tag == "DELM" && word == "#")
            {
                Flush();
                continue;
            }
            uint bits = UposMapping.FromBijankhan(tag);
            if (bits == 0)
            {
                continue;
            }
            tokens.Add(word);
            allowed.Add(bits);
            if ((tag == "DELM" && word is "." or "!" or "؟" or "?") || tokens.Count >= 120)
            {
                Flush();
            }
        }
        Flush();
        return sentences;
    }

    /// <summary>A NER file in any of the three shared formats (token|B_TAG, token TAB TAG, token SPACE TAG), with
    /// labels normalised as conll.py does (pers→PER, dat→DATE, …). Tokens keep their form; with
    /// <paramref name="spacesToZwnj"/> in-token spaces (PEYMA's stand-in for ZWNJ) become ZWNJ.</summary>
    public static List<(string Token, string Tag)[]> ReadNer(string path, bool spacesToZwnj = false)
    {
        var sentences = new List<(string, string)[]>();
        var current = new List<(string, string)>();
        foreach (var raw in File.ReadLines(path, Encoding.UTF8))
        {
            var line = raw.TrimEnd('\r');
            if (string.IsNullOrWhiteSpace(line))
            {
                if (current.Count > 0)
                {
                    sentences.Add([.. current]);
                    current.Clear();
                }
                continue;
            }
            string token, tag;
            int bar = line.LastIndexOf('|');
                        if (bar >= 0 && (line.AsSpan(bar + 1).StartsWith("B_") || line.AsSpan(bar + 1).StartsWith("I_") || line.AsSpan(bar + 1).StartsWith("O")))
            {
                token = line[..bar];
                tag = line[(bar + 1)..];
            }
            else if (line.Contains('\t', StringComparison.Ordinal))
            {
                var parts = line.Split('\t');
                token = parts[0];
                tag = parts[^1];
            }
            else
            {
                int space = line.LastIndexOf(' ');
                token = line[..space];
                tag = line[(space + 1)..];
            }
            current.Add((spacesToZwnj ? token.Replace(' ', '\u200C') : token, NormalizeNerTag(tag)));
        }
        if (current.Count > 0)
        {
            sentences.Add([.. current]);
        }
        return sentences;
    }

    /// <summary>B-X/I-X/O with X in conll.py's label names.</summary>
    public static string NormalizeNerTag(string tag)
    {
        tag = tag.Replace('_', '-');
        if (tag == "O")
        {
            return tag;
        }
        int dash = tag.IndexOf('-', StringComparison.Ordinal);
        if (dash < 0)
        {
            return "O";
        }
        string label = tag[(dash + 1)..];
        string mapped = label.ToUpperInvariant() switch
        {
            "PERS" or "PER" => "PER",
            "ORG" => "ORG",
            "LOC" => "LOC",
            "FAC" => "FAC",
            "PRO" => "PRO",
            "EVENT" or "EVE" => "EVENT",
            "DAT" => "DATE",
            "TIM" => "TIME",
            "MON" => "MONEY",
            "PCT" => "PERCENT",
            "NAT" => "NAT",
            "POG" => "POG",
            var other => other,
        };
        return tag[..dash] + "-" + mapped;
    }
}
