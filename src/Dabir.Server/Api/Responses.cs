using Dabir.Archive;
using Dabir.Server.Http;

namespace Dabir.Server.Api;

/// <summary><c>GET /health</c>.</summary>
/// <param name="Status">Always <c>ok</c> when the server answers.</param>
/// <param name="Documents">Current documents in the archive.</param>
/// <param name="Version">The server's version.</param>
internal sealed record HealthResponse(string Status, long Documents, string Version);

/// <summary><c>POST /v1/normalize</c> with a JSON body.</summary>
/// <param name="Text">The text to repair.</param>
internal sealed record NormalizeRequest(string Text);

/// <summary><c>POST /v1/normalize</c>.</summary>
/// <param name="Text">The repaired text (the normalizer's defaults, as <c>dabir normalize</c>).</param>
internal sealed record NormalizeResponse(string Text);

/// <summary><c>GET /v1/search</c>: the query as received and its hits, best first (one per near-duplicate cluster unless <c>all</c>).</summary>
/// <param name="Query">The query.</param>
/// <param name="Hits">The hits, as <c>dabir search --format json</c> writes them.</param>
internal sealed record SearchResponse(string Query, IReadOnlyList<SearchHit> Hits);

/// <summary><c>GET /v1/actors/{id}</c>.</summary>
/// <param name="Id">The dictionary id the request resolved to.</param>
/// <param name="Name">The canonical name.</param>
/// <param name="Country">The country (ISO3, or UNO, EUR, IGO).</param>
/// <param name="Documents">Current documents mentioning the actor.</param>
/// <param name="Months">Its events by month and PLOVER type, months ascending.</param>
/// <param name="Counterparts">The actors on the other side of its events, most frequent first.</param>
internal sealed record ActorResponse(string Id, string? Name, string? Country, long Documents, IReadOnlyList<ActorMonth> Months, IReadOnlyList<CounterpartResponse> Counterparts)
{
    public static ActorResponse From(ActorActivity a) => new(a.ActorId, a.Name, a.Country, a.Documents, a.Months,
        [.. a.Counterparts.Select(c => new CounterpartResponse(c.ActorId, c.Name, c.Events))]);
}

/// <summary>An actor met on the other side of an actor's events.</summary>
/// <param name="Id">Its dictionary id.</param>
/// <param name="Name">Its canonical name.</param>
/// <param name="Events">Events shared.</param>
internal sealed record CounterpartResponse(string Id, string? Name, long Events);

/// <summary><c>GET /v1/events</c>: events newest document first.</summary>
/// <param name="Events">The events.</param>
internal sealed record EventsResponse(IReadOnlyList<EventItem> Events);

/// <summary>An event and the document it came from.</summary>
/// <param name="Document">The document.</param>
/// <param name="Event">The event object exactly as the record holds it (spans point into the document's source text).</param>
internal sealed record EventItem(EventDocument Document, RawJson Event)
{
    public static EventItem From(StoredEvent e) => new(new EventDocument(e.DocumentId, e.Url, e.Title, e.Published), new RawJson(e.Json));
}

/// <summary>The document an event came from.</summary>
/// <param name="Id">Its record id (<c>GET /v1/documents/{id}</c>).</param>
/// <param name="Url">Its URL.</param>
/// <param name="Title">Its title.</param>
/// <param name="Published">Its publication date (ISO).</param>
internal sealed record EventDocument(string Id, string? Url, string? Title, string? Published);

/// <summary><c>POST /v1/documents</c>: what the store did with the article.</summary>
/// <param name="Id">The record id.</param>
/// <param name="Key">The identity key (<c>url:</c> … or <c>sha:</c> …).</param>
/// <param name="Outcome"><c>added</c>, <c>newVersion</c> or <c>unchanged</c>.</param>
internal sealed record IngestResponse(string Id, string Key, string Outcome);
