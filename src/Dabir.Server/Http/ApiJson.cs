using System.Buffers;
using System.Reflection;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Unicode;
using Dabir.Archive;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Builder;

namespace Dabir.Server.Http;

/// <summary>
/// The API's JSON: camelCase, Persian text unescaped, and the characters that matter in HTML (<c>&lt; &gt; &amp; ' "</c>)
/// escaped, so text a user sent (a query) never comes back as markup even if a client mislabels the response.
/// </summary>
internal static class ApiJson
{
    public static readonly JavaScriptEncoder Encoder = JavaScriptEncoder.Create(UnicodeRanges.All);

    public static readonly JsonWriterOptions WriterOptions = new() { Encoder = Encoder };

    public const string ContentType = "application/json; charset=utf-8";

    /// <summary>The serializer settings every response uses (set on ASP.NET Core's HTTP JSON options).</summary>
    public static void Configure(JsonSerializerOptions options)
    {
        options.Encoder = Encoder;
        options.Converters.Add(new SearchHitConverter());
    }

    /// <summary>A search hit as <c>dabir search --format json</c> writes it (the one writer: <see cref="ArchiveJson.WriteHit"/>).</summary>
    private sealed class SearchHitConverter : JsonConverter<SearchHit>
    {
        public override SearchHit Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            throw new NotSupportedException("search hits are written, never read");

        public override void Write(Utf8JsonWriter writer, SearchHit value, JsonSerializerOptions options) =>
            ArchiveJson.WriteHit(writer, value, details: true);
    }
}

/// <summary>JSON that is already UTF-8 bytes (a stored record, an event as the record holds it): written as it is.</summary>
[JsonConverter(typeof(RawJsonConverter))]
internal readonly record struct RawJson(ReadOnlyMemory<byte> Utf8);

internal sealed class RawJsonConverter : JsonConverter<RawJson>
{
    public override RawJson Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        using var document = JsonDocument.ParseValue(ref reader);
        return new RawJson(JsonSerializer.SerializeToUtf8Bytes(document.RootElement));
    }

    public override void Write(Utf8JsonWriter writer, RawJson value, JsonSerializerOptions options) =>
        writer.WriteRawValue(value.Utf8.Span, skipInputValidation: true);
}

/// <summary>A 200 response whose body is JSON written ahead (a document record, the archive's counts).</summary>
internal sealed class JsonBytes : IResult, IStatusCodeHttpResult, IContentTypeHttpResult, IEndpointMetadataProvider
{
    private readonly ReadOnlyMemory<byte> _json;

    public JsonBytes(ReadOnlyMemory<byte> json) => _json = json;

    public int? StatusCode => StatusCodes.Status200OK;

    public string ContentType => ApiJson.ContentType;

    /// <summary>The JSON <paramref name="write"/> writes with the API's encoder.</summary>
    public static JsonBytes Write(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>(4096);
        using (var writer = new Utf8JsonWriter(buffer, ApiJson.WriterOptions))
        {
            write(writer);
        }
        return new JsonBytes(buffer.WrittenMemory);
    }

    public Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        httpContext.Response.StatusCode = StatusCodes.Status200OK;
        httpContext.Response.ContentType = ContentType;
        httpContext.Response.ContentLength = _json.Length;
        return httpContext.Response.Body.WriteAsync(_json).AsTask();
    }

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(JsonElement), ["application/json"]));
    }
}
