using System.Collections.Frozen;
using System.Text.Json;
using Dabir.IO;

namespace Dabir.News.Readers;

/// <summary>
/// Reads a JSON article record. Field names are matched case-insensitively with aliases: title
/// (<c>title</c>, <c>headline</c>), lead (<c>lead</c>, <c>abstract</c>, <c>summary</c>, <c>description</c>),
/// body (<c>body</c>, <c>text</c>, <c>paragraphs</c>, <c>content</c>: a string, split at line breaks, or an
/// array of paragraphs), <c>url</c>/<c>link</c>, <c>published</c>/<c>date</c>/<c>pubDate</c>/<c>datePublished</c>,
/// <c>source</c>/<c>agency</c>/<c>publisher</c>/<c>site</c>, <c>id</c>/<c>guid</c>. Every field may be missing.
/// </summary>
public static class JsonArticleReader
{
    private static readonly string[] TitleNames = ["title", "headline"];
    private static readonly string[] LeadNames = ["lead", "abstract", "summary", "description", "teaser"];
    private static readonly string[] BodyNames = ["body", "text", "paragraphs", "content", "article"];
    private static readonly string[] UrlNames = ["url", "link", "uri"];
    private static readonly string[] PublishedNames = ["published", "date", "pubdate", "datepublished", "published_at", "publishedat", "time"];
    private static readonly string[] SourceNames = ["source", "agency", "publisher", "site", "sitename"];
    private static readonly string[] IdNames = ["id", "guid"];

    private enum Field { Title, Lead, Body, Url, Published, Source, Id }

    /// <summary>Every alias (any case) with its field and its rank among that field's aliases (lower wins).</summary>
    private static readonly FrozenDictionary<string, (Field Field, int Rank)> Aliases = BuildAliases();

    private static FrozenDictionary<string, (Field, int)> BuildAliases()
    {
        var aliases = new Dictionary<string, (Field, int)>(StringComparer.OrdinalIgnoreCase);
        foreach (var (field, names) in new[]
        {
            (Field.Title, TitleNames), (Field.Lead, LeadNames), (Field.Body, BodyNames), (Field.Url, UrlNames),
            (Field.Published, PublishedNames), (Field.Source, SourceNames), (Field.Id, IdNames),
        })
        {
            for (int rank = 0; rank < names.Length; rank++)
            {
                aliases.Add(names[rank], (field, rank));
            }
        }
        return aliases.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);
    }

    // One pass over the record's properties: for each field, the non-null property with the best-ranked alias
    // (the first such property when the record repeats it) — what asking alias by alias would find.
    private static JsonElement?[] FindFields(JsonElement obj)
    {
        var found = new JsonElement?[7];
        Span<int> ranks = [int.MaxValue, int.MaxValue, int.MaxValue, int.MaxValue, int.MaxValue, int.MaxValue, int.MaxValue];
        foreach (var p in obj.EnumerateObject())
        {
            if (p.Value.ValueKind is not JsonValueKind.Null && Aliases.TryGetValue(p.Name, out var alias) && alias.Rank < ranks[(int)alias.Field])
            {
                ranks[(int)alias.Field] = alias.Rank;
                found[(int)alias.Field] = p.Value;
            }
        }
        return found;
    }

    /// <summary>Reads one record; throws <see cref="InputException"/> with a clear reason when it is not one.</summary>
    /// <param name="json">The record's JSON text (one JSONL line or a whole .json file).</param>
    /// <param name="fallbackId">The id used when the record has none.</param>
    /// <param name="path">The file it came from.</param>
    /// <param name="line">Its line in a JSONL file.</param>
    public static ArticleInput Read(ReadOnlyMemory<byte> json, string fallbackId, string? path, long? line)
    {
        var span = json.Span;
        if (span.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || span.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            throw new InputException(InputErrorReason.Utf16, "UTF-16 input (byte order mark): convert to UTF-8", byteOffset: 0);
        }
        // A UTF-8 byte order mark (the head of a file or of standard input) is not part of the record.
        if (span.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            json = json[3..];
        }
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(json, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
        }
        catch (JsonException e)
        {
            throw new InputException(InputErrorReason.InvalidJson, $"invalid JSON ({Where(e)}): {FirstSentence(e.Message)}", innerException: e);
        }
        using (doc)
        {
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new InputException(InputErrorReason.NotAnObject, $"expected a JSON object with article fields, found {root.ValueKind.ToString().ToLowerInvariant()}");
            }
            try
            {
                return ReadFields(root, fallbackId, path, line);
            }
            catch (InvalidOperationException e)
            {
                // JsonElement.GetString throws this for a \uD800-\uDFFF escape that is not half of a pair: no text holds it.
                throw new InputException(InputErrorReason.Malformed, "a JSON string holds an unpaired surrogate escape (such as \\udc00), which is not text", innerException: e);
            }
        }
    }

    private static ArticleInput ReadFields(JsonElement root, string fallbackId, string? path, long? line)
    {
        var fields = FindFields(root);
        var body = new List<string>();
        if (fields[(int)Field.Body] is { } b)
        {
            switch (b.ValueKind)
            {
                case JsonValueKind.String:
                    foreach (var l in (b.GetString() ?? "").ReplaceLineEndings("\n").Split('\n'))
                    {
                        if (!string.IsNullOrWhiteSpace(l))
                        {
                            body.Add(l);
                        }
                    }
                    break;
                case JsonValueKind.Array:
                    foreach (var item in b.EnumerateArray())
                    {
                        if (StringOf(item) is { } s && !string.IsNullOrWhiteSpace(s))
                        {
                            body.Add(s);
                        }
                    }
                    break;
            }
        }
        string? id = fields[(int)Field.Id] is { } idElement ? ScalarText(idElement) : null;
        return new ArticleInput
        {
            Id = string.IsNullOrEmpty(id) ? fallbackId : id,
            Origin = new ArticleOrigin(path, line, "json"),
            Title = fields[(int)Field.Title] is { } title ? StringOf(title) : null,
            Lead = fields[(int)Field.Lead] is { } lead ? StringOf(lead) : null,
            Body = body,
            Url = fields[(int)Field.Url] is { } url ? StringOf(url) : null,
            Published = fields[(int)Field.Published] is { } p ? ScalarText(p) : null,
            SourceName = fields[(int)Field.Source] is { } src ? StringOf(src) ?? (src.ValueKind == JsonValueKind.Object ? StringField(src, ["name", "title"]) : null) : null,
        };
    }

    private static string Where(JsonException e) =>
        e.LineNumber is { } l ? $"line {l + 1}, byte {e.BytePositionInLine + 1}" : "at the end";

    private static string FirstSentence(string message)
    {
        int cut = message.IndexOf(". ", StringComparison.Ordinal);
        return cut > 0 ? message[..cut] : message.TrimEnd('.');
    }

    private static JsonElement? Find(JsonElement obj, string[] names)
    {
        foreach (var name in names)
        {
            foreach (var p in obj.EnumerateObject())
            {
                if (p.Name.Equals(name, StringComparison.OrdinalIgnoreCase) && p.Value.ValueKind is not JsonValueKind.Null)
                {
                    return p.Value;
                }
            }
        }
        return null;
    }

    private static string? StringField(JsonElement obj, string[] names) => Find(obj, names) is { } e ? StringOf(e) : null;

    private static string? StringOf(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.String => e.GetString(),
        JsonValueKind.Object => e.TryGetProperty("text", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null,
        _ => null,
    };

    private static string? ScalarText(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.String => e.GetString(),
        JsonValueKind.Number => e.GetRawText(),
        _ => null,
    };
}
