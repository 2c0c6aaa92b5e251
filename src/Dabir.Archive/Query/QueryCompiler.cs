using System.Text;
using Dabir.Pipeline;
using Dabir.Segmentation;
using Dabir.Tagging;
using Dabir.Text;

namespace Dabir.Archive.Query;

/// <summary>One analysed query word: its folded form and folded lemma (equal when the lemma adds nothing).</summary>
internal readonly record struct QueryTerm(string Form, string Lemma);

/// <summary>
/// Turns a parsed query into an FTS5 MATCH expression over the archive's term columns. Query words go through the
/// analysis documents went through (repair, segmentation, lemmas, then <see cref="SearchTerms"/>); suffixes and
/// the verb prefix typed as separate words («نامه های», «می شود») are joined to their word first. Every term is
/// quoted and holds letters and digits only, so nothing the user types reaches FTS5 as syntax.
/// </summary>
internal sealed class QueryCompiler
{
    public const string FormColumns = "{title_f body_f}";
    public const string AllColumns = "{title_f title_l body_f body_l}";
    public const string LemmaColumns = "{title_l body_l}";

    private static readonly Lazy<DocumentPipeline> SharedPipeline = new(() =>
        new DocumentPipelineBuilder().UseRepair().UseSegmentation().UseLemmas().Build());

    // Detached suffixes people type as words (joined to the word before) and verb prefixes (joined to the word after).
    private static readonly HashSet<string> Suffixes = new(StringComparer.Ordinal)
    {
        "ها", "های", "هایی", "هایم", "هایت", "هایش", "هایمان", "هایتان", "هایشان", "ای", "ترین", "تری", "هاي", "هايي",
    };

    private static readonly HashSet<string> Prefixes = new(StringComparer.Ordinal) { "می", "نمی", "مي", "نمي" };

    /// <summary>Below this many documents every query word is searched.</summary>
    public const long PruneFromDocuments = 2000;

    /// <summary>A word in more than this share of the documents (half: the stopwords of the archive) is dropped from an any-of-these-words group that has rarer words.</summary>
    public const double PruneShare = 0.5;

    private readonly DocumentPipeline _pipeline;
    private readonly Func<string, long>? _documentFrequency;
    private readonly long _documents;

    /// <param name="pipeline">The analysis (repair, segmentation, lemmas) when not the shared one.</param>
    /// <param name="documentFrequency">Documents holding a term, for pruning near-stopwords; null: never prune.</param>
    /// <param name="documents">Documents in the archive.</param>
    public QueryCompiler(DocumentPipeline? pipeline = null, Func<string, long>? documentFrequency = null, long documents = 0)
    {
        _pipeline = pipeline ?? SharedPipeline.Value;
        _documentFrequency = documentFrequency;
        _documents = documents;
    }

    /// <summary>The terms of the last compiled query, for highlighting.</summary>
    public List<QueryTerm> Terms { get; } = [];

    /// <summary>
    /// The last query with every item side by side required (AND instead of OR), when that differs from
    /// <see cref="Compile(string)"/>'s expression; else null. Its matches are a subset of the full expression's with the
    /// same phrases, so their BM25 scores are the same in both: the store ranks these first and falls back to the full
    /// expression only when they are too few.
    /// </summary>
    public string? Strict { get; private set; }

    // Compiling the strict form: juxtaposition is AND.
    private bool _strict;

    // Analysed runs of words, shared by the two forms of one query.
    private readonly Dictionary<string, List<QueryTerm>> _analysed = new(StringComparer.Ordinal);

    /// <summary>The FTS5 expression of <paramref name="query"/> (and its strict form in <see cref="Strict"/>).</summary>
    /// <exception cref="QuerySyntaxException">The query cannot be read or has no searchable word.</exception>
    public string Compile(string query)
    {
        var node = QueryParser.Parse(query);
        Terms.Clear();
        _analysed.Clear();
        _strict = false;
        string any = Compile(node) ?? throw new QuerySyntaxException("the query has no searchable words (only punctuation or symbols)");
        _strict = true;
        try
        {
            string? all = Compile(node);
            Strict = all == any ? null : all;
        }
        finally
        {
            _strict = false;
        }
        return any;
    }

    private string? Compile(QueryNode node) => node switch
    {
        WordsNode w => Join(Prune(Units(w.Text).ToList()), _strict ? " AND " : " OR "),
        PrefixNode p => SearchTerms.Fold(p.Text) is { } t ? $"{FormColumns} : \"{t}\" *" : null,
        PhraseNode ph => Phrase(ph.Text),
        OrNode or => Join(or.Items.Select(Compile), " OR "),
        AndNode and => Group(and.Items, " AND "),
        AnyNode any => Group(any.Items, _strict ? " AND " : " OR "),
        NotNode => throw new QuerySyntaxException("NOT needs something to exclude from: write «a NOT b» or «a -b»"),
        _ => null,
    };

