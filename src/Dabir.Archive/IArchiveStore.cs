namespace Dabir.Archive;

/// <summary>One input's analysed document, with the input it came from (the store records the input as done in the same transaction).</summary>
/// <param name="Locator">Where the input was: <c>PATH</c> or <c>PATH:LINE</c>.</param>
/// <param name="InputHash">Hash of the input's raw bytes: a done input with the same hash is skipped on the next run.</param>
/// <param name="Document">The prepared document.</param>
public sealed record IngestItem(string Locator, string InputHash, ArchiveDocument Document);

/// <summary>What a batch changed.</summary>
/// <param name="Added">New documents.</param>
/// <param name="NewVersions">Documents whose key was stored with other content: a new version, now current.</param>
/// <param name="Unchanged">Same key and same content as the current version: nothing stored.</param>
public sealed record BatchResult(int Added, int NewVersions, int Unchanged);

/// <summary>A search: the query (the archive's query language) and filters, all optional but the query.</summary>
public sealed record SearchRequest
{
    /// <summary>The query.</summary>
    public required string Query { get; init; }

    /// <summary>Hits wanted.</summary>
    public int Limit { get; init; } = 10;

    /// <summary>Published on or after.</summary>
    public DateOnly? From { get; init; }

    /// <summary>Published on or before.</summary>
    public DateOnly? To { get; init; }

    /// <summary>Agency id (<c>fars</c>, <c>irna</c> …) or name.</summary>
    public string? Agency { get; init; }

    /// <summary>A named entity, matched on its folded words.</summary>
    public string? Entity { get; init; }

    /// <summary>An actor: dictionary id, canonical name or an alias as written.</summary>
    public string? Actor { get; init; }

    /// <summary>A country (ISO3) of an actor or an event's actor or recipient.</summary>
    public string? Country { get; init; }

    /// <summary>A PLOVER event type.</summary>
    public string? Event { get; init; }

    /// <summary>Compute snippets (costs a record read per hit).</summary>
    public bool Snippets { get; init; } = true;

    /// <summary>One hit per near-duplicate cluster (the best-ranked member, with the cluster's size).</summary>
    public bool Collapse { get; init; } = true;
}

/// <summary>A search hit.</summary>
public sealed class SearchHit
{
    /// <summary>Store row id of this version.</summary>
    public required long RowId { get; init; }

    /// <summary>The record's id.</summary>
    public required string Id { get; init; }

    /// <summary>The article's URL.</summary>
    public string? Url { get; init; }

    /// <summary>Its title.</summary>
    public string? Title { get; init; }

    /// <summary>Agency id.</summary>
    public string? Agency { get; init; }

    /// <summary>Publication date (ISO).</summary>
    public string? Published { get; init; }

    /// <summary>BM25 relevance, higher is better.</summary>
    public required double Score { get; init; }

    /// <summary>Documents in its near-duplicate cluster (1: no copies).</summary>
    public int Copies { get; init; } = 1;

    /// <summary>A passage of the source text around the matched words.</summary>
    public Snippet? Snippet { get; init; }
}

/// <summary>A passage of a document's source text with the matched words marked.</summary>
/// <param name="Text">The passage, as in the source text.</param>
/// <param name="SourceStart">Where it starts in the source text.</param>
/// <param name="Highlights">The matched words, as (start, length) in <paramref name="Text"/>.</param>
public sealed record Snippet(string Text, int SourceStart, IReadOnlyList<(int Start, int Length)> Highlights);

/// <summary>What the archive holds.</summary>
public sealed class ArchiveStats
{
    /// <summary>Current documents (one per key).</summary>
    public required long Documents { get; init; }

    /// <summary>Stored versions, current or not.</summary>
    public required long Versions { get; init; }

    /// <summary>Near-duplicate clusters of two or more.</summary>
    public required long Clusters { get; init; }

    /// <summary>Documents in such clusters.</summary>
    public required long ClusteredDocuments { get; init; }

    /// <summary>Inputs recorded as done.</summary>
    public required long Inputs { get; init; }

    /// <summary>Documents by agency id ("" for none).</summary>
    public required IReadOnlyList<KeyValuePair<string, long>> ByAgency { get; init; }

    /// <summary>Documents by publication month (yyyy-MM, "" for undated).</summary>
    public required IReadOnlyList<KeyValuePair<string, long>> ByMonth { get; init; }

    /// <summary>Most frequent entities (documents mentioning them).</summary>
    public required IReadOnlyList<KeyValuePair<string, long>> TopEntities { get; init; }

    /// <summary>Most frequent actors (empty until the actors layer runs).</summary>
    public required IReadOnlyList<KeyValuePair<string, long>> TopActors { get; init; }

    /// <summary>Events by month and PLOVER type (<c>yyyy-MM type</c>; empty until the events layer runs).</summary>
    public required IReadOnlyList<KeyValuePair<string, long>> EventTypesByMonth { get; init; }
}

/// <summary>A stored document, as export reads it.</summary>
/// <param name="Key">Identity key.</param>
/// <param name="Version">Version number (1 for the first).</param>
/// <param name="Record">The record JSON (UTF-8).</param>
public sealed record StoredDocument(string Key, int Version, ReadOnlyMemory<byte> Record);

/// <summary>An events query: every filter optional; newest first.</summary>
public sealed record EventQuery
{
    /// <summary>An actor on either side (actor or recipient): dictionary id, canonical name or an alias as written.</summary>
    public string? Actor { get; init; }

