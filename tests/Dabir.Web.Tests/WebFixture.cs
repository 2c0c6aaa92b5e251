using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;

namespace Dabir.Web.Tests;

/// <summary>
/// One archive, one real server and one headless Chromium for all the browser tests: the example article twice (the
/// second copy with its half-spaces restored: a near-duplicate), the events development articles (dated over eight
/// months of 2023 so that actors have timelines), ingested at the full level with <c>dabir ingest</c>, then served
/// by <c>dabir serve</c> on a free loopback port.
/// </summary>
public sealed class WebFixture : IAsyncLifetime
{
    /// <summary>Debian's Chromium (tools/browser.sh installs it); <c>DABIR_CHROMIUM</c> names another.</summary>
    public static readonly string ChromiumPath = Environment.GetEnvironmentVariable("DABIR_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    private static readonly string[] ChromiumArgs =
        ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];

    private readonly string _work = Path.Combine(Path.GetTempPath(), "dabir-web-tests-" + Guid.NewGuid().ToString("N"));
    private readonly StringBuilder _serverLog = new();
    private Process? _server;
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    /// <summary>Why the browser tests cannot run here (no Chromium, no shared data), or null.</summary>
    public string? Unavailable { get; private set; }

    public Uri BaseUri { get; private set; } = new("http://127.0.0.1/");

    public IBrowser Browser => _browser ?? throw new InvalidOperationException("no browser");

    /// <summary>The actor with the most events in the archive, and how many months they span.</summary>
    public string BusiestActor { get; private set; } = "";

    public async ValueTask InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            Unavailable = $"Chromium is not installed at {ChromiumPath} (run tools/browser.sh)";
            return;
        }
        var shared = SharedRoot();
        if (shared is null)
        {
            Unavailable = "../shared is not beside the repository";
            return;
        }

        var input = Path.Combine(_work, "in");
        Directory.CreateDirectory(input);
        File.Copy(Path.Combine(shared, "data/example/article.txt"), Path.Combine(input, "article.txt"));
        File.Copy(Path.Combine(shared, "data/example/article.restored.txt"), Path.Combine(input, "article-copy.txt"));
        WriteDatedArticles(Path.Combine(shared, "data/events/dev/fars-dev-articles.jsonl"), Path.Combine(input, "fars.jsonl"));
        var store = Path.Combine(_work, "web.db");
        var ingest = await RunDabirAsync(["ingest", input, "--store", store]);
        if (ingest.ExitCode != 0)
        {
            throw new InvalidOperationException($"dabir ingest failed ({ingest.ExitCode}): {ingest.Output}");
        }

        var port = FreePort();
        BaseUri = new Uri($"http://127.0.0.1:{port}/");
        _server = StartDabir(["serve", "--store", store, "--urls", BaseUri.ToString().TrimEnd('/')]);
        await WaitForServerAsync();
        BusiestActor = await FindBusiestActorAsync();

        // Auto-waiting assertions wait up to 30 s (not Playwright's 5 s): CI builds and tests on two busy cores.
        Assertions.SetDefaultExpectTimeout(30_000);
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ChromiumArgs,
        });
    }

    /// <summary>Skips the calling test where Chromium or the data is missing; in CI (CI=true) a missing Chromium fails it.</summary>
    public void Require()
    {
        if (Unavailable is null)
        {
            return;
        }
        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase) && Unavailable.StartsWith("Chromium", StringComparison.Ordinal))
        {
            Assert.Fail(Unavailable + "; CI must run the browser tests");
        }
        Assert.Skip(Unavailable);
    }

    /// <summary>A fresh page (its own context) of the given size, recording dialogs, page errors and console errors.</summary>
    public async Task<WebPage> NewPageAsync(int width = 1280, int height = 900, bool phone = false)
    {
        Require();
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseUri.ToString(),
            ViewportSize = new ViewportSize { Width = width, Height = height },
            DeviceScaleFactor = 1,
            IsMobile = phone,
            HasTouch = phone,
            Locale = "fa-IR",
            TimezoneId = "Asia/Tehran",
        });
        context.SetDefaultTimeout(30_000);
        var page = await context.NewPageAsync();
        return new WebPage(context, page);
    }

    /// <summary>Saves a screenshot under the test output (screenshots/) and, when DABIR_UPDATE_SCREENSHOTS=1, in docs/img.</summary>
    public static async Task ScreenshotAsync(IPage page, string name, bool fullPage = false)
    {
        var dir = Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(dir);
        var file = Path.Combine(dir, $"web-{name}.png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = file, FullPage = fullPage, Animations = ScreenshotAnimations.Disabled });
        if (Environment.GetEnvironmentVariable("DABIR_UPDATE_SCREENSHOTS") == "1")
        {
            File.Copy(file, RepoPaths.Of($"docs/img/web-{name}.png"), overwrite: true);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.CloseAsync();
        }
        _playwright?.Dispose();
        if (_server is { HasExited: false })
        {
            _server.Kill(entireProcessTree: true);
            await _server.WaitForExitAsync();
        }
        _server?.Dispose();
        try
        {
            Directory.Delete(_work, recursive: true);
        }
        catch (IOException)
        {
            // a file still held open: left in the temp folder
        }
    }

    private static string? SharedRoot()
    {
        try
        {
            return SharedData.PathOf(".");
        }
        catch (Exception e) when (e.GetType().Name.Contains("Skip", StringComparison.Ordinal))
        {
            return null;
        }
    }

    /// <summary>The development articles with a publication date each (they have none), spread over 2023-01 … 2023-08.</summary>
    private static void WriteDatedArticles(string source, string target)
    {
        using var writer = new StreamWriter(target, false, new UTF8Encoding(false));
        var i = 0;
        foreach (var line in File.ReadLines(source))
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }
            var record = JsonNode.Parse(line)!.AsObject();
            record["published"] = $"2023-{1 + (i % 8):D2}-{1 + (i * 3 % 27):D2}";
            writer.WriteLine(record.ToJsonString(new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
            i++;
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static ProcessStartInfo DabirStartInfo(string[] args)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "dabir.dll"));
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }
        return info;
    }

    private static async Task<(int ExitCode, string Output)> RunDabirAsync(string[] args)
    {
        using var process = Process.Start(DabirStartInfo(args))!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await stdout + await stderr);
    }

    private Process StartDabir(string[] args)
    {
        var process = new Process { StartInfo = DabirStartInfo(args) };
        process.OutputDataReceived += (_, e) => Log(e.Data);
        process.ErrorDataReceived += (_, e) => Log(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private void Log(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (_serverLog)
        {
            _serverLog.AppendLine(line);
        }
    }

    private string ServerLog()
    {
        lock (_serverLog)
        {
            return _serverLog.ToString();
        }
    }

    /// <summary>Polls /health until the server answers (it loads its models first); gives up after two minutes.</summary>
    private async Task WaitForServerAsync()
    {
        using var http = new HttpClient { BaseAddress = BaseUri, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromMinutes(2))
        {
            if (_server!.HasExited)
            {
                throw new InvalidOperationException($"dabir serve exited ({_server.ExitCode}): {ServerLog()}");
            }
            try
            {
                using var response = await http.GetAsync(new Uri("health", UriKind.Relative));
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }
            catch (TaskCanceledException)
            {
                // busy starting
            }
            await Task.Delay(250);
        }
        throw new TimeoutException($"dabir serve did not answer /health within two minutes: {ServerLog()}");
    }

    private async Task<string> FindBusiestActorAsync()
    {
        using var http = new HttpClient { BaseAddress = BaseUri };
        var json = JsonNode.Parse(await http.GetStringAsync(new Uri("v1/events?limit=500", UriKind.Relative)))!;
        var counts = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var hit in json["events"]!.AsArray())
        {
            var published = hit!["document"]?["published"]?.GetValue<string>() ?? "";
            var month = published.Length >= 7 ? published[..7] : "";
            var ev = hit["event"]!;
            foreach (var party in new[] { ev["actor"] }.Concat(ev["recipients"]?.AsArray() ?? []))
            {
                var id = party?["id"]?.GetValue<string>();
                if (id is { Length: > 0 })
                {
                    if (!counts.TryGetValue(id, out var months))
                    {
                        counts[id] = months = [];
                    }
                    months.Add(month);
                }
            }
        }
        return counts.OrderByDescending(c => c.Value.Count).ThenBy(c => c.Key, StringComparer.Ordinal).First().Key;
    }
}

