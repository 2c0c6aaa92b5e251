using System.Text;

namespace Dabir.Archive.Query;

/// <summary>
/// The FTS5 expression <see cref="QueryCompiler"/> writes, read back as a tree, so that a store without FTS5 matches
/// and ranks exactly as the SQLite store does: <see cref="Matches"/> is FTS5's boolean match over the four term
/// columns, <see cref="Score"/> FTS5's <c>bm25()</c> with <see cref="Bm25"/>'s column weights. Only the subset the
/// compiler writes is read: quoted phrases (a trailing <c>*</c> for a prefix), column filters <c>{…} :</c>,
/// parentheses, <c>AND</c>, <c>OR</c>, <c>NOT</c>.
/// </summary>
internal sealed class MatchExpression
{
    /// <summary>The columns in FTS5 order: title forms, title lemmas, body forms, body lemmas.</summary>
    public static readonly string[] Columns = ["title_f", "title_l", "body_f", "body_l"];

    /// <summary>All four columns as a mask.</summary>
    public const int AllColumns = 0b1111;

    private MatchExpression(Node root, List<Phrase> phrases)
    {
        Root = root;
        Phrases = phrases;
    }

    /// <summary>The tree.</summary>
    public Node Root { get; }

    /// <summary>Every phrase in query order (FTS5's phrase numbering: bm25 sums over them).</summary>
    public IReadOnlyList<Phrase> Phrases { get; }

    /// <summary>A node of the expression.</summary>
    public abstract record Node;

    /// <summary>Terms in a row (one term: a word), the last a prefix when <paramref name="Prefix"/>, in the columns of <paramref name="ColumnMask"/>.</summary>
    public sealed record Phrase(IReadOnlyList<string> Terms, bool Prefix, int ColumnMask, int Index) : Node;

    /// <summary>Both.</summary>
    public sealed record And(Node Left, Node Right) : Node;

    /// <summary>Either.</summary>
    public sealed record Or(Node Left, Node Right) : Node;

    /// <summary>The left without the right.</summary>
    public sealed record Not(Node Left, Node Right) : Node;

    /// <summary>Reads an expression the compiler wrote.</summary>
    /// <exception cref="FormatException">Not in the compiler's subset.</exception>
    public static MatchExpression Parse(string expression)
    {
        ArgumentNullException.ThrowIfNull(expression);
        var parser = new Parser(expression);
        var root = parser.ParseOr(AllColumns);
        parser.SkipSpace();
        if (!parser.AtEnd)
        {
            throw new FormatException($"unexpected text at {parser.Position} in match expression: {expression}");
        }
        return new MatchExpression(root, parser.Phrases);
    }

    /// <summary>A document's four term columns, each split into its terms.</summary>
    public sealed class DocumentTerms
    {
        /// <summary>Splits the four space-separated term columns.</summary>
        public DocumentTerms(string titleForms, string titleLemmas, string bodyForms, string bodyLemmas)
        {
            Columns = [Split(titleForms), Split(titleLemmas), Split(bodyForms), Split(bodyLemmas)];
            Length = Columns.Sum(c => c.Length);
        }

        /// <summary>Terms per column.</summary>
        public string[][] Columns { get; }

        /// <summary>Terms in all columns (FTS5's row size).</summary>
        public int Length { get; }

        private static string[] Split(string s) => s.Split(' ', StringSplitOptions.RemoveEmptyEntries);
    }

    /// <summary>Tokens in a term column the way FTS5's ascii tokenizer counts them (the terms hold no space).</summary>
    public static int TokenCount(string column)
    {
        ArgumentNullException.ThrowIfNull(column);
        return column.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
    }

    /// <summary>Instances of <paramref name="phrase"/> in column <paramref name="column"/> of <paramref name="doc"/>.</summary>
    public static int Instances(Phrase phrase, DocumentTerms doc, int column)
    {
        ArgumentNullException.ThrowIfNull(phrase);
        ArgumentNullException.ThrowIfNull(doc);
        if ((phrase.ColumnMask & (1 << column)) == 0)
        {
            return 0;
        }
        var tokens = doc.Columns[column];
        var terms = phrase.Terms;
        int n = 0;
        for (int i = 0; i + terms.Count <= tokens.Length; i++)
        {
            bool all = true;
            for (int k = 0; k < terms.Count && all; k++)
            {
                bool last = k == terms.Count - 1;
                all = last && phrase.Prefix
                    ? tokens[i + k].StartsWith(terms[k], StringComparison.Ordinal)
                    : string.Equals(tokens[i + k], terms[k], StringComparison.Ordinal);
            }
            if (all)
            {
                n++;
            }
        }
        return n;
    }

    /// <summary>Whether <paramref name="doc"/> matches (FTS5's MATCH).</summary>
    public bool Matches(DocumentTerms doc) => Eval(Root, doc);

    private static bool Eval(Node node, DocumentTerms doc) => node switch
    {
        Phrase p => Enumerable.Range(0, 4).Any(c => Instances(p, doc, c) > 0),
        And a => Eval(a.Left, doc) && Eval(a.Right, doc),
        Or o => Eval(o.Left, doc) || Eval(o.Right, doc),
        Not n => Eval(n.Left, doc) && !Eval(n.Right, doc),
        _ => false,
    };

