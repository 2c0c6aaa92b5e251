using System.Text.RegularExpressions;
using static Microsoft.Playwright.Assertions;

namespace Dabir.Web.Tests;

/// <summary>
/// The page in a real headless Chromium against the real server: every view, hostile input, and the screenshots in
/// docs/web.md. Playwright's assertions wait for the page; nothing here waits for a fixed time.
/// </summary>
public sealed class PageTests(WebFixture web) : IClassFixture<WebFixture>
{
    private const string ZeroWidthNonJoiner = "\u200c";

    [Fact]
    public async Task PageIsPersianRightToLeftWithTheBundledFont()
    {
        await using var web1 = await web.NewPageAsync();
        var page = web1.Page;
        var response = await page.GotoAsync("/");
        Assert.NotNull(response);
        Assert.Contains("script-src 'self'", response.Headers["content-security-policy"], StringComparison.Ordinal);
        await Expect(page.Locator("html")).ToHaveAttributeAsync("dir", "rtl");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "fa");
        await Expect(page.Locator("#q")).ToBeVisibleAsync();
        await Expect(page.Locator("#health")).ToContainTextAsync("سند در بایگانی");
        // The empty search page: the query syntax and the archive's most frequent actors, as links to their pages.
        await Expect(page.Locator(".intro .syntax")).ToBeVisibleAsync();
        await Expect(page.Locator(".intro a.chip[href^='/actor?id=']").First).ToBeVisibleAsync();
        Assert.True(await page.EvaluateAsync<bool>("async () => { await document.fonts.ready; return document.fonts.check('16px Vazirmatn', 'دبیر'); }"));
        var loaded = await page.EvaluateAsync<string[]>("() => [...document.fonts].filter(f => f.status === 'loaded').map(f => f.family)");
        Assert.Contains(loaded, f => f.Contains("Vazirmatn", StringComparison.Ordinal));
        Assert.Equal("rtl", await page.EvaluateAsync<string>("() => getComputedStyle(document.querySelector('main')).direction"));
        web1.AssertClean();
    }

    [Fact]
    public async Task SearchShowsHighlightedSnippetsCopiesAndIsAUrl()
    {
        await using var web1 = await web.NewPageAsync();
        var page = web1.Page;
        await page.GotoAsync("/");
        await page.Locator("#q").FillAsync("وزیر امور خارجه");
        await page.Locator("form.search button[type=submit]").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex(@"/\?q=%D9%88%D8%B2%DB%8C%D8%B1"));
        var hits = page.Locator("ol.hits > li.hit");
        await Expect(hits.First).ToBeVisibleAsync();
        Assert.True(await hits.CountAsync() >= 2);
        await Expect(page.Locator(".hit .snippet mark").First).ToBeVisibleAsync();
        // The example article and its restored copy are one story: one row, «۲ نسخه».
        var copies = page.Locator(".hit .copies");
        await Expect(copies).ToHaveCountAsync(1);
        await Expect(copies).ToHaveTextAsync("۲ نسخه");
        await Expect(page.Locator(".hit .hit-meta .agency").First).ToBeVisibleAsync();
        await WebFixture.ScreenshotAsync(page, "search-desktop");
        await page.SetViewportSizeAsync(390, 844);
        await WebFixture.ScreenshotAsync(page, "search-phone");

        // Back to the empty page and forward again: the search is in the history.
        await page.GoBackAsync();
        await Expect(page.Locator("ol.hits")).ToHaveCountAsync(0);
        await page.GoForwardAsync();
        await Expect(hits.First).ToBeVisibleAsync();
        web1.AssertClean();
    }

    [Fact]
    public async Task SearchUrlWithJalaliDatesAndFiltersOpensItsResults()
    {
        await using var web1 = await web.NewPageAsync();
        var page = web1.Page;
        // 1402/01/01 is 2023-03-21; the development articles are dated 2023-01 … 2023-08.
        var from = Uri.EscapeDataString("۱۴۰۲/۰۱/۰۱");
        await page.GotoAsync($"/?q={Uri.EscapeDataString("ایران")}&from={from}&agency=fars");
        await Expect(page.Locator("#q")).ToHaveValueAsync("ایران");
        await Expect(page.Locator("#f-from")).ToHaveValueAsync("۱۴۰۲/۰۱/۰۱");
        await Expect(page.Locator("#f-from-hint")).ToContainTextAsync("2023-03-21");
        await Expect(page.Locator("details.filters")).ToHaveAttributeAsync("open", "");
        var dates = page.Locator(".hit time");
        await Expect(dates.First).ToBeVisibleAsync();
        foreach (var date in await dates.AllAsync())
        {
            var iso = await date.GetAttributeAsync("datetime");
            Assert.True(string.CompareOrdinal(iso, "2023-03-21") >= 0, $"{iso} is before the from date");
        }
        foreach (var agency in await page.Locator(".hit .agency").AllTextContentsAsync())
        {
            Assert.Equal("خبرگزاری فارس", agency);
        }
        // A date the page cannot read is refused before any request.
        await page.Locator("#f-to").FillAsync("۱۴۰۲/۱۳/۴۰");
        await Expect(page.Locator("#f-to")).ToHaveAttributeAsync("aria-invalid", "");
        await page.Locator("form.search button[type=submit]").ClickAsync();
        await Expect(page.Locator(".form-error")).ToContainTextAsync("۱۴۰۲/۱۳/۴۰");
        Assert.DoesNotContain("to=", page.Url, StringComparison.Ordinal);

        await page.SetViewportSizeAsync(390, 844);
        await WebFixture.ScreenshotAsync(page, "search-filters-phone", fullPage: false);
        web1.AssertClean();
    }

    [Theory]
    [InlineData("\"><img src=x onerror=alert(1)>")]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("<svg/onload=alert(1)> «سلام» ' \" & </q>")]
    public async Task HostileQueryIsShownAsText(string query)
    {
        await using var web1 = await web.NewPageAsync();
        var page = web1.Page;
        await page.GotoAsync("/?q=" + Uri.EscapeDataString(query));
        await Expect(page.Locator("#q")).ToHaveValueAsync(query);
        // Either the server finds nothing (the summary quotes the query as text) or it refuses the query (an error line).
        var answer = page.Locator(".results .summary, .results .notice-error");
        await Expect(answer.First).ToBeVisibleAsync();
        if (await page.Locator(".results .summary").CountAsync() > 0)
        {
            await Expect(page.Locator(".results .summary .query")).ToHaveTextAsync(query);
        }
        // Typed into the box and submitted too.
        await page.Locator("#q").FillAsync(query + " ایران");
        await page.Locator("form.search button[type=submit]").ClickAsync();
        await Expect(page.Locator("#q")).ToHaveValueAsync(query + " ایران");
        await Expect(page.Locator(".results .summary, .results .notice-error").First).ToBeVisibleAsync();
        Assert.Equal(0, await page.Locator("main img, main svg, main script, main iframe").CountAsync());
        Assert.Equal(0, await page.Locator("img[src=x]").CountAsync());
        web1.AssertClean(allowHttpErrors: true);
    }

    [Fact]
    public async Task ArticleHighlightsActorsEntitiesAndTriggersAndShowsTheCrawledText()
    {
        await using var web1 = await web.NewPageAsync(1280, 1000);
        var page = web1.Page;
        await page.GotoAsync("/?q=" + Uri.EscapeDataString("امیرعبداللهیان رایزنی"));
        await page.Locator(".hit-title a").First.ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex(@"/article\?id="));
        await Expect(page.Locator(".article-view")).ToBeVisibleAsync();
        // The hit is the story's best-ranked copy, perhaps the one already restored; the crawled one has its half-spaces stripped.
        await page.GotoAsync("/article?id=article.txt");
        var title = page.Locator("h1.article-title");
        await Expect(title).ToContainTextAsync("سازمان" + ZeroWidthNonJoiner + "های");
        Assert.True(await page.Locator(".article-text .actor").CountAsync() > 5);
        Assert.True(await page.Locator(".article-text .entity").CountAsync() > 5);
        await Expect(page.Locator(".article-text .removed").First).ToBeVisibleAsync();
        var events = page.Locator("button.event");
        Assert.True(await events.CountAsync() >= 3);
        await Expect(events.First).ToContainTextAsync("←");
        await Expect(events.First).ToContainTextAsync("CONSULT");

        // Hover over the minister's name: his canonical name, country and sector.
        var minister = page.Locator(".actor[data-actor='hossein-amir-abdollahian']").First;
        await minister.HoverAsync();
        var tip = page.Locator("#tip");
        await Expect(tip).ToBeVisibleAsync();
        await Expect(tip).ToContainTextAsync("Hossein Amir-Abdollahian");
        await Expect(tip).ToContainTextAsync("IRN");
        await Expect(tip).ToContainTextAsync("GOV");
        // Keyboard focus shows it too.
        await page.Locator(".article-text .entity").Nth(3).FocusAsync();
        await Expect(tip).ToBeVisibleAsync();

        // An event scrolls to its trigger and marks it.
        var last = events.Last;
        var target = await last.GetAttributeAsync("aria-controls");
        await last.ClickAsync();
        var trigger = page.Locator($"#{target}");
        await Expect(trigger).ToHaveClassAsync(new Regex(@"\bcurrent\b"));
        await Expect(trigger).ToBeInViewportAsync();
        await Expect(trigger).ToBeFocusedAsync();
        await WebFixture.ScreenshotAsync(page, "article-desktop");

        // As crawled: the half-spaces are gone again, the highlights stay.
        await page.Locator("label.switch").ClickAsync();
        await Expect(page.Locator("#crawled-switch")).ToBeCheckedAsync();
        await Expect(title).ToContainTextAsync("سازمانهای");
        await Expect(title).Not.ToContainTextAsync(ZeroWidthNonJoiner);
        await Expect(page).ToHaveURLAsync(new Regex("view=crawled"));
        Assert.True(await page.Locator(".article-text.crawled .actor").CountAsync() > 5);
        await page.ReloadAsync();
        await Expect(page.Locator("#crawled-switch")).ToBeCheckedAsync();
        await Expect(title).ToContainTextAsync("سازمانهای");
        await WebFixture.ScreenshotAsync(page, "article-crawled");

        await page.SetViewportSizeAsync(390, 844);
        await page.Locator("label.switch").ClickAsync();
        await Expect(title).ToContainTextAsync("سازمان" + ZeroWidthNonJoiner + "های");
        await page.EvaluateAsync("() => window.scrollTo(0, 0)");
        await WebFixture.ScreenshotAsync(page, "article-phone");
        web1.AssertClean();
    }

    [Fact]
    public async Task ActorPageDrawsTheTimelineAndLinksCounterparts()
    {
        await using var web1 = await web.NewPageAsync(1280, 1000);
        var page = web1.Page;
        await page.GotoAsync("/actor?id=" + Uri.EscapeDataString(web.BusiestActor));
        await Expect(page.Locator(".actor-head h1")).Not.ToBeEmptyAsync();
        var canvas = page.Locator(".chart-canvas canvas");
        await Expect(canvas).ToHaveAttributeAsync("data-drawn", "true");
        var box = await canvas.BoundingBoxAsync();
        Assert.NotNull(box);
        Assert.True(box.Width > 300 && box.Height > 150);
        // Something was painted: the canvas is not blank.
        Assert.True(await canvas.EvaluateAsync<bool>("c => { const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data; for (let i = 3; i < d.length; i += 4) if (d[i] !== 0) return true; return false; }"));
        await Expect(page.Locator(".data-table tbody tr").First).ToBeAttachedAsync();
        var counterparts = page.Locator(".counterparts a.actor-link");
        await Expect(counterparts.First).ToBeVisibleAsync();
        await Expect(page.Locator(".recent-events li").First).ToBeVisibleAsync();
        await WebFixture.ScreenshotAsync(page, "actor-desktop");

        var before = page.Url;
        var heading = await page.Locator(".actor-head h1").TextContentAsync();
        await counterparts.First.ClickAsync();
        await Expect(page).Not.ToHaveURLAsync(before);
        await Expect(page).ToHaveURLAsync(new Regex(@"/actor\?id="));
        await Expect(page.Locator(".actor-head h1")).Not.ToHaveTextAsync(heading!);
        await page.GoBackAsync();
        await Expect(page.Locator(".actor-head h1")).ToHaveTextAsync(heading!);
        web1.AssertClean();
    }

    [Fact]
    public async Task AnalyzeShowsPastedTextAsAnArticle()
    {
        await using var web1 = await web.NewPageAsync(1280, 1000);
        var page = web1.Page;
        await page.GotoAsync("/");
        await page.Locator("nav.nav a[href='/analyze']").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/analyze$"));
        const string text = "وزیر امور خارجه ایران با همتای روسی خود در مسکو دیدار و گفتگو کرد.\n\nحسین امیرعبداللهیان در این دیدار از روسیه خواست به تعهدات خود عمل کند.";
        await page.Locator("#analyze-text").FillAsync(text);
        await page.Locator(".analyze-form button[type=submit]").ClickAsync();
        var view = page.Locator(".analysis .article-view");
        await Expect(view).ToBeVisibleAsync();
        await Expect(page.Locator(".analysis .article-text")).ToContainTextAsync("امیرعبداللهیان");
        Assert.True(await page.Locator(".analysis .actor").CountAsync() >= 2);
        await Expect(page.Locator(".analysis button.event").First).ToBeVisibleAsync();
        await WebFixture.ScreenshotAsync(page, "analyze-desktop");

        // Hostile text is analysed and shown as text, like any other.
        await page.Locator("#analyze-text").FillAsync("<img src=x onerror=alert(1)> <script>alert(2)</script> متن");
        await page.Locator(".analyze-form button[type=submit]").ClickAsync();
        await Expect(page.Locator(".analysis .article-view")).ToContainTextAsync("<img src=x onerror=alert(1)>");
        Assert.Equal(0, await page.Locator("main img").CountAsync());
        web1.AssertClean();
    }

    [Fact]
    public async Task UnknownArticleSaysSo()
    {
        await using var web1 = await web.NewPageAsync();
        var page = web1.Page;
        await page.GotoAsync("/article?id=" + Uri.EscapeDataString("no-such-article"));
        await Expect(page.Locator(".notice-error")).ToBeVisibleAsync();
        web1.AssertClean(allowHttpErrors: true);
    }
}
