using System.Globalization;
using System.IO.Hashing;
using System.Security.Cryptography;
using System.Text;
using Dabir.Archive;
using Dabir.Archive.Query;
using Dabir.IO;
using Dabir.Server.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace Dabir.Server.Api;

/// <summary>The archive's routes: search, one document, an actor, events, counts, and (when allowed) ingest.</summary>
internal static class ArchiveEndpoints
{
    public const int MaxSearchLimit = 100;
    public const int MaxEventsLimit = 1000;

    public static RouteGroupBuilder MapArchive(this RouteGroupBuilder api)
    {
        api.MapGet("/search", Search)
            .WithName("search")
            .WithSummary("Search the archive (the query language of dabir search), with filters; one hit per near-duplicate cluster unless all=true.");
        api.MapGet("/documents/{**id}", Document)
            .WithName("document")
            .WithSummary("One stored document's record (dabir.document/1), by record id, identity key or URL.");
        api.MapGet("/actors/{id}", Actor)
            .WithName("actor")
            .WithSummary("One actor (dictionary id, canonical name or alias): its events by month and type, and its counterparts.");
        api.MapGet("/events", Events)
            .WithName("events")
            .WithSummary("Events of the archive's documents, newest document first, with filters.");
        api.MapGet("/stats", Stats)
            .WithName("stats")
            .WithSummary("What the archive holds, as dabir stats --format json.");
        api.MapPost("/documents", Ingest)
            .WithName("ingest")
            .WithSummary("Analyse one article at the full level and store it (only when the server runs with --allow-ingest; needs the bearer token).")
            .Accepts<System.Text.Json.JsonElement>("text/plain", "text/html", "application/json")
            .RequireRateLimiting(TextEndpoints.AnalysisPolicy);
        return api;
    }

    private static Results<Ok<SearchResponse>, ProblemHttpResult> Search(
        ArchivePool pool,
        IOptions<DabirServerOptions> options,
        [FromQuery] string? q,
        [FromQuery] string? from,
        [FromQuery] string? to,
        [FromQuery] string? agency,
        [FromQuery] string? actor,
        [FromQuery] string? country,
        [FromQuery(Name = "event")] string? eventType,
        [FromQuery] string? entity,
        [FromQuery] int? limit,
        [FromQuery] bool? all)
    {
        if (string.IsNullOrWhiteSpace(q))
        {
            return Problems.BadRequest("q: give a query (words, \"a phrase\", AND, OR, NOT, prefix*)");
        }
        int maxQuery = options.Value.MaxQueryLength;
        if (q.Length > maxQuery)
        {
            return Problems.BadRequest(string.Create(CultureInfo.InvariantCulture, $"q: {q.Length:N0} characters; the limit is {maxQuery:N0}"));
        }
        if (limit is < 1 or > MaxSearchLimit)
        {
            return Problems.BadRequest($"limit: from 1 to {MaxSearchLimit}");
        }
        var (fromDate, toDate, problem) = Dates(from, to);
        if (problem is not null)
        {
            return problem;
        }
        var request = new SearchRequest
        {
            Query = q,
            Limit = limit ?? 10,
            From = fromDate,
            To = toDate,
            Agency = agency,
            Entity = entity,
            Actor = actor,
            Country = country,
            Event = eventType,
            Collapse = all != true,
            Snippets = true,
        };
        try
        {
            return TypedResults.Ok(new SearchResponse(q, pool.Read(store => store.Search(request))));
        }
        catch (QuerySyntaxException e)
        {
            return Problems.BadRequest("q: " + e.Message);
        }
    }

    // from/to as the CLI reads them (Gregorian or Jalali, numeric or named); a bad one is a 400 naming it.
    private static (DateOnly? From, DateOnly? To, ProblemHttpResult? Problem) Dates(string? from, string? to)
    {
        try
        {
            return (from is null ? null : ArchiveDates.ParseFilter("from", from), to is null ? null : ArchiveDates.ParseFilter("to", to), null);
        }
        catch (InputException e)
        {
            return (null, null, Problems.BadRequest(e.Message));
        }
    }

