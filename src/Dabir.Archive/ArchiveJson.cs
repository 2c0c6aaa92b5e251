using System.Text.Json;

namespace Dabir.Archive;

/// <summary>
/// The archive's JSON shapes, written once for every host: a search hit (<c>dabir search --format json</c>, the HTTP
/// API's <c>/v1/search</c>) and the archive's counts (<c>dabir stats --format json</c>, <c>/v1/stats</c>).
/// </summary>
public static class ArchiveJson
{
    /// <summary>
    /// Writes a hit: <c>url</c>, <c>id</c>, <c>score</c> (4 decimals), <c>title</c>, and with <paramref name="details"/>
    /// also <c>published</c>, <c>agency</c>, <c>copies</c> and the <c>snippet</c> (<c>text</c>, <c>sourceStart</c>,
    /// <c>highlights</c> as <c>start</c>/<c>length</c> in the snippet's text) when the hit has one.
    /// </summary>
    public static void WriteHit(Utf8JsonWriter writer, SearchHit hit, bool details)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(hit);
        writer.WriteStartObject();
        writer.WriteString("url", hit.Url);
        writer.WriteString("id", hit.Id);
        writer.WriteNumber("score", Math.Round(hit.Score, 4));
        writer.WriteString("title", hit.Title);
        if (details)
        {
            writer.WriteString("published", hit.Published);
            writer.WriteString("agency", hit.Agency);
            writer.WriteNumber("copies", hit.Copies);
            if (hit.Snippet is { } s)
            {
                writer.WriteStartObject("snippet");
                writer.WriteString("text", s.Text);
                writer.WriteNumber("sourceStart", s.SourceStart);
                writer.WriteStartArray("highlights");
                foreach (var (start, length) in s.Highlights)
                {
                    writer.WriteStartObject();
                    writer.WriteNumber("start", start);
                    writer.WriteNumber("length", length);
                    writer.WriteEndObject();
                }
                writer.WriteEndArray();
                writer.WriteEndObject();
            }
        }
        writer.WriteEndObject();
    }

    /// <summary>
    /// Writes the archive's counts: <c>documents</c>, <c>versions</c>, <c>inputs</c>, <c>clusters</c>,
    /// <c>clusteredDocuments</c>, <c>storeBytes</c> (when known), <c>byAgency</c> and <c>byMonth</c> (objects of counts),
    /// <c>topEntities</c> (<c>name</c>, <c>documents</c>), <c>topActors</c> (<c>actor</c>, <c>documents</c>) and
    /// <c>eventTypesByMonth</c> (<c>{"yyyy-MM": {"TYPE": count}}</c>).
    /// </summary>
    /// <param name="writer">Where to write.</param>
    /// <param name="stats">The counts.</param>
    /// <param name="storeBytes">The store's size on disk, when the store is a file.</param>
    public static void WriteStats(Utf8JsonWriter writer, ArchiveStats stats, long? storeBytes)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(stats);
        writer.WriteStartObject();
        writer.WriteNumber("documents", stats.Documents);
        writer.WriteNumber("versions", stats.Versions);
        writer.WriteNumber("inputs", stats.Inputs);
        writer.WriteNumber("clusters", stats.Clusters);
        writer.WriteNumber("clusteredDocuments", stats.ClusteredDocuments);
        if (storeBytes is { } bytes)
        {
            writer.WriteNumber("storeBytes", bytes);
        }
        Counts(writer, "byAgency", stats.ByAgency);
        Counts(writer, "byMonth", stats.ByMonth);
        Ranked(writer, "topEntities", "name", stats.TopEntities);
        Ranked(writer, "topActors", "actor", stats.TopActors);
        TypesByMonth(writer, stats.EventTypesByMonth);
        writer.WriteEndObject();
    }

    // "yyyy-MM TYPE" counts as { month: { type: count } } ("" for undated documents); the store gives them ordered by key.
    private static void TypesByMonth(Utf8JsonWriter writer, IReadOnlyList<KeyValuePair<string, long>> pairs)
    {
        writer.WriteStartObject("eventTypesByMonth");
        string? open = null;
        var types = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (key, count) in pairs)
        {
            int space = key.LastIndexOf(' ');
            string month = space < 0 ? "" : key[..space], type = key[(space + 1)..];
            if (month != open)
            {
                if (open is not null)
                {
                    writer.WriteEndObject();
                }
                writer.WriteStartObject(month);
                open = month;
                types.Clear();
            }
            if (types.Add(type))
            {
                writer.WriteNumber(type, count);
            }
        }
        if (open is not null)
        {
            writer.WriteEndObject();
        }
        writer.WriteEndObject();
    }

    private static void Counts(Utf8JsonWriter writer, string name, IReadOnlyList<KeyValuePair<string, long>> pairs)
    {
        writer.WriteStartObject(name);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (key, count) in pairs)
        {
            // A JSON object holds each key once (the counts come grouped, so this only guards against a store's oddity).
            if (seen.Add(key))
            {
                writer.WriteNumber(key, count);
            }
        }
        writer.WriteEndObject();
    }

    private static void Ranked(Utf8JsonWriter writer, string name, string keyName, IReadOnlyList<KeyValuePair<string, long>> pairs)
    {
        writer.WriteStartArray(name);
        foreach (var (key, count) in pairs)
        {
            writer.WriteStartObject();
            writer.WriteString(keyName, key);
            writer.WriteNumber("documents", count);
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
    }
}
