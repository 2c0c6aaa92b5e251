using System.IO.Hashing;
using System.Text;
using System.Text.Json;
using Dabir.Archive;
using Dabir.Cli;
using Dabir.News;
using Dabir.News.Readers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;

[assembly: AssemblyFixture(typeof(Dabir.Server.Tests.ServerFixture))]

namespace Dabir.Server.Tests;

/// <summary>
/// A small real archive analysed at the full level (the example article, which has actors and events, and a few
/// fars-dev articles), and in-process servers over it built exactly as <c>dabir serve</c> builds them.
/// </summary>
public sealed class ServerFixture : IAsyncLifetime
{
    private readonly List<WebApplication> _apps = [];

    public string StorePath { get; } = Path.Combine(Path.GetTempPath(), "dabir-server-test-" + Guid.NewGuid().ToString("N") + ".db");

    public int Documents { get; private set; }

    /// <summary>The read-only server with default options.</summary>
    public HttpClient Client { get; private set; } = null!;

    /// <summary>Whether ../shared is there (the archive is built from its articles).</summary>
    public bool HasData { get; private set; }

    public static string ExampleArticle => File.ReadAllText(SharedData.PathOf("data/example/article.txt"));

    public static IEnumerable<string> FarsDevLines(int count) => File.ReadLines(SharedData.PathOf("data/news/fars-dev.jsonl")).Take(count);

    public async ValueTask InitializeAsync()
    {
        string? example = TryShared("data/example/article.txt");
        string? fars = TryShared("data/news/fars-dev.jsonl");
        HasData = example is not null && fars is not null;
        using (var store = SqliteArchiveStore.Open(StorePath))
        {
            if (HasData)
            {
                var analyzer = new ArticleAnalyzer(Pipelines.ForArticles(Pipelines.Levels.Full));
                var items = new List<IngestItem> { Item(analyzer, "article.txt", "text", File.ReadAllBytes(example!)) };
                int line = 0;
                foreach (var json in File.ReadLines(fars!).Take(8))
                {
                    items.Add(Item(analyzer, $"fars-dev.jsonl:{++line}", "json", Encoding.UTF8.GetBytes(json)));
                }
                store.Add(items);
            }
            Documents = (int)store.DocumentCount();
        }
        Client = await StartAsync();
    }

    private static string? TryShared(string relative)
    {
        try
        {
            string path = SharedData.PathOf(relative);
            return File.Exists(path) ? path : null;
        }
        catch (Exception)
        {
            // SharedData skips the calling test when ../shared is absent; a fixture has no test to skip: no data then.
            return null;
        }
    }

    private static IngestItem Item(ArticleAnalyzer analyzer, string locator, string format, byte[] bytes)
    {
        var doc = analyzer.Analyze(ArticleSource.Read(new RawArticle(0, locator, null, null, format, bytes)));
        return new IngestItem(locator, Convert.ToHexStringLower(XxHash128.Hash(bytes)), ArchiveDocument.Create(doc, Dabir.News.Json.DocumentJsonWriter.ToUtf8(doc, false), "test"));
    }

    /// <summary>Starts another in-process server over the archive (or over <paramref name="storePath"/>).</summary>
    public async Task<HttpClient> StartAsync(Action<DabirServerOptions>? configure = null, string? storePath = null, bool writable = false)
    {
        var options = new DabirServerOptions();
        configure?.Invoke(options);
        string path = storePath ?? StorePath;
        var app = DabirServer.Build(new DabirServerSetup
        {
            OpenStore = () => SqliteArchiveStore.Open(path, readOnly: !writable),
            Pipelines = level => Pipelines.ForArticles(level.ToString().ToLowerInvariant()),
            AnalysisVersion = "test",
            StoreBytes = () => new FileInfo(path).Length,
            Options = options,
        }, builder => builder.WebHost.UseTestServer());
        await app.StartAsync();
        lock (_apps)
        {
            _apps.Add(app);
        }
        return app.GetTestClient();
    }

    /// <summary>A copy of the archive, for a server that writes.</summary>
    public string CopyStore()
    {
        string copy = Path.Combine(Path.GetTempPath(), "dabir-server-test-" + Guid.NewGuid().ToString("N") + ".db");
        File.Copy(StorePath, copy);
        return copy;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var app in _apps)
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
        foreach (var file in Directory.GetFiles(Path.GetTempPath(), "dabir-server-test-*"))
        {
            File.Delete(file);
        }
    }
}

/// <summary>Reading and checking responses.</summary>
internal static class Http
{
    public static async Task<JsonElement> Json(HttpResponseMessage response, int status = 200)
    {
        string body = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode == status, $"status {(int)response.StatusCode}, expected {status}: {body}");
        Assert.StartsWith("application/json", response.Content.Headers.ContentType?.ToString());
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    /// <summary>A problem (RFC 9457) with this status, its detail, and nothing of the server's insides in it.</summary>
    public static async Task<string> Problem(HttpResponseMessage response, int status)
    {
        string body = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode == status, $"status {(int)response.StatusCode}, expected {status}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(body).RootElement;
        Assert.Equal(status, problem.GetProperty("status").GetInt32());
        Assert.True(problem.TryGetProperty("title", out _));
        NothingInside(body);
        return problem.TryGetProperty("detail", out var detail) ? detail.GetString() ?? "" : "";
    }

    /// <summary>No stack trace, exception type or file path.</summary>
    public static void NothingInside(string body)
    {
        Assert.DoesNotContain(" at Dabir.", body, StringComparison.Ordinal);
        Assert.DoesNotContain(" at Microsoft.", body, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", body, StringComparison.Ordinal);
        Assert.DoesNotContain(".cs:line", body, StringComparison.Ordinal);
        Assert.DoesNotContain(Path.GetTempPath(), body, StringComparison.Ordinal);
        Assert.DoesNotContain("/home/", body, StringComparison.Ordinal);
        Assert.DoesNotContain("/work/", body, StringComparison.Ordinal);
    }

    public static void SecurityHeaders(HttpResponseMessage response)
    {
        Assert.Equal(DabirServer.ContentSecurityPolicy, string.Join(",", response.Headers.GetValues("Content-Security-Policy")));
        Assert.Equal("nosniff", string.Join(",", response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("no-referrer", string.Join(",", response.Headers.GetValues("Referrer-Policy")));
    }

    public static StringContent Text(string text, string mediaType = "text/plain") => new(text, Encoding.UTF8, mediaType);

    public static ByteArrayContent Bytes(byte[] bytes, string contentType)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse(contentType);
        return content;
    }
}
