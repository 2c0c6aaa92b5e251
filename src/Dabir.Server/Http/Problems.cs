using System.Text.Json;
using Dabir.Archive.Query;
using Dabir.IO;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Logging;

namespace Dabir.Server.Http;

/// <summary>The API's problem responses (RFC 9457, <c>application/problem+json</c>).</summary>
internal static class Problems
{
    public static ProblemHttpResult BadRequest(string detail) => TypedResults.Problem(detail, statusCode: StatusCodes.Status400BadRequest);

    public static ProblemHttpResult NotFound(string detail) => TypedResults.Problem(detail, statusCode: StatusCodes.Status404NotFound);

    public static ProblemHttpResult UnsupportedMediaType(string accepted) =>
        TypedResults.Problem($"the body's Content-Type must be {accepted}", statusCode: StatusCodes.Status415UnsupportedMediaType);
}

/// <summary>
/// Turns what a request can get wrong into a problem with a clear message, and anything else into a 500 that says
/// nothing of the server's insides (no exception text, stack trace or file path; the failure is logged).
/// </summary>
internal sealed class ProblemExceptionHandler(IProblemDetailsService problems, ILogger<ProblemExceptionHandler> log) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        (int status, string detail) = exception switch
        {
            // Kestrel's own (413 over its body limit) and parameter binding's (400: "Failed to bind parameter …").
            BadHttpRequestException e => (e.StatusCode, e.Message),
            // Unreadable input: invalid UTF-8 (with its byte offset), not JSON, binary, empty … The message names no file:
            // a request body has no path.
            InputException e => (StatusCodes.Status400BadRequest, e.Message),
            QuerySyntaxException e => (StatusCodes.Status400BadRequest, "q: " + e.Message),
            JsonException e => (StatusCodes.Status400BadRequest, "the body is not valid JSON" + (e.BytePositionInLine is { } at ? $" (line {e.LineNumber + 1}, byte {at})" : "")),
            _ => (StatusCodes.Status500InternalServerError, "the server failed on this request; the failure is logged"),
        };
        if (status >= 500)
        {
            log.LogError(exception, "{Method} {Path} failed", httpContext.Request.Method, httpContext.Request.Path);
        }
        httpContext.Response.StatusCode = status;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = { Status = status, Detail = detail },
        }).ConfigureAwait(false);
    }
}