/// <summary>A page and what it reported: dialogs (alert…), uncaught errors, console errors (CSP refusals among them).</summary>
public sealed class WebPage : IAsyncDisposable
{
    private readonly IBrowserContext _context;

    public WebPage(IBrowserContext context, IPage page)
    {
        _context = context;
        Page = page;
        page.Dialog += (_, dialog) =>
        {
            lock (Dialogs)
            {
                Dialogs.Add(dialog.Type + ": " + dialog.Message);
            }
            _ = dialog.DismissAsync();
        };
        page.PageError += (_, error) =>
        {
            lock (Errors)
            {
                Errors.Add("page error: " + error);
            }
        };
        page.Console += (_, message) =>
        {
            if (message.Type is "error" or "warning")
            {
                lock (Errors)
                {
                    Errors.Add($"console {message.Type}: {message.Text}");
                }
            }
        };
    }

    public IPage Page { get; }

    public List<string> Dialogs { get; } = [];

    public List<string> Errors { get; } = [];

    /// <summary>
    /// No alert or other dialog opened, nothing refused by the Content-Security-Policy, nothing thrown; an API answer
    /// of 4xx (a query the server refuses) is logged by Chromium as a failed resource and allowed when asked.
    /// </summary>
    public void AssertClean(bool allowHttpErrors = false)
    {
        lock (Dialogs)
        {
            Assert.Empty(Dialogs);
        }
        lock (Errors)
        {
            var errors = allowHttpErrors ? Errors.Where(e => !e.Contains("Failed to load resource: the server responded with a status of 4", StringComparison.Ordinal)).ToList() : Errors;
            Assert.Empty(errors);
        }
    }

    public async ValueTask DisposeAsync() => await _context.CloseAsync();
}