    private static Results<JsonBytes, ProblemHttpResult> Document(ArchivePool pool, string id)
    {
        // An id holding a URL arrives with its reserved characters percent-encoded (%2F stays encoded in a path).
        var stored = pool.Read(store => store.Document(id) ?? (id.Contains('%', StringComparison.Ordinal) ? store.Document(Uri.UnescapeDataString(id)) : null));
        return stored is null
            ? Problems.NotFound("no document with this record id, key or URL")
            : new JsonBytes(stored.Record);
    }

    private static Results<Ok<ActorResponse>, ProblemHttpResult> Actor(ArchivePool pool, string id)
    {
        var activity = pool.Read(store => store.Actor(id));
        return activity is null
            ? Problems.NotFound("no document of the archive mentions this actor")
            : TypedResults.Ok(ActorResponse.From(activity));
    }

    private static Results<Ok<EventsResponse>, ProblemHttpResult> Events(
        ArchivePool pool,
        [FromQuery] string? actor,
        [FromQuery] string? country,
        [FromQuery] string? type,
        [FromQuery] string? from,
        [FromQuery] string? to,
        [FromQuery] int? limit,
        [FromQuery] int? offset)
    {
        if (limit is < 1 or > MaxEventsLimit)
        {
            return Problems.BadRequest($"limit: from 1 to {MaxEventsLimit}");
        }
        if (offset is < 0)
        {
            return Problems.BadRequest("offset: 0 or more");
        }
        var (fromDate, toDate, problem) = Dates(from, to);
        if (problem is not null)
        {
            return problem;
        }
        var query = new EventQuery
        {
            Actor = actor,
            Country = country,
            Type = type,
            From = fromDate,
            To = toDate,
            Limit = limit ?? 100,
            Offset = offset ?? 0,
        };
        var events = pool.Read(store => store.Events(query));
        return TypedResults.Ok(new EventsResponse([.. events.Select(EventItem.From)]));
    }

    private static JsonBytes Stats(ArchivePool pool, DabirServerSetup setup)
    {
        var stats = pool.Read(store => store.Stats());
        long? bytes = setup.StoreBytes?.Invoke();
        return JsonBytes.Write(writer => ArchiveJson.WriteStats(writer, stats, bytes));
    }

    private static async Task<Results<Created<IngestResponse>, ProblemHttpResult, UnauthorizedHttpResult>> Ingest(
        HttpContext context,
        ArchivePool pool,
        Analysis analysis,
        DabirServerSetup setup,
        IOptions<DabirServerOptions> options,
        CancellationToken cancellationToken)
    {
        if (options.Value.IngestToken is not { Length: > 0 } token)
        {
            return TypedResults.Problem("ingest is off: this server does not write to its archive (start it with --allow-ingest and a token)", statusCode: StatusCodes.Status403Forbidden);
        }
        if (!Authorized(context.Request, token))
        {
            context.Response.Headers.WWWAuthenticate = "Bearer";
            return TypedResults.Unauthorized();
        }
        BodyFormat[] formats = [BodyFormat.Text, BodyFormat.Html, BodyFormat.Json];
        if (RequestBody.FormatOf(context.Request, formats) is not { } format)
        {
            return Problems.UnsupportedMediaType(RequestBody.Describe(formats));
        }
        byte[] body = await RequestBody.ReadAsync(context.Request, options.Value.MaxRequestBodyBytes, cancellationToken).ConfigureAwait(false);
        var document = analysis.Analyze(Analysis.Read(format, body), AnalysisLevel.Full, cancellationToken);
        var archived = ArchiveDocument.Create(document, Analysis.Record(document), setup.AnalysisVersion);
        string hash = Convert.ToHexStringLower(XxHash128.Hash(body));
        var result = await pool.Write(store => store.Add([new IngestItem("api:" + hash, hash, archived)]), cancellationToken).ConfigureAwait(false);
        string outcome = result.Added > 0 ? "added" : result.NewVersions > 0 ? "newVersion" : "unchanged";
        return TypedResults.Created("/v1/documents/" + Uri.EscapeDataString(archived.RecordId), new IngestResponse(archived.RecordId, archived.Key, outcome));
    }

    // The token compared in constant time, so its bytes cannot be guessed one by one from response times.
    private static bool Authorized(HttpRequest request, string token)
    {
        string header = request.Headers.Authorization.ToString();
        const string Scheme = "Bearer ";
        if (!header.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }
        return CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(header[Scheme.Length..].Trim()), Encoding.UTF8.GetBytes(token));
    }
}
