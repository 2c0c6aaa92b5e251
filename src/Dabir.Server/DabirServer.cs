using System.Globalization;
using System.Reflection;
using System.Threading.RateLimiting;
using Dabir.Server.Api;
using Dabir.Server.Http;
using Dabir.Server.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Timeouts;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Dabir.Server;

/// <summary>
/// Dabir's HTTP service: the API under <c>/v1</c> (normalize, analyze, search, documents, actors, events, stats,
/// ingest), <c>/health</c>, the OpenAPI document (<c>/openapi/v1.json</c>) and its reference page (<c>/docs</c>), and the
/// embedded web page. <c>dabir serve</c> and the tests host the same application.
/// </summary>
public static class DabirServer
{
    /// <summary>The Content-Security-Policy of every response: nothing but this server's own files, no inline script.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

    /// <summary>
    /// The longest request line (method, path and query): 1 MiB, so that an over-long query reaches the API and is
    /// answered with a problem naming the limit (<see cref="DabirServerOptions.MaxQueryLength"/>) instead of a bare 414.
    /// </summary>
    public const int MaxRequestLineBytes = 1024 * 1024;

    /// <summary>The server's version (the assembly's informational version).</summary>
    public static string Version { get; } =
        typeof(DabirServer).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0";

    /// <summary>
    /// Builds the application: services, limits, middleware and routes; the analysis pipelines are warmed and the
    /// archive opened once before this returns, so the first request pays no start-up cost.
    /// </summary>
    /// <param name="setup">The archive, the pipelines and the options.</param>
    /// <param name="configure">Changes to the builder before the application is built (tests use an in-memory server).</param>
    public static WebApplication Build(DabirServerSetup setup, Action<WebApplicationBuilder>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(setup);
        var options = setup.Options;
        // Production always: the developer exception page (stack traces, file paths) is never shown, whatever the environment says.
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            EnvironmentName = Environments.Production,
            ApplicationName = typeof(DabirServer).Assembly.GetName().Name,
        });
        if (setup.Urls.Count > 0)
        {
            builder.WebHost.UseUrls([.. setup.Urls]);
        }
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = options.MaxRequestBodyBytes;
            kestrel.Limits.MaxRequestLineSize = MaxRequestLineBytes;
        });
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = options.ShutdownTimeout);

        var services = builder.Services;
        services.AddSingleton(setup);
        services.AddSingleton(Options.Create(options));
        services.AddSingleton(new ArchivePool(setup.OpenStore, Math.Max(4, 2 * Environment.ProcessorCount)));
        services.AddSingleton(new Analysis(setup.Pipelines));
        services.ConfigureHttpJsonOptions(json => ApiJson.Configure(json.SerializerOptions));
        services.Configure<RouteHandlerOptions>(route => route.ThrowOnBadRequest = true);
        services.AddProblemDetails(problems => problems.CustomizeProblemDetails = DescribeStatus);
        services.AddExceptionHandler<ProblemExceptionHandler>();
        services.AddOpenApi();
        services.AddRequestTimeouts(timeouts => timeouts.DefaultPolicy = new RequestTimeoutPolicy
        {
            Timeout = options.RequestTimeout,
            TimeoutStatusCode = StatusCodes.Status503ServiceUnavailable,
        });
        services.AddRateLimiter(limiter => ConfigureRateLimits(limiter, options));
        configure?.Invoke(builder);

        var app = builder.Build();
        var analysis = app.Services.GetRequiredService<Analysis>();
        analysis.WarmUp();
        // Opens the archive once (a bad file fails here, not on the first request) and loads the query analysis.
        app.Services.GetRequiredService<ArchivePool>().Read(store => store.Search(new SearchRequestWarmUp().Request));

        app.Use(SecurityHeaders);
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        var files = WebPage.Files();
        app.UseWebAssets(files);
        app.UseSwaggerUI(ui =>
        {
            ui.RoutePrefix = "docs";
            ui.DocumentTitle = "Dabir API";
            ui.SwaggerEndpoint("/openapi/v1.json", "Dabir API v1");
        });
        app.UseRouting();
        app.UseRateLimiter();
        app.UseRequestTimeouts();

        app.MapOpenApi();
        app.MapGet("/health", (ArchivePool pool) => TypedResults.Ok(new HealthResponse("ok", pool.Read(store => store.DocumentCount()), Version)))
            .WithName("health")
            .WithSummary("The server answers: its archive's document count and its version.");
        var api = app.MapGroup("/v1").WithTags("v1");
        api.MapText();
        api.MapArchive();
        app.MapWebPage(files);
        return app;
    }

    private sealed class SearchRequestWarmUp
    {
        public Archive.SearchRequest Request { get; } = new() { Query = "ایران", Limit = 1, Snippets = false };
    }

    // The problems the framework answers on its own (routing, rate limiting, timeouts) with what to do about them.
    private static void DescribeStatus(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        problem.Detail ??= problem.Status switch
        {
            StatusCodes.Status404NotFound => "no such route: the API is under /v1 (see /openapi/v1.json)",
            StatusCodes.Status405MethodNotAllowed => $"this route does not accept {context.HttpContext.Request.Method} (see /openapi/v1.json)",
            StatusCodes.Status415UnsupportedMediaType => "this route does not accept the body's Content-Type (see /openapi/v1.json)",
            StatusCodes.Status503ServiceUnavailable => "the request took longer than the server allows",
            _ => null,
        };
    }

    // Every response, errors included (OnStarting runs after the exception handler has reset the response).
    private static Task SecurityHeaders(HttpContext context, Func<Task> next)
    {
        context.Response.OnStarting(static state =>
        {
            var headers = ((HttpResponse)state).Headers;
            headers.ContentSecurityPolicy = ContentSecurityPolicy;
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "no-referrer";
            return Task.CompletedTask;
        }, context.Response);
        return next();
    }

    // Per client address over the API (the page's files and /health are not counted); analyses also limited in number at once.
    private static void ConfigureRateLimits(RateLimiterOptions limiter, DabirServerOptions options)
    {
        limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
        limiter.OnRejected = async (context, cancellationToken) =>
        {
            var http = context.HttpContext;
            if (context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
            {
                http.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
            }
            var problems = http.RequestServices.GetRequiredService<IProblemDetailsService>();
            await problems.WriteAsync(new ProblemDetailsContext
            {
                HttpContext = http,
                ProblemDetails = { Status = StatusCodes.Status429TooManyRequests, Detail = "too many requests from this address; try again later" },
            }).ConfigureAwait(false);
        };
        if (options.RateLimitPermits > 0)
        {
            limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http =>
                http.Request.Path.StartsWithSegments("/v1", StringComparison.Ordinal)
                    ? RateLimitPartition.GetFixedWindowLimiter("client " + http.Connection.RemoteIpAddress, _ => new FixedWindowRateLimiterOptions
                    {
                        PermitLimit = options.RateLimitPermits,
                        Window = options.RateLimitWindow,
                        QueueLimit = 0,
                    })
                    : RateLimitPartition.GetNoLimiter("unlimited"));
        }
        int analyses = Math.Max(1, options.MaxConcurrentAnalyses);
        limiter.AddConcurrencyLimiter(TextEndpoints.AnalysisPolicy, concurrency =>
        {
            concurrency.PermitLimit = analyses;
            concurrency.QueueLimit = 4 * analyses;
            concurrency.QueueProcessingOrder = QueueProcessingOrder.OldestFirst;
        });
    }
}
