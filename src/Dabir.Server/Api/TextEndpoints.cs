using System.Text.Json;
using Dabir.IO;
using Dabir.Repair;
using Dabir.Server.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace Dabir.Server.Api;

/// <summary><c>POST /v1/normalize</c> and <c>POST /v1/analyze</c>: text in, repaired text or the document record out.</summary>
internal static class TextEndpoints
{
    public const string AnalysisPolicy = "analysis";

    private static readonly PersianNormalizer Normalizer = new(NormalizerOptions.Default);

    private static readonly BodyFormat[] NormalizeFormats = [BodyFormat.Text, BodyFormat.Json];
    private static readonly BodyFormat[] ArticleFormats = [BodyFormat.Text, BodyFormat.Html, BodyFormat.Json];

    public static RouteGroupBuilder MapText(this RouteGroupBuilder api)
    {
        api.MapPost("/normalize", Normalize)
            .WithName("normalize")
            .WithSummary("Repair Persian text (characters, spacing, half-spaces) with the normalizer's defaults, as dabir normalize.")
            .Accepts<NormalizeRequest>("application/json", "text/plain");
        api.MapPost("/analyze", Analyze)
            .WithName("analyze")
            .WithSummary("Analyse one article (crawled text, an HTML page or a JSON article) into its document record (dabir.document/1), as dabir analyze -f json.")
            .Accepts<JsonElement>("text/plain", "text/html", "application/json")
            .RequireRateLimiting(AnalysisPolicy);
        return api;
    }

    private static async Task<Results<Ok<NormalizeResponse>, ProblemHttpResult>> Normalize(HttpRequest request, IOptions<DabirServerOptions> options, CancellationToken cancellationToken)
    {
        if (RequestBody.FormatOf(request, NormalizeFormats) is not { } format)
        {
            return Problems.UnsupportedMediaType(RequestBody.Describe(NormalizeFormats));
        }
        byte[] body = await RequestBody.ReadAsync(request, options.Value.MaxRequestBodyBytes, cancellationToken).ConfigureAwait(false);
        string text;
        if (format == BodyFormat.Json)
        {
            // Invalid UTF-8 inside JSON is a JsonException naming the byte: 400 (ProblemExceptionHandler).
            var parsed = JsonSerializer.Deserialize<NormalizeRequest>(body, JsonSerializerOptions.Web);
            if (parsed?.Text is not { } t)
            {
                return Problems.BadRequest("the JSON body needs a \"text\" string: {\"text\": \"…\"}");
            }
            text = t;
        }
        else
        {
            // Strict UTF-8: an InputException naming the byte offset of the first invalid sequence.
            text = Utf8ChunkReader.DecodeAll(body, lenient: false);
        }
        return TypedResults.Ok(new NormalizeResponse(Normalizer.Normalize(text)));
    }

    private static async Task<Results<JsonBytes, ProblemHttpResult>> Analyze(
        HttpRequest request,
        Analysis analysis,
        IOptions<DabirServerOptions> options,
        [FromQuery] string? level,
        CancellationToken cancellationToken)
    {
        if (ParseLevel(level) is not { } chosen)
        {
            return Problems.BadRequest($"level: '{level}' is not one of full, tokens, structure");
        }
        if (RequestBody.FormatOf(request, ArticleFormats) is not { } format)
        {
            return Problems.UnsupportedMediaType(RequestBody.Describe(ArticleFormats));
        }
        byte[] body = await RequestBody.ReadAsync(request, options.Value.MaxRequestBodyBytes, cancellationToken).ConfigureAwait(false);
        var document = analysis.Analyze(Analysis.Read(format, body), chosen, cancellationToken);
        return new JsonBytes(Analysis.Record(document));
    }

    /// <summary>The level a <c>level</c> parameter names (full when absent), or null when it names none.</summary>
    public static AnalysisLevel? ParseLevel(string? level) => level?.ToLowerInvariant() switch
    {
        null or "" or "full" => AnalysisLevel.Full,
        "tokens" => AnalysisLevel.Tokens,
        "structure" => AnalysisLevel.Structure,
        _ => null,
    };
}
