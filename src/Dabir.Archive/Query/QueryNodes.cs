namespace Dabir.Archive.Query;

/// <summary>A node of a parsed search query.</summary>
internal abstract record QueryNode;

/// <summary>Words typed side by side (analysed together, so «نامه های» is one word again).</summary>
internal sealed record WordsNode(string Text) : QueryNode;

/// <summary>A word ending in <c>*</c>: every term that starts with its fold.</summary>
internal sealed record PrefixNode(string Text) : QueryNode;

/// <summary>Words in quotes, matched in order.</summary>
internal sealed record PhraseNode(string Text) : QueryNode;

/// <summary>Items side by side: any of them, the more the better (BM25), minus the negated ones.</summary>
internal sealed record AnyNode(IReadOnlyList<QueryNode> Items) : QueryNode;

/// <summary>All of them (<c>AND</c>).</summary>
internal sealed record AndNode(IReadOnlyList<QueryNode> Items) : QueryNode;

/// <summary>Either (<c>OR</c>).</summary>
internal sealed record OrNode(IReadOnlyList<QueryNode> Items) : QueryNode;

/// <summary>Excluded (<c>NOT x</c> or <c>-x</c>): only inside a group that has something to exclude it from.</summary>
internal sealed record NotNode(QueryNode Item) : QueryNode;
