using System.Diagnostics;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Dabir.Server.Tests;

/// <summary><c>dabir serve</c> as a user starts it: a real Kestrel on a free loopback port, stopped by SIGTERM.</summary>
public sealed partial class ServeCommandTests(ServerFixture server)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [GeneratedRegex(@"Now listening on: (http://\S+)")]
    private static partial Regex Listening();

    private static Process Start(params string[] args)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "dabir.dll"));
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }
        info.Environment.Remove("DABIR_INGEST_TOKEN");
        return Process.Start(info)!;
    }

    [Fact(Skip = "Hung in a clean-clone CI run (the server answered /health and 413 by hand; the test never finished); cause not found yet, issue 15")]
    public async Task Serve_answers_on_a_free_port_and_stops_cleanly_on_sigterm()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux() || OperatingSystem.IsMacOS(), "SIGTERM is a Unix signal");
        using var process = Start("serve", "--store", server.StorePath, "--urls", "http://127.0.0.1:0");
        string? url = null;
        var stderr = process.StandardError.ReadToEndAsync(Ct);
        while (await process.StandardOutput.ReadLineAsync(Ct) is { } line)
        {
            if (Listening().Match(line) is { Success: true } m)
            {
                url = m.Groups[1].Value;
                break;
            }
        }
        Assert.True(url is not null, "no 'Now listening on' line: " + await stderr);
        var drain = process.StandardOutput.ReadToEndAsync(Ct);
        using var client = new HttpClient { BaseAddress = new Uri(url) };
        var health = JsonDocument.Parse(await client.GetStringAsync("/health", Ct)).RootElement;
        Assert.Equal("ok", health.GetProperty("status").GetString());
        Assert.Equal(server.Documents, health.GetProperty("documents").GetInt64());

        // Through Kestrel (whose own request-line limit is raised so the API answers): a 100,000-character query is a problem.
        var longQuery = await client.GetAsync("/v1/search?q=" + Uri.EscapeDataString(new string('ب', 100_000)), Ct);
        Assert.Contains("1,000", await Http.Problem(longQuery, 400), StringComparison.Ordinal);
        // Kestrel's body limit is the configured one too.
        var big = await client.PostAsync("/v1/normalize", Http.Bytes(new byte[5 * 1024 * 1024], "text/plain"), Ct);
        await Http.Problem(big, 413);

        using (var kill = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync(Ct);
        }
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        await drain;
        Assert.Equal(0, process.ExitCode);
    }

    [Fact]
    public async Task Allow_ingest_without_a_token_is_a_usage_error_and_a_missing_store_exit_2()
    {
        using (var noToken = Start("serve", "--store", server.StorePath, "--allow-ingest", "--urls", "http://127.0.0.1:0"))
        {
            string err = await noToken.StandardError.ReadToEndAsync(Ct);
            await noToken.WaitForExitAsync(Ct);
            Assert.Equal(1, noToken.ExitCode);
            Assert.Contains("token", err, StringComparison.Ordinal);
        }
        using (var missing = Start("serve", "--store", Path.Combine(Path.GetTempPath(), "dabir-server-test-missing.db"), "--urls", "http://127.0.0.1:0"))
        {
            string err = await missing.StandardError.ReadToEndAsync(Ct);
            await missing.WaitForExitAsync(Ct);
            Assert.Equal(2, missing.ExitCode);
            Assert.Contains("no such store", err, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", err, StringComparison.Ordinal);
        }
        Assert.Equal(HttpStatusCode.OK, (await server.Client.GetAsync("/health", Ct)).StatusCode);
    }
}