    private string? Group(IReadOnlyList<QueryNode> items, string op)
    {
        var positive = Join(items.Where(i => i is not NotNode).Select(i => i is WordsNode w && op == " AND " ? Join(Units(w.Text).Select(u => u.Unit), " AND ") : Compile(i)), op);
        var negative = Join(items.OfType<NotNode>().Select(n => Compile(n.Item)), " OR ");
        if (positive is null)
        {
            return null;
        }
        return negative is null ? positive : $"({positive}) NOT ({negative})";
    }

    private static string? Join(IEnumerable<string?> parts, string op)
    {
        var list = parts.OfType<string>().ToList();
        return list.Count switch
        {
            0 => null,
            1 => list[0],
            _ => string.Join(op, list.Select(p => "(" + p + ")")),
        };
    }

    // Words side by side are OR-ed and ranked by BM25, where a word in half the archive adds almost nothing (its
    // IDF is near zero) but costs a scan of its postings: dropped when rarer words remain. Postings of such words grow
    // with the archive, so this keeps latency from growing with it.
    private List<string> Prune(List<(string Unit, QueryTerm Term)> units)
    {
        if (_documentFrequency is null || _documents < PruneFromDocuments || units.Count < 2)
        {
            return [.. units.Select(u => u.Unit)];
        }
        long limit = (long)(PruneShare * _documents);
        var kept = units.Where(u => Math.Max(Frequency(u.Term.Form), u.Term.Lemma == u.Term.Form ? 0 : Frequency(u.Term.Lemma)) <= limit).Select(u => u.Unit).ToList();
        return kept.Count > 0 ? kept : [.. units.Select(u => u.Unit)];
    }

    // Each term's document frequency is looked up once per compiler.
    private readonly Dictionary<string, long> _frequencies = new(StringComparer.Ordinal);

    private long Frequency(string term)
    {
        if (!_frequencies.TryGetValue(term, out long n))
        {
            _frequencies[term] = n = _documentFrequency!(term);
        }
        return n;
    }

    private IEnumerable<(string Unit, QueryTerm Term)> Units(string text)
    {
        foreach (var term in Analyzed(text))
        {
            if (!_strict)
            {
                Terms.Add(term);
            }
            yield return (term.Form == term.Lemma
                ? $"{AllColumns} : \"{term.Form}\""
                : $"{AllColumns} : (\"{term.Form}\" OR \"{term.Lemma}\")", term);
        }
    }

    private string? Phrase(string text)
    {
        var terms = Analyzed(text);
        if (terms.Count == 0)
        {
            return null;
        }
        if (!_strict)
        {
            Terms.AddRange(terms);
        }
        string forms = string.Join(' ', terms.Select(t => t.Form));
        string lemmas = string.Join(' ', terms.Select(t => t.Lemma));
        return forms == lemmas
            ? $"{AllColumns} : \"{forms}\""
            : $"({FormColumns} : \"{forms}\") OR ({LemmaColumns} : \"{lemmas}\")";
    }

    private List<QueryTerm> Analyzed(string text)
    {
        if (!_analysed.TryGetValue(text, out var terms))
        {
            _analysed[text] = terms = Analyze(text);
        }
        return terms;
    }

    /// <summary>The analysed terms of a run of words, in order.</summary>
    public List<QueryTerm> Analyze(string text)
    {
        string joined = JoinDetached(text);
        var result = new List<QueryTerm>();
        if (joined.Length == 0)
        {
            return result;
        }
        var doc = _pipeline.Run(joined);
        var aligned = doc.Get<AlignedText>();
        var segmented = doc.Get<SegmentedText>();
        var lemmas = doc.Find<Lemmas>();
        for (int t = 0; t < segmented.Tokens.Count; t++)
        {
            var token = segmented.Tokens[t];
            var formSpan = aligned.Text.AsSpan(token.Start, token.Length);
            if (SearchTerms.Fold(formSpan) is not { } form)
            {
                continue;
            }
            string lemma = lemmas?.Values[segmented.FirstWord(t)] is { Length: > 0 } l && SearchTerms.Fold(l) is { } fl ? fl : form;
            result.Add(new QueryTerm(form, lemma));
        }
        return result;
    }

    /// <summary>Joins «نامه های» → «نامه‌های» and «می شود» → «می‌شود» (a half-space between), so they fold as the one word.</summary>
    internal static string JoinDetached(string text)
    {
        var words = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        var sb = new StringBuilder(text.Length);
        for (int i = 0; i < words.Length; i++)
        {
            string w = words[i];
            if (sb.Length > 0)
            {
                string previous = i > 0 ? words[i - 1] : "";
                bool joinSuffix = Suffixes.Contains(w) && !Prefixes.Contains(previous);
                bool afterPrefix = Prefixes.Contains(previous) && !Suffixes.Contains(w);
                sb.Append(joinSuffix || afterPrefix ? PersianChars.Zwnj : ' ');
            }
            sb.Append(w);
        }
        return sb.ToString();
    }
}