    /// <summary>A country (ISO3, or UNO, EUR, IGO) of the event's actor or of one of its recipients.</summary>
    public string? Country { get; init; }

    /// <summary>A PLOVER event type.</summary>
    public string? Type { get; init; }

    /// <summary>Documents published on or after.</summary>
    public DateOnly? From { get; init; }

    /// <summary>Documents published on or before.</summary>
    public DateOnly? To { get; init; }

    /// <summary>Events wanted.</summary>
    public int Limit { get; init; } = 100;

    /// <summary>Events skipped first (paging).</summary>
    public int Offset { get; init; }
}

/// <summary>A stored event with the document it came from.</summary>
/// <param name="DocumentId">The document's record id.</param>
/// <param name="Url">The document's URL.</param>
/// <param name="Title">The document's title.</param>
/// <param name="Published">The document's publication date (ISO), when known.</param>
/// <param name="Type">PLOVER type.</param>
/// <param name="ActorId">The actor's dictionary id, when resolved.</param>
/// <param name="ActorCountry">The actor's country.</param>
/// <param name="RecipientIds">The recipients' dictionary ids (resolved ones only).</param>
/// <param name="Json">The event object exactly as the record holds it (UTF-8 JSON; spans point into the document's source text).</param>
public sealed record StoredEvent(
    string DocumentId,
    string? Url,
    string? Title,
    string? Published,
    string Type,
    string? ActorId,
    string? ActorCountry,
    IReadOnlyList<string> RecipientIds,
    ReadOnlyMemory<byte> Json);

/// <summary>An actor's events in one month and of one type.</summary>
/// <param name="Month">yyyy-MM ("" for undated documents).</param>
/// <param name="Type">PLOVER type.</param>
/// <param name="AsActor">Events where the actor acts.</param>
/// <param name="AsRecipient">Events where the actor is a recipient.</param>
public sealed record ActorMonth(string Month, string Type, long AsActor, long AsRecipient);

/// <summary>An actor met on the other side of an actor's events.</summary>
/// <param name="ActorId">Its dictionary id.</param>
/// <param name="Name">Its canonical name.</param>
/// <param name="Events">Events shared.</param>
public sealed record Counterpart(string ActorId, string? Name, long Events);

/// <summary>What the archive knows of one actor.</summary>
/// <param name="ActorId">The dictionary id the request resolved to.</param>
/// <param name="Name">Its canonical name, as the records give it.</param>
/// <param name="Country">Its country, as the records give it.</param>
/// <param name="Documents">Current documents that mention it.</param>
/// <param name="Months">Its events by month and type, months ascending.</param>
/// <param name="Counterparts">The actors on the other side of its events, most frequent first.</param>
public sealed record ActorActivity(
    string ActorId,
    string? Name,
    string? Country,
    long Documents,
    IReadOnlyList<ActorMonth> Months,
    IReadOnlyList<Counterpart> Counterparts);

/// <summary>
/// An archive of analysed articles: a transactional store with search and near-duplicate clusters. The SQLite
/// implementation is <see cref="SqliteArchiveStore"/>; a server database implements the same contract.
/// </summary>
/// <remarks>One writer at a time (<see cref="Add"/>); readers may search while it writes.</remarks>
public interface IArchiveStore : IDisposable
{
    /// <summary>The inputs recorded as done: locator → input hash.</summary>
    IReadOnlyDictionary<string, string> DoneInputs();

    /// <summary>Stores a batch in one transaction: documents, their terms, fingerprints, cluster updates and the inputs as done.</summary>
    BatchResult Add(IReadOnlyList<IngestItem> batch);

    /// <summary>Runs a search.</summary>
    /// <exception cref="Query.QuerySyntaxException">The query cannot be read.</exception>
    IReadOnlyList<SearchHit> Search(SearchRequest request);

    /// <summary>Near-duplicate clusters of two or more current documents, each as its members' URLs (the record id when there is none).</summary>
    IEnumerable<IReadOnlyList<string>> Clusters();

    /// <summary>Counts by agency, month, entity, actor and event type.</summary>
    ArchiveStats Stats(int top = 20);

    /// <summary>Current documents (one per key): what <see cref="Stats"/> counts as <see cref="ArchiveStats.Documents"/>, without the other counts.</summary>
    long DocumentCount() => Stats(1).Documents;

    /// <summary>The current version of every document, in storage order.</summary>
    IEnumerable<StoredDocument> Export();

    /// <summary>The current version of one document, found by its record id, its identity key or its URL; null when none.</summary>
    StoredDocument? Document(string id);

    /// <summary>Events of current documents matching <paramref name="query"/>, newest document first.</summary>
    IReadOnlyList<StoredEvent> Events(EventQuery query);

    /// <summary>One actor's events by month and type and its counterparts; null when no current document mentions it.</summary>
    /// <param name="actor">Dictionary id, canonical name or an alias as written.</param>
    /// <param name="top">Counterparts wanted.</param>
    ActorActivity? Actor(string actor, int top = 20);
}

/// <summary>The store file cannot be used: not an archive, damaged, or from an unknown schema.</summary>
public sealed class ArchiveStoreException : Exception
{
    /// <summary>An exception with no detail.</summary>
    public ArchiveStoreException()
    {
    }

    /// <summary>An exception with a message.</summary>
    public ArchiveStoreException(string message) : base(message)
    {
    }

    /// <summary>An exception with a message and its cause.</summary>
    public ArchiveStoreException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
