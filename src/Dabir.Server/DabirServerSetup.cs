using Dabir.Archive;
using Dabir.Pipeline;

namespace Dabir.Server;

/// <summary>How far <c>/v1/analyze</c> analyses an article (the <c>level</c> parameter, as <c>dabir analyze --level</c>).</summary>
public enum AnalysisLevel
{
    /// <summary>Repair and article reading: title, lead, body, agency, dateline, dates, numbers.</summary>
    Structure,

    /// <summary>Also sentences, tokens and UD words.</summary>
    Tokens,

    /// <summary>Also tags, lemmas, entities, actors and events.</summary>
    Full,
}

/// <summary>What the host gives the server: the archive, the analysis pipelines and the options.</summary>
public sealed class DabirServerSetup
{
    /// <summary>
    /// Opens a connection to the archive. An <see cref="IArchiveStore"/> serves one thread at a time, so the server
    /// keeps a pool of them and opens another when all are busy; the host decides read-only or not.
    /// </summary>
    public required Func<IArchiveStore> OpenStore { get; init; }

    /// <summary>The article pipeline of each level (the host builds them: the server never builds pipelines itself).</summary>
    public required Func<AnalysisLevel, DocumentPipeline> Pipelines { get; init; }

    /// <summary>The analysis version stored with an ingested document (as <c>dabir ingest</c> writes it, full level).</summary>
    public string AnalysisVersion { get; init; } = "dabir-server level=full";

    /// <summary>The store's size on disk, for <c>/v1/stats</c> (<c>storeBytes</c>), when the store is a file.</summary>
    public Func<long?>? StoreBytes { get; init; }

    /// <summary>The addresses to listen on (<c>http://127.0.0.1:8080</c>); the host's defaults when empty.</summary>
    public IReadOnlyList<string> Urls { get; init; } = [];

    /// <summary>Limits and switches.</summary>
    public DabirServerOptions Options { get; init; } = new();
}
