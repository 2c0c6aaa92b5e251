using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Dabir.Cli;
using Dabir.News;
using Dabir.News.Json;
using Dabir.News.Readers;
using Dabir.Repair;

namespace Dabir.Server.Tests;

/// <summary>Every route of the API over a real archive, in process: status codes, shapes, problems and headers.</summary>
public sealed class ApiTests(ServerFixture server)
{
    private HttpClient Client => server.Client;

    private void NeedData() => Assert.SkipUnless(server.HasData, "../shared is not beside the repository");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Health_counts_the_archive_and_sends_the_security_headers()
    {
        var response = await Client.GetAsync("/health", Ct);
        var health = await Http.Json(response);
        Assert.Equal("ok", health.GetProperty("status").GetString());
        Assert.Equal(server.Documents, health.GetProperty("documents").GetInt64());
        Assert.False(string.IsNullOrEmpty(health.GetProperty("version").GetString()));
        Http.SecurityHeaders(response);
    }

    [Fact]
    public async Task Normalize_repairs_plain_text_and_json_as_dabir_normalize()
    {
        const string text = "مي شود كتاب ها  را ديد";
        string expected = new PersianNormalizer(NormalizerOptions.Default).Normalize(text);
        var plain = await Http.Json(await Client.PostAsync("/v1/normalize", Http.Text(text), Ct));
        Assert.Equal(expected, plain.GetProperty("text").GetString());
        Assert.Contains("می‌شود", expected, StringComparison.Ordinal);
        var json = await Http.Json(await Client.PostAsync("/v1/normalize", Http.Text(JsonSerializer.Serialize(new { text }), "application/json"), Ct));
        Assert.Equal(expected, json.GetProperty("text").GetString());
    }

    [Fact]
    public async Task Normalize_rejects_invalid_utf8_naming_the_byte_offset()
    {
        byte[] body = [.. Encoding.UTF8.GetBytes("سلام"), 0xFF, .. Encoding.UTF8.GetBytes("دنیا")];
        string detail = await Http.Problem(await Client.PostAsync("/v1/normalize", Http.Bytes(body, "text/plain; charset=utf-8"), Ct), 400);
        Assert.Contains("UTF-8", detail, StringComparison.Ordinal);
        Assert.Contains("8", detail, StringComparison.Ordinal); // the 0xFF is at byte 8
    }