    /// <summary>
    /// FTS5's <c>bm25()</c> (higher is better here; FTS5 returns it negated): for each phrase, its IDF times
    /// f·(k1+1) / (f + k1·(1 − b + b·|D|/avgdl)), where f is the phrase's instances weighted by column, |D| the row's
    /// terms in all columns and avgdl the mean over the table.
    /// </summary>
    /// <param name="doc">The document.</param>
    /// <param name="documentsWithPhrase">Per phrase (in <see cref="Phrases"/> order): rows matching it alone.</param>
    /// <param name="rows">Rows in the table.</param>
    /// <param name="totalTerms">Terms in all rows and columns.</param>
    public double Score(DocumentTerms doc, IReadOnlyList<long> documentsWithPhrase, long rows, long totalTerms)
    {
        ArgumentNullException.ThrowIfNull(doc);
        ArgumentNullException.ThrowIfNull(documentsWithPhrase);
        double avgdl = rows == 0 ? 1 : (double)totalTerms / rows;
        double score = 0;
        foreach (var p in Phrases)
        {
            double f = 0;
            for (int c = 0; c < 4; c++)
            {
                f += Bm25.Weights[c] * Instances(p, doc, c);
            }
            score += Bm25.Idf(rows, documentsWithPhrase[p.Index]) * (f * (Bm25.K1 + 1)) / (f + Bm25.K1 * (1 - Bm25.B + Bm25.B * doc.Length / avgdl));
        }
        return score;
    }

    private sealed class Parser(string text)
    {
        private int _at;

        public List<Phrase> Phrases { get; } = [];

        public int Position => _at;

        public bool AtEnd => _at >= text.Length;

        public void SkipSpace()
        {
            while (_at < text.Length && text[_at] == ' ')
            {
                _at++;
            }
        }

        private bool Keyword(string word)
        {
            SkipSpace();
            if (string.CompareOrdinal(text, _at, word, 0, word.Length) == 0 && (_at + word.Length == text.Length || text[_at + word.Length] is ' ' or '(' or '{' or '"'))
            {
                _at += word.Length;
                return true;
            }
            return false;
        }

        private bool Char(char c)
        {
            SkipSpace();
            if (_at < text.Length && text[_at] == c)
            {
                _at++;
                return true;
            }
            return false;
        }

        public Node ParseOr(int mask)
        {
            var left = ParseAnd(mask);
            while (Keyword("OR"))
            {
                left = new Or(left, ParseAnd(mask));
            }
            return left;
        }

        private Node ParseAnd(int mask)
        {
            var left = ParseNot(mask);
            while (Keyword("AND"))
            {
                left = new And(left, ParseNot(mask));
            }
            return left;
        }

        private Node ParseNot(int mask)
        {
            var left = ParseUnary(mask);
            while (Keyword("NOT"))
            {
                left = new Not(left, ParseUnary(mask));
            }
            return left;
        }

        private Node ParseUnary(int mask)
        {
            SkipSpace();
            if (Char('{'))
            {
                int close = text.IndexOf('}', _at);
                if (close < 0)
                {
                    throw new FormatException("unclosed column filter in match expression: " + text);
                }
                int columns = 0;
                foreach (var name in text[_at..close].Split(' ', StringSplitOptions.RemoveEmptyEntries))
                {
                    int c = Array.IndexOf(MatchExpression.Columns, name);
                    columns |= c >= 0 ? 1 << c : throw new FormatException($"unknown column {name} in match expression: {text}");
                }
                _at = close + 1;
                if (!Char(':'))
                {
                    throw new FormatException("column filter without ':' in match expression: " + text);
                }
                return ParseUnary(mask & columns);
            }
            if (Char('('))
            {
                var inner = ParseOr(mask);
                if (!Char(')'))
                {
                    throw new FormatException("unclosed parenthesis in match expression: " + text);
                }
                return inner;
            }
            if (Char('"'))
            {
                var sb = new StringBuilder();
                while (_at < text.Length && !(text[_at] == '"' && (_at + 1 >= text.Length || text[_at + 1] != '"')))
                {
                    if (text[_at] == '"')
                    {
                        _at++; // a doubled quote
                    }
                    sb.Append(text[_at++]);
                }
                if (_at >= text.Length)
                {
                    throw new FormatException("unclosed quote in match expression: " + text);
                }
                _at++;
                bool prefix = Char('*');
                var terms = sb.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries);
                var phrase = new Phrase(terms, prefix, mask, Phrases.Count);
                Phrases.Add(phrase);
                return phrase;
            }
            throw new FormatException($"unexpected text at {_at} in match expression: {text}");
        }
    }
}

/// <summary>The ranking of every store: FTS5's BM25 with Dabir's column weights.</summary>
internal static class Bm25
{
    /// <summary>Weights of title_f, title_l, body_f, body_l (see <see cref="SqliteArchiveStore"/> for why).</summary>
    public static readonly double[] Weights = [2.0, 2.0, 1.0, 1.0];

    /// <summary>FTS5's k1.</summary>
    public const double K1 = 1.2;

    /// <summary>FTS5's b.</summary>
    public const double B = 0.75;

    /// <summary>The SQL call for FTS5 over the <c>terms</c> table.</summary>
    public static string Fts5Call => "bm25(terms, " + string.Join(", ", Weights.Select(w => w.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture))) + ")";

    /// <summary>FTS5's IDF: log((N − n + 0.5) / (n + 0.5)), at least 1e-6.</summary>
    public static double Idf(long rows, long withPhrase)
    {
        double idf = Math.Log((rows - withPhrase + 0.5) / (withPhrase + 0.5));
        return idf <= 0 ? 1e-6 : idf;
    }
}
