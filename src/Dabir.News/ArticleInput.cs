namespace Dabir.News;

/// <summary>
/// An article as a reader produced it, before analysis: either crawled plain text (structure to be inferred)
/// or named fields (from a JSON record or an HTML page).
/// </summary>
public sealed class ArticleInput
{
    /// <summary>Identifier carried into <see cref="NewsDocument.Id"/>.</summary>
    public required string Id { get; init; }

    /// <summary>Where it came from.</summary>
    public required ArticleOrigin Origin { get; init; }

    /// <summary>Crawled text whose title, lead and body are inferred; null when fields are given.</summary>
    public string? PlainText { get; init; }

    /// <summary>The headline field.</summary>
    public string? Title { get; init; }

    /// <summary>The lead / abstract / summary field.</summary>
    public string? Lead { get; init; }

    /// <summary>Body paragraphs (one item per paragraph; a single item may hold several lines).</summary>
    public IReadOnlyList<string> Body { get; init; } = [];

    /// <summary>The article's address.</summary>
    public string? Url { get; init; }

    /// <summary>The publication date or timestamp as given (ISO 8601, RFC 1123 or a Persian date).</summary>
    public string? Published { get; init; }

    /// <summary>The outlet named by the record («خبرگزاری فارس», "IRNA").</summary>
    public string? SourceName { get; init; }

    /// <summary>True when the article holds no text to analyse (only whitespace, or no field at all).</summary>
    public bool IsEmpty => PlainText is { } text
        ? string.IsNullOrWhiteSpace(text)
        : string.IsNullOrWhiteSpace(Title) && string.IsNullOrWhiteSpace(Lead) && Body.All(string.IsNullOrWhiteSpace);

    /// <summary>Creates an input from crawled plain text.</summary>
    public static ArticleInput FromText(string id, string text, string? path) =>
        new() { Id = id, Origin = new ArticleOrigin(path, null, "text"), PlainText = text };
}
