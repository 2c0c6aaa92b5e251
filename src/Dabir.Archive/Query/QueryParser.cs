using System.Text;

namespace Dabir.Archive.Query;

/// <summary>
/// The archive's query language, read by a small recursive-descent parser (never passed to FTS5 as typed):
/// <code>
/// query  := group+                      words side by side: any of them, ranked (BM25)
/// group  := term ('OR' term)*
/// term   := unary ('AND' unary)*
/// unary  := ('NOT' | '-') unary | '(' query ')' | '"' words '"' | word | word'*'
/// </code>
/// Operators are the upper-case English words; everything else is text that Dabir analyses. A <c>NOT</c> needs
/// something beside it to exclude from. Errors are <see cref="QuerySyntaxException"/>s naming the position.
/// </summary>
internal static class QueryParser
{
    public const int MaxLength = 2000;
    public const int MaxDepth = 32;
    public const int MaxItems = 256;

    private enum Kind
    {
        Word,
        Prefix,
        Phrase,
        And,
        Or,
        Not,
        Minus,
        Open,
        Close,
        End,
    }

    private readonly record struct Lexeme(Kind Kind, string Text, int Position);

    public static QueryNode Parse(string query)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.Length > MaxLength)
        {
            throw new QuerySyntaxException($"the query is too long ({query.Length:N0} characters; at most {MaxLength:N0})");
        }
        var lexemes = Lex(query);
        if (lexemes.Count > MaxItems)
        {
            throw new QuerySyntaxException($"the query has too many words and operators ({lexemes.Count}; at most {MaxItems})");
        }
        var parser = new Parser(lexemes);
        if (parser.Peek.Kind == Kind.End)
        {
            throw new QuerySyntaxException("the query is empty");
        }
        var node = parser.Query(0);
        if (parser.Peek.Kind == Kind.Close)
        {
            throw new QuerySyntaxException("')' without a matching '('", parser.Peek.Position);
        }
        Validate(node, positive: true);
        return node;
    }

    // A NOT only subtracts: a query or a group made only of exclusions has nothing to subtract from.
    private static void Validate(QueryNode node, bool positive)
    {
        switch (node)
        {
            case NotNode n:
                if (positive)
                {
                    throw new QuerySyntaxException("NOT needs something to exclude from: write «a NOT b» or «a -b»");
                }
                Validate(n.Item, true);
                break;
            case AnyNode any:
                ValidateGroup(any.Items);
                break;
            case AndNode and:
                ValidateGroup(and.Items);
                break;
            case OrNode or:
                foreach (var item in or.Items)
                {
                    Validate(item, true);
                }
                break;
        }
    }

    private static void ValidateGroup(IReadOnlyList<QueryNode> items)
    {
        if (items.All(i => i is NotNode))
        {
            throw new QuerySyntaxException("NOT needs something to exclude from: write «a NOT b» or «a -b»");
        }
        foreach (var item in items)
        {
            Validate(item, positive: item is not NotNode);
            if (item is NotNode n)
            {
                Validate(n.Item, true);
            }
        }
    }

    private static List<Lexeme> Lex(string q)
    {
        var list = new List<Lexeme>();
        int i = 0;
        while (i < q.Length)
        {
            char c = q[i];
            if (char.IsWhiteSpace(c) || char.IsControl(c))
            {
                i++;
                continue;
            }
            switch (c)
            {
                case '(':
                    list.Add(new Lexeme(Kind.Open, "(", i++));
                    continue;
                case ')':
                    list.Add(new Lexeme(Kind.Close, ")", i++));
                    continue;
                case '"' or '«' or '»' or '\u201c' or '\u201d':
                {
                    int start = i;
                    char close = c switch { '«' => '»', '\u201c' => '\u201d', _ => '"' };
                    int end = q.IndexOf(close, i + 1);
                    if (end < 0 && c == '"')
                    {
                        throw new QuerySyntaxException("a phrase is not closed: '\"' without its closing '\"'", start);
                    }
                    if (end < 0)
                    {
                        throw new QuerySyntaxException($"a phrase is not closed: '{c}' without its closing '{close}'", start);
                    }
                    list.Add(new Lexeme(Kind.Phrase, q[(i + 1)..end], start));
                    i = end + 1;
                    continue;
                }
                case '-' when i + 1 < q.Length && !char.IsWhiteSpace(q[i + 1]) && (i == 0 || char.IsWhiteSpace(q[i - 1]) || q[i - 1] == '('):
                    list.Add(new Lexeme(Kind.Minus, "-", i++));
                    continue;
            }
            int s = i;
            var word = new StringBuilder();
            while (i < q.Length && !char.IsWhiteSpace(q[i]) && !char.IsControl(q[i]) && q[i] is not ('(' or ')' or '"' or '«' or '»' or '\u201c' or '\u201d'))
            {
                word.Append(q[i++]);
            }
            string w = word.ToString();
            switch (w)
            {
                case "AND":
                    list.Add(new Lexeme(Kind.And, w, s));
                    break;
                case "OR":
                    list.Add(new Lexeme(Kind.Or, w, s));
                    break;
                case "NOT":
                    list.Add(new Lexeme(Kind.Not, w, s));
                    break;
                default:
                    if (w.EndsWith('*'))
                    {
                        string stem = w.TrimEnd('*');
                        if (SearchTerms.Fold(stem) is null)
                        {
                            throw new QuerySyntaxException("'*' needs letters before it (a prefix such as «ایران*»)", s);
                        }
                        list.Add(new Lexeme(Kind.Prefix, stem, s));
                    }
                    else
                    {
                        list.Add(new Lexeme(Kind.Word, w, s));
                    }
                    break;
            }
        }
        list.Add(new Lexeme(Kind.End, "", q.Length));
        return list;
    }

    private sealed class Parser(List<Lexeme> lexemes)
    {
        private int _next;

        public Lexeme Peek => lexemes[_next];

        private Lexeme Take() => lexemes[_next++];

        public QueryNode Query(int depth)
        {
            if (depth > MaxDepth)
            {
                throw new QuerySyntaxException($"the query nests too deep (more than {MaxDepth} levels)", Peek.Position);
            }
            var items = new List<QueryNode>();
            while (Peek.Kind is not (Kind.End or Kind.Close))
            {
                var group = Group(depth);
                // Words typed side by side are analysed together ("نامه های" is one word once joined).
                if (group is WordsNode w && items.Count > 0 && items[^1] is WordsNode prev)
                {
                    items[^1] = new WordsNode(prev.Text + " " + w.Text);
                }
                else
                {
                    items.Add(group);
                }
            }
            if (items.Count == 0)
            {
                throw new QuerySyntaxException("empty parentheses: '()' holds nothing to search", Peek.Position);
            }
            return items.Count == 1 ? items[0] : new AnyNode(items);
        }

        private QueryNode Group(int depth)
        {
            var items = new List<QueryNode> { Term(depth) };
            while (Peek.Kind == Kind.Or)
            {
                Take();
                items.Add(Term(depth));
            }
            return items.Count == 1 ? items[0] : new OrNode(items);
        }

        private QueryNode Term(int depth)
        {
            var items = new List<QueryNode> { Unary(depth) };
            while (Peek.Kind == Kind.And)
            {
                Take();
                items.Add(Unary(depth));
            }
            return items.Count == 1 ? items[0] : new AndNode(items);
        }

        private QueryNode Unary(int depth)
        {
            if (depth > MaxDepth)
            {
                throw new QuerySyntaxException($"the query nests too deep (more than {MaxDepth} levels)", Peek.Position);
            }
            var t = Take();
            switch (t.Kind)
            {
                case Kind.Not or Kind.Minus:
                    if (Peek.Kind is Kind.End or Kind.Close or Kind.And or Kind.Or)
                    {
                        throw new QuerySyntaxException($"'{t.Text}' needs a word, a phrase or a group after it", t.Position);
                    }
                    return new NotNode(Unary(depth + 1));
                case Kind.Open:
                    var inner = Query(depth + 1);
                    if (Peek.Kind != Kind.Close)
                    {
                        throw new QuerySyntaxException("'(' without its closing ')'", t.Position);
                    }
                    Take();
                    return inner;
                case Kind.Phrase:
                    if (SearchTerms.Fold(t.Text.Replace(" ", "", StringComparison.Ordinal)) is null)
                    {
                        throw new QuerySyntaxException("the phrase has no words", t.Position);
                    }
                    return new PhraseNode(t.Text);
                case Kind.Prefix:
                    return new PrefixNode(t.Text);
                case Kind.Word:
                    return new WordsNode(t.Text);
                case Kind.End:
                    throw new QuerySyntaxException("the query ends where a word was expected", t.Position);
                case Kind.Close:
                    throw new QuerySyntaxException("')' where a word was expected", t.Position);
                default:
                    throw new QuerySyntaxException($"'{t.Text}' where a word was expected (an operator needs words on both sides)", t.Position);
            }
        }
    }
}
