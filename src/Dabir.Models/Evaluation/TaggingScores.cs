using System.Globalization;
using System.Text;

namespace Dabir.Models.Evaluation;

/// <summary>UPOS accuracy on gold words, computed as ../shared/tools/conll.py pos computes it.</summary>
public sealed record PosScore(int Words, int Correct, int CorrectProperNounAsNoun)
{
    /// <summary>Exact UPOS accuracy.</summary>
    public double Accuracy => Words == 0 ? 0 : (double)Correct / Words;

    /// <summary>Accuracy when a predicted PROPN counts as NOUN (for treebanks without PROPN, such as Seraji).</summary>
    public double AccuracyProperNounAsNoun => Words == 0 ? 0 : (double)CorrectProperNounAsNoun / Words;
}

/// <summary>Entity-level precision, recall and F1 (exact span and type), as conll.py ner computes them.</summary>
public sealed record NerScore(int TruePositives, int FalsePositives, int FalseNegatives, IReadOnlyDictionary<string, double> F1ByLabel)
{
    /// <summary>Gold entities.</summary>
    public int Entities => TruePositives + FalseNegatives;

    /// <summary>Precision.</summary>
    public double Precision => TruePositives + FalsePositives == 0 ? 0 : (double)TruePositives / (TruePositives + FalsePositives);

    /// <summary>Recall.</summary>
    public double Recall => TruePositives + FalseNegatives == 0 ? 0 : (double)TruePositives / (TruePositives + FalseNegatives);

    /// <summary>F1.</summary>
    public double F1 => Precision + Recall == 0 ? 0 : 2 * Precision * Recall / (Precision + Recall);

    /// <summary>The JSON line conll.py prints.</summary>
    public string ToJson()
    {
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"{{\"entities\": {Entities}, \"P\": {R4(Precision)}, \"R\": {R4(Recall)}, \"F1\": {R4(F1)}, \"by_label\": {{");
        sb.AppendJoin(", ", F1ByLabel.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"\"{p.Key}\": {R4(p.Value)}"));
        sb.Append("}}");
        return sb.ToString();
    }

    internal static string R4(double v) => Math.Round(v, 4).ToString("0.0###", CultureInfo.InvariantCulture);
}

/// <summary>Scorers mirroring conll.py.</summary>
public static class TaggingScorer
{
    /// <summary>Entity spans of a BIO sequence, exactly as conll.py's <c>spans</c>: an I- tag whose label differs
    /// from the open entity starts a new entity.</summary>
    public static HashSet<(int Start, int End, string Label)> Spans(IReadOnlyList<string> tags)
    {
        ArgumentNullException.ThrowIfNull(tags);
        var result = new HashSet<(int, int, string)>();
        int start = -1;
        string? label = null;
        for (int i = 0; i <= tags.Count; i++)
        {
            string t = i < tags.Count ? tags[i] : "O";
            bool isInside = t.StartsWith("I-", StringComparison.Ordinal);
            if (t == "O" || t.StartsWith("B-", StringComparison.Ordinal) || (isInside && !string.Equals(t[2..], label, StringComparison.Ordinal)))
            {
                if (start >= 0)
                {
                    result.Add((start, i, label!));
                }
                (start, label) = t != "O" ? (i, t[2..]) : (-1, null);
            }
        }
        return result;
    }

    /// <summary>Scores predicted BIO sequences against gold ones, optionally restricted to some labels.</summary>
    public static NerScore ScoreNer(IReadOnlyList<IReadOnlyList<string>> gold, IReadOnlyList<IReadOnlyList<string>> predicted, IReadOnlySet<string>? labels = null)
    {
        ArgumentNullException.ThrowIfNull(gold);
        ArgumentNullException.ThrowIfNull(predicted);
        int tp = 0, fp = 0, fn = 0;
        var perLabel = new Dictionary<string, (int Tp, int Fp, int Fn)>(StringComparer.Ordinal);
        for (int s = 0; s < gold.Count; s++)
        {
            var g = Spans(gold[s]);
            var p = Spans(predicted[s]);
            if (labels is not null)
            {
                g.RemoveWhere(x => !labels.Contains(x.Label));
                p.RemoveWhere(x => !labels.Contains(x.Label));
            }
            foreach (var x in g)
            {
                var c = perLabel.GetValueOrDefault(x.Label);
                if (p.Contains(x))
                {
                    tp++;
                    perLabel[x.Label] = (c.Tp + 1, c.Fp, c.Fn);
                }
                else
                {
                    fn++;
                    perLabel[x.Label] = (c.Tp, c.Fp, c.Fn + 1);
                }
            }
            foreach (var x in p)
            {
                if (!g.Contains(x))
                {
                    fp++;
                    var c = perLabel.GetValueOrDefault(x.Label);
                    perLabel[x.Label] = (c.Tp, c.Fp + 1, c.Fn);
                }
            }
        }
        var byLabel = perLabel.ToDictionary(p => p.Key, p => 2.0 * p.Value.Tp / Math.Max(1, 2 * p.Value.Tp + p.Value.Fp + p.Value.Fn), StringComparer.Ordinal);
        return new NerScore(tp, fp, fn, byLabel);
    }

    /// <summary>UPOS accuracy of predicted tags against gold tags, word by word.</summary>
    public static PosScore ScorePos(IReadOnlyList<IReadOnlyList<string>> gold, IReadOnlyList<IReadOnlyList<string>> predicted)
    {
        ArgumentNullException.ThrowIfNull(gold);
        ArgumentNullException.ThrowIfNull(predicted);
        int words = 0, correct = 0, lenient = 0;
        for (int s = 0; s < gold.Count; s++)
        {
            for (int i = 0; i < gold[s].Count; i++)
            {
                words++;
                string g = gold[s][i], p = predicted[s][i];
                if (string.Equals(g, p, StringComparison.Ordinal))
                {
                    correct++;
                    lenient++;
                }
                else if (g == "NOUN" && p == "PROPN")
                {
                    lenient++;
                }
            }
        }
        return new PosScore(words, correct, lenient);
    }
}
