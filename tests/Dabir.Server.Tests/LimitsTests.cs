using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Dabir.Archive;

namespace Dabir.Server.Tests;

/// <summary>What the server refuses: writes without --allow-ingest and the token, too many requests, requests that run too long.</summary>
public sealed class LimitsTests(ServerFixture server)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static long Count(string store)
    {
        using var s = SqliteArchiveStore.Open(store, readOnly: true);
        return s.DocumentCount();
    }

    private static string Article(string title) =>
        $"{{\"title\": \"{title}\", \"link\": \"https://example.com/news/{Guid.NewGuid():N}\", \"paragraphs\": [\"به گزارش خبرگزاری فارس، وزیر خارجه ایران امروز با همتای عراقی خود در بغداد دیدار و درباره همکاری‌های دوجانبه گفت‌وگو کرد.\", \"این دیدار دو ساعت به طول انجامید.\"]}}";

    [Fact]
    public async Task Without_allow_ingest_the_archive_is_never_written()
    {
        long before = Count(server.StorePath);
        string detail = await Http.Problem(await server.Client.PostAsync("/v1/documents", Http.Text(Article("دیدار وزیران"), "application/json"), Ct), 403);
        Assert.Contains("--allow-ingest", detail, StringComparison.Ordinal);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/documents") { Content = Http.Text(Article("دیدار وزیران"), "application/json") };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "anything");
        await Http.Problem(await server.Client.SendAsync(request, Ct), 403);
        Assert.Equal(before, Count(server.StorePath));
    }

    [Fact]
    public async Task With_the_token_an_article_is_analysed_stored_and_found()
    {
        string store = server.CopyStore();
        var client = await server.StartAsync(o => o.IngestToken = "s3cret-token", store, writable: true);
        long before = Count(store);
        string article = Article("دیدار وزیران خارجه در بغداد");

        var anonymous = await client.PostAsync("/v1/documents", Http.Text(article, "application/json"), Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal("Bearer", anonymous.Headers.WwwAuthenticate.ToString());
        foreach (var token in new[] { "wrong", "s3cret-toke", "s3cret-token-and-more" })
        {
            using var bad = new HttpRequestMessage(HttpMethod.Post, "/v1/documents") { Content = Http.Text(article, "application/json") };
            bad.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            Assert.Equal(HttpStatusCode.Unauthorized, (await client.SendAsync(bad, Ct)).StatusCode);
        }
        Assert.Equal(before, Count(store));

        using var good = new HttpRequestMessage(HttpMethod.Post, "/v1/documents") { Content = Http.Text(article, "application/json") };
        good.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "s3cret-token");
        var created = await Http.Json(await client.SendAsync(good, Ct), 201);
        Assert.Equal("added", created.GetProperty("outcome").GetString());
        Assert.Equal(before + 1, Count(store));
        string id = created.GetProperty("id").GetString()!;
        var stored = await Http.Json(await client.GetAsync("/v1/documents/" + Uri.EscapeDataString(id), Ct));
        Assert.True(stored.TryGetProperty("tokens", out _), "ingest analyses at the full level");

        using var again = new HttpRequestMessage(HttpMethod.Post, "/v1/documents") { Content = Http.Text(article, "application/json") };
        again.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "s3cret-token");
        Assert.Equal("unchanged", (await Http.Json(await client.SendAsync(again, Ct), 201)).GetProperty("outcome").GetString());
        Assert.Equal(before + 1, Count(store));
    }

    [Fact]
    public async Task Past_the_rate_limit_requests_get_429_with_retry_after_and_health_stays_open()
    {
        var client = await server.StartAsync(o =>
        {
            o.RateLimitPermits = 3;
            o.RateLimitWindow = TimeSpan.FromHours(1);
        });
        for (int i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/v1/stats", Ct)).StatusCode);
        }
        var limited = await client.GetAsync("/v1/stats", Ct);
        Assert.Contains("too many", await Http.Problem(limited, 429), StringComparison.Ordinal);
        Assert.True(limited.Headers.RetryAfter is not null);
        Http.SecurityHeaders(limited);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/openapi/v1.json", Ct)).StatusCode);
    }

    [Fact]
    public async Task A_request_past_its_timeout_is_a_503_problem()
    {
        // A millisecond cannot hold a full analysis of several paragraphs: it is cancelled at the next stage.
        var client = await server.StartAsync(o => o.RequestTimeout = TimeSpan.FromMilliseconds(1));
        var text = new StringBuilder();
        for (int i = 0; i < 200; i++)
        {
            text.Append("به گزارش خبرگزاری فارس، وزیر امور خارجه کشورمان امروز با همتای عراقی خود در بغداد دیدار و گفت‌وگو کرد.\n\n");
        }
        await Http.Problem(await client.PostAsync("/v1/analyze", Http.Text(text.ToString()), Ct), 503);
    }

    [Fact]
    public async Task The_body_limit_is_configurable()
    {
        var client = await server.StartAsync(o => o.MaxRequestBodyBytes = 100);
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync("/v1/normalize", Http.Text("سلام"), Ct)).StatusCode);
        Assert.Contains("100 bytes", await Http.Problem(await client.PostAsync("/v1/normalize", Http.Text(new string('س', 60)), Ct), 413), StringComparison.Ordinal);
    }
}
