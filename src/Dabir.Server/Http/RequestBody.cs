using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace Dabir.Server.Http;

/// <summary>What a request body holds, by its Content-Type.</summary>
internal enum BodyFormat
{
    /// <summary><c>text/plain</c>: crawled text.</summary>
    Text,

    /// <summary><c>text/html</c>: a web page.</summary>
    Html,

    /// <summary><c>application/json</c>: one JSON object.</summary>
    Json,
}

/// <summary>Reads request bodies within the configured limit.</summary>
internal static class RequestBody
{
    /// <summary>The body's format, or null when its Content-Type is none of those accepted or names a charset other than UTF-8.</summary>
    public static BodyFormat? FormatOf(HttpRequest request, params BodyFormat[] accepted)
    {
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var type))
        {
            return null;
        }
        if (type.Charset.HasValue && !type.Charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase) && !type.Charset.Equals("utf8", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }
        BodyFormat? format = type.MediaType.Value?.ToLowerInvariant() switch
        {
            "text/plain" => BodyFormat.Text,
            "text/html" => BodyFormat.Html,
            "application/json" => BodyFormat.Json,
            _ => null,
        };
        return format is { } f && accepted.Contains(f) ? f : null;
    }

    /// <summary>The Content-Types a list of formats accepts, for a 415's message.</summary>
    public static string Describe(params BodyFormat[] accepted) => string.Join(", ", accepted.Select(f => f switch
    {
        BodyFormat.Text => "text/plain",
        BodyFormat.Html => "text/html",
        _ => "application/json",
    })) + " (UTF-8)";

    /// <summary>The whole body; a body over <paramref name="limit"/> bytes is a 413 (<see cref="BadHttpRequestException"/>).</summary>
    public static async Task<byte[]> ReadAsync(HttpRequest request, long limit, CancellationToken cancellationToken)
    {
        if (request.ContentLength is { } declared && declared > limit)
        {
            throw TooLarge(limit);
        }
        using var buffer = new MemoryStream(request.ContentLength is { } n ? (int)n : 4096);
        var chunk = new byte[16384];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                throw TooLarge(limit);
            }
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    private static BadHttpRequestException TooLarge(long limit) => new(
        string.Create(CultureInfo.InvariantCulture, $"the request body is larger than the limit of {limit:N0} bytes"),
        StatusCodes.Status413PayloadTooLarge);
}
