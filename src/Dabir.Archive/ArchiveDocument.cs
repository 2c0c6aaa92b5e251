using System.Buffers;
using System.IO.Hashing;
using System.Text;
using System.Text.Json;
using Dabir.News;

namespace Dabir.Archive;

/// <summary>A named entity of a stored document, with the folded key the <c>--entity</c> filter matches.</summary>
/// <param name="Label">PER, ORG, LOC … as in the record.</param>
/// <param name="Text">The entity's text.</param>
/// <param name="Key">Its words folded as search terms, joined by a space.</param>
public sealed record ArchiveEntity(string Label, string Text, string Key);

/// <summary>An actor mention of a stored document (the record's <c>actors</c> section, when the actors layer ran).</summary>
/// <param name="ActorId">The dictionary id.</param>
/// <param name="Name">The canonical name.</param>
/// <param name="Key">The mention's text folded as search terms (an alias as written).</param>
/// <param name="Country">ISO3 country (or UNO, EUR, IGO).</param>
public sealed record ArchiveActor(string? ActorId, string? Name, string? Key, string? Country);

/// <summary>An event of a stored document (the record's <c>events</c> section, when the events layer ran).</summary>
/// <param name="Type">PLOVER type.</param>
/// <param name="ActorId">The actor's dictionary id, when resolved.</param>
/// <param name="ActorCountry">The actor's country.</param>
/// <param name="RecipientIds">The resolved recipients' dictionary ids.</param>
/// <param name="RecipientCountries">The recipients' countries.</param>
/// <param name="Json">The event object as the record holds it (UTF-8).</param>
public sealed record ArchiveEvent(
    string Type,
    string? ActorId,
    string? ActorCountry,
    IReadOnlyList<string> RecipientIds,
    IReadOnlyList<string> RecipientCountries,
    ReadOnlyMemory<byte> Json);

/// <summary>
/// One analysed article as the archive stores it: identity, filter fields, the record, the source text, search terms
/// from Dabir's own tokens and lemmas, and the near-duplicate fingerprint. Built on a worker thread, written by the
/// store's single writer.
/// </summary>
public sealed class ArchiveDocument
{
    private ArchiveDocument()
    {
    }

    /// <summary>Identity: <c>url:</c> and the normalised URL, or <c>sha:</c> and the content hash when there is no URL.</summary>
    public required string Key { get; init; }

    /// <summary>The hash of the source text (XxHash128, hex): same key and same hash is the same article.</summary>
    public required string ContentHash { get; init; }

    /// <summary>The URL as the record gives it.</summary>
    public string? Url { get; init; }

    /// <summary>The record's id.</summary>
    public required string RecordId { get; init; }

    /// <summary>The title.</summary>
    public string? Title { get; init; }

    /// <summary>The agency id (the record's <c>agency.id</c>).</summary>
    public string? Agency { get; init; }

    /// <summary>The publication date, ISO <c>yyyy-MM-dd</c>.</summary>
    public string? Published { get; init; }

    /// <summary>What analysed it: Dabir version and level.</summary>
    public required string AnalysisVersion { get; init; }

    /// <summary>The article's source text (record spans point into it).</summary>
    public required string SourceText { get; init; }

    /// <summary>The record (JSON, UTF-8).</summary>
    public required ReadOnlyMemory<byte> Record { get; init; }

    /// <summary>Headline terms (title and lead): one folded form per token, space-separated (phrases match on it).</summary>
    public required string TitleForms { get; init; }

    /// <summary>Headline lemma terms, one per token.</summary>
    public required string TitleLemmas { get; init; }

    /// <summary>Body terms (the paragraphs): one folded form per token.</summary>
    public required string BodyForms { get; init; }

    /// <summary>Body lemma terms, one per token.</summary>
    public required string BodyLemmas { get; init; }

    /// <summary>Named entities.</summary>
    public required IReadOnlyList<ArchiveEntity> Entities { get; init; }

    /// <summary>Actor mentions (empty until the actors layer runs).</summary>
    public required IReadOnlyList<ArchiveActor> Actors { get; init; }

    /// <summary>Events (empty until the events layer runs).</summary>
    public required IReadOnlyList<ArchiveEvent> Events { get; init; }

    internal uint[] Shingles { get; init; } = [];

    // Compressed on the worker that builds the document, so the store's single writer only writes.
    internal byte[] StoredSource { get; init; } = [];

    internal byte[] StoredRecord { get; init; } = [];

