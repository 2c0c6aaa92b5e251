namespace Dabir.Server;

/// <summary>The server's limits and switches (all have working defaults; <c>dabir serve</c> sets them from its options).</summary>
public sealed class DabirServerOptions
{
    /// <summary>The default request-body limit: 4 MiB.</summary>
    public const long DefaultMaxRequestBodyBytes = 4 * 1024 * 1024;

    /// <summary>Largest request body, in bytes; a larger body is answered 413.</summary>
    public long MaxRequestBodyBytes { get; set; } = DefaultMaxRequestBodyBytes;

    /// <summary>Longest search query (<c>q</c>), in characters; a longer one is answered 400.</summary>
    public int MaxQueryLength { get; set; } = 1000;

    /// <summary>How long one request may run before it is answered 503 (analysis is cancelled at the next stage).</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>API requests one client address may make per <see cref="RateLimitWindow"/>; 0 turns rate limiting off.</summary>
    public int RateLimitPermits { get; set; } = 600;

    /// <summary>The rate limit's window.</summary>
    public TimeSpan RateLimitWindow { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Analyses (<c>/v1/analyze</c>, ingest) run at once; more wait in a queue of four times as many, then get 429.</summary>
    public int MaxConcurrentAnalyses { get; set; } = Environment.ProcessorCount;

    /// <summary>
    /// The bearer token <c>POST /v1/documents</c> requires; null (the default) turns ingest off and the store is never
    /// written (the host should then open it read-only).
    /// </summary>
    public string? IngestToken { get; set; }

    /// <summary>Time given to requests in flight at shutdown.</summary>
    public TimeSpan ShutdownTimeout { get; set; } = TimeSpan.FromSeconds(10);
}
