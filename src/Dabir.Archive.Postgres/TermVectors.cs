using System.Globalization;
using System.Text;
using Dabir.Archive.Query;

namespace Dabir.Archive.Postgres;

/// <summary>
/// Dabir's analysed terms as PostgreSQL text search values. The terms are already folded (letters and digits only),
/// so they are written as <c>tsvector</c>/<c>tsquery</c> literals — what the <c>simple</c> configuration would give,
/// without a second tokenizer deciding where words end. The four term columns are the four weights (A title forms,
/// B title lemmas, C body forms, D body lemmas), each at its own run of positions with a gap between runs, so a column
/// filter is a weight label and a phrase never spans two columns.
/// </summary>
internal static class TermVectors
{
    private const int MaxPosition = 16383; // PostgreSQL's limit: later positions are clamped to it
    private const int PositionsPerColumn = 64; // at most 256 positions per lexeme: 64 per column keeps every column present
    private static readonly char[] WeightLetters = ['A', 'B', 'C', 'D'];

    /// <summary>The tsvector literal of a document's four term columns.</summary>
    public static string Vector(string titleForms, string titleLemmas, string bodyForms, string bodyLemmas)
    {
        var positions = new Dictionary<string, List<(int Position, int Column)>>(StringComparer.Ordinal);
        int offset = 1;
        string[] columns = [titleForms, titleLemmas, bodyForms, bodyLemmas];
        for (int c = 0; c < columns.Length; c++)
        {
            var terms = columns[c].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            for (int i = 0; i < terms.Length; i++)
            {
                if (!positions.TryGetValue(terms[i], out var list))
                {
                    positions[terms[i]] = list = [];
                }
                if (list.Count(p => p.Column == c) < PositionsPerColumn)
                {
                    list.Add((Math.Min(MaxPosition, offset + i), c));
                }
            }
            offset += terms.Length + 1;
        }
        var sb = new StringBuilder();
        foreach (var (term, list) in positions)
        {
            sb.Append('\'').Append(term).Append("':");
            for (int i = 0; i < list.Count; i++)
            {
                if (i > 0)
                {
                    sb.Append(',');
                }
                sb.Append(list[i].Position.ToString(CultureInfo.InvariantCulture)).Append(WeightLetters[list[i].Column]);
            }
            sb.Append(' ');
        }
        return sb.ToString();
    }

    /// <summary>The tsquery literal of a match expression: a superset-exact candidate filter (the expression decides).</summary>
    public static string Query(MatchExpression.Node node) => node switch
    {
        MatchExpression.Phrase p => Phrase(p),
        MatchExpression.And a => $"({Query(a.Left)}) & ({Query(a.Right)})",
        MatchExpression.Or o => $"({Query(o.Left)}) | ({Query(o.Right)})",
        MatchExpression.Not n => $"({Query(n.Left)}) & !({Query(n.Right)})",
        _ => throw new ArgumentOutOfRangeException(nameof(node)),
    };

    /// <summary>The tsquery literal of one phrase: its terms in a row (<c>&lt;-&gt;</c>) within its columns' weights.</summary>
    public static string Phrase(MatchExpression.Phrase phrase)
    {
        ArgumentNullException.ThrowIfNull(phrase);
        string weights = phrase.ColumnMask == MatchExpression.AllColumns
            ? ""
            : new string([.. Enumerable.Range(0, 4).Where(c => (phrase.ColumnMask & (1 << c)) != 0).Select(c => WeightLetters[c])]);
        var parts = phrase.Terms.Select((t, i) =>
        {
            bool prefix = phrase.Prefix && i == phrase.Terms.Count - 1;
            string label = (prefix ? "*" : "") + weights;
            return $"'{t}'" + (label.Length > 0 ? ":" + label : "");
        });
        return "(" + string.Join(" <-> ", parts) + ")";
    }
}