    internal long[] BandKeys { get; init; } = [];

    /// <summary>
    /// Prepares <paramref name="document"/> for the store. <paramref name="record"/> is its JSON record as
    /// <see cref="News.Json.DocumentJsonWriter"/> wrote it (the actors and events sections are read from it).
    /// </summary>
    public static ArchiveDocument Create(NewsDocument document, ReadOnlyMemory<byte> record, string analysisVersion)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(analysisVersion);
        var titleForms = new StringBuilder();
        var titleLemmas = new StringBuilder();
        var bodyForms = new StringBuilder(document.SourceText.Length);
        var bodyLemmas = new StringBuilder(document.SourceText.Length);
        var tokenHashes = new List<ulong>(document.Tokens.Count);
        Span<char> term = stackalloc char[SearchTerms.MaxLength];
        var title = document.Title?.Span;
        // The lead is the article's own summary: it ranks with the title (dev MRR@10 0.985 → 0.988).
        var lead = document.Lead?.Span;
        foreach (var token in document.Tokens)
        {
            int n = SearchTerms.Fold(token.Form, term);
            if (n == 0)
            {
                continue; // punctuation: no term, no shingle word
            }
            bool inTitle = (title is { } t && token.Span.Start >= t.Start && token.Span.Start < t.Start + t.Length)
                || (lead is { } l && token.Span.Start >= l.Start && token.Span.Start < l.Start + l.Length);
            var forms = inTitle ? titleForms : bodyForms;
            var lemmas = inTitle ? titleLemmas : bodyLemmas;
            forms.Append(term[..n]).Append(' ');
            // The lemma stands at the same position in its own column, so phrases match on lemmas too.
            if (token.Lemma is { Length: > 0 } lemma && SearchTerms.Append(lemmas, lemma))
            {
                // appended
            }
            else
            {
                lemmas.Append(term[..n]).Append(' ');
            }
            tokenHashes.Add(MinHash.TokenHash(term[..n]));
        }
        if (document.Tokens.Count == 0)
        {
            // A structure-level record has no tokens: index the text split at spaces, folded the same way.
            foreach (var range in document.Text.AsSpan().SplitAny(" \n\t\u00a0"))
            {
                int n = SearchTerms.Fold(document.Text.AsSpan(range), term);
                if (n > 0)
                {
                    bodyForms.Append(term[..n]).Append(' ');
                    bodyLemmas.Append(term[..n]).Append(' ');
                    tokenHashes.Add(MinHash.TokenHash(term[..n]));
                }
            }
        }
        var shingles = MinHash.Shingles(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(tokenHashes));
        string hash = ContentHashOf(document.SourceText);
        string? normalized = document.Url is { Length: > 0 } url ? UrlKey.Normalize(url) : null;
        var (actors, events) = ReadSections(record.Span);
        return new ArchiveDocument
        {
            Key = normalized is null ? "sha:" + hash : "url:" + normalized,
            ContentHash = hash,
            Url = document.Url,
            RecordId = document.Id,
            Title = document.Title?.Text,
            Agency = document.Agency?.Agency.Id,
            Published = document.Published?.Iso is { Length: >= 10 } iso ? iso[..10] : null,
            AnalysisVersion = analysisVersion,
            SourceText = document.SourceText,
            Record = record,
            TitleForms = titleForms.ToString(),
            TitleLemmas = titleLemmas.ToString(),
            BodyForms = bodyForms.ToString(),
            BodyLemmas = bodyLemmas.ToString(),
            Entities = [.. document.Entities.Select(e => new ArchiveEntity(e.Label, e.Text, EntityKey(e.Text))).Where(e => e.Key.Length > 0)],
            Actors = actors,
            Events = events,
            Shingles = shingles,
            StoredSource = SqliteArchiveStore.Compress(Encoding.UTF8.GetBytes(document.SourceText)),
            StoredRecord = SqliteArchiveStore.Compress(record.Span),
            BandKeys = MinHash.BandKeys(shingles),
        };
    }

    /// <summary>The folded key of an entity name or an alias: each word folded as a search term, joined by a space.</summary>
    public static string EntityKey(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var sb = new StringBuilder(text.Length);
        foreach (var range in text.AsSpan().SplitAny(" \u200c\n\t\u00a0"))
        {
            SearchTerms.Append(sb, text.AsSpan(range));
        }
        return sb.ToString().TrimEnd();
    }

    private static string ContentHashOf(string text)
    {
        var hasher = new XxHash128();
        hasher.Append(System.Runtime.InteropServices.MemoryMarshal.AsBytes(text.AsSpan()));
        return Convert.ToHexStringLower(hasher.GetCurrentHash());
    }

    // The actors/events sections are another layer's (issue 13): read by name, tolerant of what is missing.
    private static (IReadOnlyList<ArchiveActor>, IReadOnlyList<ArchiveEvent>) ReadSections(ReadOnlySpan<byte> record)
    {
        // The writer always writes "events":[] ; parse only when a section has content.
        int at = record.IndexOf("\"events\":["u8);
        bool hasEvents = at >= 0 && at + 10 < record.Length && record[at + 10] != (byte)']';
        if (record.IndexOf("\"actors\""u8) < 0 && !hasEvents)
        {
            return ([], []);
        }
        var actors = new List<ArchiveActor>();
        var events = new List<ArchiveEvent>();
        try
        {
            using var json = JsonDocument.Parse(record.ToArray());
            if (json.RootElement.TryGetProperty("actors", out var a) && a.ValueKind == JsonValueKind.Array)
            {
                foreach (var m in a.EnumerateArray())
                {
                    string? text = Str(m, "text");
                    actors.Add(new ArchiveActor(Str(m, "id") ?? Str(m, "actor"), Str(m, "name"), text is null ? null : EntityKey(text), Str(m, "country")));
                }
            }
            if (json.RootElement.TryGetProperty("events", out var e) && e.ValueKind == JsonValueKind.Array)
            {
                foreach (var ev in e.EnumerateArray())
                {
                    if (Str(ev, "type") is not { } type)
                    {
                        continue;
                    }
                    bool hasActor = ev.TryGetProperty("actor", out var actor) && actor.ValueKind == JsonValueKind.Object;
                    var recipientIds = new List<string>();
                    var recipientCountries = new List<string>();
                    if (ev.TryGetProperty("recipients", out var r) && r.ValueKind == JsonValueKind.Array)
                    {
                        foreach (var x in r.EnumerateArray().Where(x => x.ValueKind == JsonValueKind.Object))
                        {
                            if (Str(x, "id") is { } rid)
                            {
                                recipientIds.Add(rid);
                            }
                            if (Str(x, "country") is { } rc)
                            {
                                recipientCountries.Add(rc);
                            }
                        }
                    }
                    events.Add(new ArchiveEvent(type, hasActor ? Str(actor, "id") : null, hasActor ? Str(actor, "country") : null,
                        recipientIds, recipientCountries, Encoding.UTF8.GetBytes(ev.GetRawText())));
                }
            }
        }
        catch (JsonException)
        {
            // The record is our own writer's output; a section it cannot parse is left out, never fatal.
        }
        return (actors, events);
    }

    private static string? Str(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}