    [Fact]
    public async Task Normalize_problems_for_a_wrong_media_type_a_json_body_without_text_and_bad_json()
    {
        Assert.Contains("Content-Type", await Http.Problem(await Client.PostAsync("/v1/normalize", Http.Text("<x/>", "application/xml"), Ct), 415), StringComparison.Ordinal);
        Assert.Contains("\"text\"", await Http.Problem(await Client.PostAsync("/v1/normalize", Http.Text("{\"t\": 1}", "application/json"), Ct), 400), StringComparison.Ordinal);
        Assert.Contains("JSON", await Http.Problem(await Client.PostAsync("/v1/normalize", Http.Text("{\"text\": ", "application/json"), Ct), 400), StringComparison.Ordinal);
        Assert.Contains("utf", await Http.Problem(await Client.PostAsync("/v1/normalize", Http.Bytes([0x41], "text/plain; charset=iso-8859-1"), Ct), 415), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Analyze_writes_the_record_dabir_analyze_writes_at_each_level()
    {
        NeedData();
        string article = ServerFixture.ExampleArticle;
        foreach (var (level, name) in new[] { (Pipelines.Levels.Full, "full"), (Pipelines.Levels.Tokens, "tokens"), (Pipelines.Levels.Structure, "structure") })
        {
            var response = await Client.PostAsync($"/v1/analyze?level={name}", Http.Text(article), Ct);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            byte[] body = await response.Content.ReadAsByteArrayAsync(Ct);
            var analyzer = new ArticleAnalyzer(Pipelines.ForArticles(level));
            byte[] expected = DocumentJsonWriter.ToUtf8(analyzer.Analyze(ArticleSource.Read(new RawArticle(0, "request", null, null, "text", Encoding.UTF8.GetBytes(article)))), indented: false);
            Assert.Equal(Encoding.UTF8.GetString(expected), Encoding.UTF8.GetString(body));
            var record = JsonDocument.Parse(body).RootElement;
            Assert.Equal(NewsDocument.SchemaId, record.GetProperty("schema").GetString());
            Assert.Equal(name != "structure", record.GetProperty("tokens").GetArrayLength() > 0);
        }
    }

    [Fact]
    public async Task Analyze_reads_html_and_a_json_article()
    {
        NeedData();
        string line = ServerFixture.FarsDevLines(1).Single();
        var fromJson = await Http.Json(await Client.PostAsync("/v1/analyze?level=structure", Http.Text(line, "application/json"), Ct));
        Assert.Equal(JsonDocument.Parse(line).RootElement.GetProperty("link").GetString(), fromJson.GetProperty("url").GetString());
        const string html = "<html><head><title>دیدار وزیران</title></head><body><article><h1>دیدار وزیران خارجه ایران و عراق</h1><p>به گزارش خبرگزاری فارس، وزیران خارجه ایران و عراق امروز در تهران دیدار و درباره همکاری‌های دوجانبه گفت‌وگو کردند.</p><p>این دیدار دو ساعت به طول انجامید و دو طرف بر گسترش روابط تأکید کردند.</p></article></body></html>";
        var fromHtml = await Http.Json(await Client.PostAsync("/v1/analyze?level=structure", Http.Text(html, "text/html"), Ct));
        Assert.Contains("دیدار", fromHtml.GetProperty("title").GetProperty("text").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Analyze_problems_for_a_bad_level_an_empty_article_invalid_utf8_and_a_wrong_media_type()
    {
        Assert.Contains("level", await Http.Problem(await Client.PostAsync("/v1/analyze?level=deep", Http.Text("سلام"), Ct), 400), StringComparison.Ordinal);
        Assert.Contains("empty", await Http.Problem(await Client.PostAsync("/v1/analyze", Http.Text("  \n "), Ct), 400), StringComparison.Ordinal);
        Assert.Contains("UTF-8", await Http.Problem(await Client.PostAsync("/v1/analyze", Http.Bytes([0xD8, 0xB3, 0xC3, 0x28], "text/plain"), Ct), 400), StringComparison.Ordinal);
        Assert.Contains("Content-Type", await Http.Problem(await Client.PostAsync("/v1/analyze", Http.Bytes([1, 2, 3], "application/octet-stream"), Ct), 415), StringComparison.Ordinal);
        await Http.Problem(await Client.PostAsync("/v1/analyze", Http.Text("[1, 2]", "application/json"), Ct), 400);
    }

    [Fact]
    public async Task A_20_MB_body_is_413()
    {
        var big = new byte[20 * 1024 * 1024];
        Array.Fill(big, (byte)'a');
        Assert.Contains("4,194,304", await Http.Problem(await Client.PostAsync("/v1/analyze", Http.Bytes(big, "text/plain"), Ct), 413), StringComparison.Ordinal);
        Assert.Contains("limit", await Http.Problem(await Client.PostAsync("/v1/normalize", Http.Bytes(big, "text/plain"), Ct), 413), StringComparison.Ordinal);
        // Without a Content-Length (chunked): the limit holds while reading.
        var chunked = new StreamContent(new MemoryStream(big));
        chunked.Headers.ContentType = new MediaTypeHeaderValue("text/plain");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/normalize") { Content = chunked };
        request.Headers.TransferEncodingChunked = true;
        await Http.Problem(await Client.SendAsync(request, Ct), 413);
    }

    [Fact]
    public async Task Search_returns_hits_with_urls_snippets_and_copies()
    {
        NeedData();
        var result = await Http.Json(await Client.GetAsync("/v1/search?q=" + Uri.EscapeDataString("امیرعبداللهیان") + "&limit=5", Ct));
        Assert.Equal("امیرعبداللهیان", result.GetProperty("query").GetString());
        var hits = result.GetProperty("hits");
        Assert.True(hits.GetArrayLength() >= 1);
        var hit = hits[0];
        foreach (var field in new[] { "id", "url", "title", "agency", "published", "score", "copies", "snippet" })
        {
            Assert.True(hit.TryGetProperty(field, out _), field);
        }
        var snippet = hit.GetProperty("snippet");
        string text = snippet.GetProperty("text").GetString()!;
        Assert.True(snippet.GetProperty("sourceStart").GetInt32() >= 0);
        var highlight = snippet.GetProperty("highlights")[0];
        int start = highlight.GetProperty("start").GetInt32(), length = highlight.GetProperty("length").GetInt32();
        Assert.True(length > 0 && start + length <= text.Length);
        Assert.Equal(1, hit.GetProperty("copies").GetInt32());
    }

    [Fact]
    public async Task Search_reads_jalali_and_gregorian_dates_and_filters()
    {
        NeedData();
        await Http.Json(await Client.GetAsync("/v1/search?q=" + Uri.EscapeDataString("ایران") + "&from=" + Uri.EscapeDataString("1388/03/31") + "&to=2030-01-01&agency=fars&all=true", Ct));
        Assert.Contains("from", await Http.Problem(await Client.GetAsync("/v1/search?q=x&from=yesterday", Ct), 400), StringComparison.Ordinal);
        Assert.Contains("limit", await Http.Problem(await Client.GetAsync("/v1/search?q=x&limit=0", Ct), 400), StringComparison.Ordinal);
        Assert.Contains("limit", await Http.Problem(await Client.GetAsync("/v1/search?q=x&limit=many", Ct), 400), StringComparison.Ordinal);
        Assert.Contains("q", await Http.Problem(await Client.GetAsync("/v1/search", Ct), 400), StringComparison.Ordinal);
        Assert.Contains("phrase", await Http.Problem(await Client.GetAsync("/v1/search?q=" + Uri.EscapeDataString("\"شورای امنیت"), Ct), 400), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_100000_character_query_is_a_400_naming_the_limit()
    {
        string q = new('ب', 100_000);
        string detail = await Http.Problem(await Client.GetAsync("/v1/search?q=" + Uri.EscapeDataString(q), Ct), 400);
        Assert.Contains("100,000", detail, StringComparison.Ordinal);
        Assert.Contains("1,000", detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("\"><img src=x onerror=alert(1)>")]
    [InlineData("</script><script>alert(document.cookie)</script>")]
    public async Task A_hostile_query_comes_back_encoded(string q)
    {
        var response = await Client.GetAsync("/v1/search?q=" + Uri.EscapeDataString(q), Ct);
        string body = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.BadRequest, body);
        Assert.DoesNotContain("<script", body, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", body, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("</script", body, StringComparison.OrdinalIgnoreCase);
        Http.SecurityHeaders(response);
        if (response.StatusCode == HttpStatusCode.OK)
        {
            Assert.Equal(q, JsonDocument.Parse(body).RootElement.GetProperty("query").GetString());
        }
    }

    [Fact]
    public async Task Documents_are_found_by_record_id_and_url_and_a_missing_one_is_404()
    {
        NeedData();
        var hits = (await Http.Json(await Client.GetAsync("/v1/search?q=" + Uri.EscapeDataString("ایران") + "&limit=3", Ct))).GetProperty("hits");
        var hit = hits.EnumerateArray().First(h => h.GetProperty("url").ValueKind == JsonValueKind.String);
        string id = hit.GetProperty("id").GetString()!, url = hit.GetProperty("url").GetString()!;
        var byId = await Http.Json(await Client.GetAsync("/v1/documents/" + Uri.EscapeDataString(id), Ct));
        Assert.Equal(id, byId.GetProperty("id").GetString());
        Assert.Equal(NewsDocument.SchemaId, byId.GetProperty("schema").GetString());
        var byUrl = await Http.Json(await Client.GetAsync("/v1/documents/" + Uri.EscapeDataString(url), Ct));
        Assert.Equal(id, byUrl.GetProperty("id").GetString());
        Assert.Contains("no document", await Http.Problem(await Client.GetAsync("/v1/documents/no-such-document", Ct), 404), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Events_list_the_document_and_the_event_as_the_record_holds_it()
    {
        NeedData();
        var events = (await Http.Json(await Client.GetAsync("/v1/events?limit=5", Ct))).GetProperty("events");
        Assert.True(events.GetArrayLength() >= 1, "the example article has events");
        var first = events[0];
        string docId = first.GetProperty("document").GetProperty("id").GetString()!;
        var record = await Http.Json(await Client.GetAsync("/v1/documents/" + Uri.EscapeDataString(docId), Ct));
        var recordEvents = record.GetProperty("events").EnumerateArray().Select(e => e.GetRawText()).ToList();
        Assert.Contains(first.GetProperty("event").GetRawText(), recordEvents);
        string type = first.GetProperty("event").GetProperty("type").GetString()!;
        var ofType = (await Http.Json(await Client.GetAsync("/v1/events?type=" + type, Ct))).GetProperty("events");
        Assert.All(ofType.EnumerateArray(), e => Assert.Equal(type, e.GetProperty("event").GetProperty("type").GetString()));
        Assert.Equal(0, (await Http.Json(await Client.GetAsync("/v1/events?type=NO_SUCH_TYPE", Ct))).GetProperty("events").GetArrayLength());
        Assert.Contains("limit", await Http.Problem(await Client.GetAsync("/v1/events?limit=0", Ct), 400), StringComparison.Ordinal);
        Assert.Contains("offset", await Http.Problem(await Client.GetAsync("/v1/events?offset=-1", Ct), 400), StringComparison.Ordinal);
        Assert.Contains("to", await Http.Problem(await Client.GetAsync("/v1/events?to=soon", Ct), 400), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_actor_has_its_months_and_counterparts_and_an_unknown_one_is_404()
    {
        NeedData();
        var ev = (await Http.Json(await Client.GetAsync("/v1/events?limit=50", Ct))).GetProperty("events").EnumerateArray()
            .Select(e => e.GetProperty("event"))
            .First(e => e.TryGetProperty("actor", out var a) && a.ValueKind == JsonValueKind.Object && a.TryGetProperty("id", out var i) && i.ValueKind == JsonValueKind.String);
        string id = ev.GetProperty("actor").GetProperty("id").GetString()!;
        var actor = await Http.Json(await Client.GetAsync("/v1/actors/" + Uri.EscapeDataString(id), Ct));
        Assert.Equal(id, actor.GetProperty("id").GetString());
        Assert.True(actor.GetProperty("documents").GetInt64() >= 1);
        var month = actor.GetProperty("months")[0];
        foreach (var field in new[] { "month", "type", "asActor", "asRecipient" })
        {
            Assert.True(month.TryGetProperty(field, out _), field);
        }
        Assert.Equal(JsonValueKind.Array, actor.GetProperty("counterparts").ValueKind);
        foreach (var c in actor.GetProperty("counterparts").EnumerateArray())
        {
            Assert.True(c.TryGetProperty("id", out _) && c.TryGetProperty("name", out _) && c.TryGetProperty("events", out _));
        }
        await Http.Problem(await Client.GetAsync("/v1/actors/NO-SUCH-ACTOR", Ct), 404);
    }

    [Fact]
    public async Task Stats_are_the_json_of_dabir_stats()
    {
        var stats = await Http.Json(await Client.GetAsync("/v1/stats", Ct));
        Assert.Equal(server.Documents, stats.GetProperty("documents").GetInt64());
        foreach (var field in new[] { "versions", "inputs", "clusters", "clusteredDocuments", "storeBytes", "byAgency", "byMonth", "topEntities", "topActors", "eventTypesByMonth" })
        {
            Assert.True(stats.TryGetProperty(field, out _), field);
        }
    }

    [Fact]
    public async Task Wrong_methods_and_unknown_routes_are_problems()
    {
        await Http.Problem(await Client.PostAsync("/v1/search?q=x", Http.Text("x"), Ct), 405);
        await Http.Problem(await Client.GetAsync("/v1/normalize", Ct), 405);
        await Http.Problem(await Client.DeleteAsync("/v1/documents/x", Ct), 405);
        await Http.Problem(await Client.GetAsync("/v2/search?q=x", Ct), 404);
        var missing = await Client.GetAsync("/assets/missing.js", Ct);
        await Http.Problem(missing, 404);
        Http.SecurityHeaders(missing);
    }

    [Fact]
    public async Task The_openapi_document_lists_every_route_and_the_reference_page_loads_under_the_csp()
    {
        var doc = await Http.Json(await Client.GetAsync("/openapi/v1.json", Ct));
        var paths = doc.GetProperty("paths");
        foreach (var path in new[] { "/health", "/v1/normalize", "/v1/analyze", "/v1/search", "/v1/documents/{id}", "/v1/documents", "/v1/actors/{id}", "/v1/events", "/v1/stats" })
        {
            Assert.True(paths.TryGetProperty(path, out _), path);
        }
        var page = await Client.GetAsync("/docs/index.html", Ct);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        string html = await page.Content.ReadAsStringAsync(Ct);
        Http.SecurityHeaders(page);
        // script-src 'self': the page may load scripts from this server only, and holds none inline.
        Assert.DoesNotMatch("<script(?![^>]*\\bsrc=)[^>]*>", html);
        Assert.DoesNotContain("http://", html.Replace("http://www.w3.org", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.DoesNotContain("https://", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await Client.GetAsync("/docs/index.js", Ct)).StatusCode);
    }

    [Fact]
    public async Task The_page_routes_serve_the_embedded_page_or_say_it_is_not_built_in()
    {
        bool built = Web.WebPage.Files().GetFileInfo("index.html").Exists;
        foreach (var route in Web.WebPage.Routes)
        {
            var response = await Client.GetAsync(route + "?q=" + Uri.EscapeDataString("<script>alert(1)</script>"), Ct);
            Http.SecurityHeaders(response);
            if (built)
            {
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
                Assert.Contains("no-cache", response.Headers.CacheControl?.ToString(), StringComparison.Ordinal);
                string html = await response.Content.ReadAsStringAsync(Ct);
                Assert.DoesNotContain("alert(1)", html, StringComparison.Ordinal);
                Assert.DoesNotMatch("<script(?![^>]*\\bsrc=)[^>]*>", html);
            }
            else
            {
                Assert.Contains("not built", await Http.Problem(response, 404), StringComparison.Ordinal);
            }
        }
    }
}