/// <summary>The identity key of a URL: scheme and host lower-cased, default port, <c>www.</c>, trailing slash and tracking parameters dropped.</summary>
public static class UrlKey
{
    /// <summary>The normalised form of <paramref name="url"/> (the trimmed text itself when it is not an absolute http(s) URL).</summary>
    /// <remarks>The fragment is kept: feeds and crawls give distinct items fragment-distinct links, and merging them would lose articles.</remarks>
    public static string Normalize(string url)
    {
        ArgumentNullException.ThrowIfNull(url);
        string trimmed = url.Trim();
        if (!Uri.TryCreate(trimmed, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            return trimmed;
        }
        string host = uri.IdnHost.ToLowerInvariant();
        if (host.StartsWith("www.", StringComparison.Ordinal))
        {
            host = host[4..];
        }
        string path = uri.AbsolutePath;
        if (path.Length > 1 && path.EndsWith('/'))
        {
            path = path.TrimEnd('/');
        }
        var query = uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Where(p => !p.StartsWith("utm_", StringComparison.OrdinalIgnoreCase) && !p.StartsWith("fbclid=", StringComparison.Ordinal) && !p.StartsWith("gclid=", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToArray();
        var sb = new StringBuilder(trimmed.Length);
        // http and https serve the same article.
        sb.Append("//").Append(host);
        if (!uri.IsDefaultPort)
        {
            sb.Append(':').Append(uri.Port);
        }
        sb.Append(path);
        if (query.Length > 0)
        {
            sb.Append('?').AppendJoin('&', query);
        }
        sb.Append(uri.Fragment);
        return sb.ToString();
    }
}
