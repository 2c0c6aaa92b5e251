using System.Text;

namespace Dabir.Archive.Tests;

public sealed class StoreTests : IDisposable
{
    private readonly string _path = TestArchive.TempStore();

    public void Dispose() => TestArchive.Delete(_path);

    private static readonly string[] Body1 =
    [
        "به گزارش خبرگزاری فارس، رئیس سازمان حفاظت محیط زیست امروز در نشستی با خبرنگاران از آغاز طرح پاکسازی سواحل خلیج فارس خبر داد.",
        "وی افزود: این طرح با همکاری شهرداری‌ها و داوطلبان محلی اجرا می‌شود و تا پایان سال ادامه خواهد داشت.",
        "نامه‌های رسمی برای رؤسای ادارات کل استان‌های ساحلی ارسال شده است.",
    ];

    private static readonly string[] Body2 =
    [
        "تیم ملی فوتبال ایران در دیداری دوستانه برابر تیم ملی ژاپن به تساوی رسید.",
        "سرمربی تیم ملی پس از بازی گفت بازیکنان جوان عملکرد خوبی داشتند و برای مسابقات مقدماتی جام جهانی آماده می‌شوند.",
        "این دیدار در ورزشگاه آزادی تهران و با حضور تماشاگران برگزار شد.",
    ];

    [Fact]
    public void Round_trip_keeps_records_and_counts()
    {
        var a = TestArchive.Item("آغاز پاکسازی سواحل خلیج فارس", Body1, "https://www.farsnews.ir/news/1");
        var b = TestArchive.Item("تساوی تیم ملی فوتبال برابر ژاپن", Body2, "https://www.farsnews.ir/news/2");
        using (var store = SqliteArchiveStore.Open(_path))
        {
            var r = store.Add([a, b]);
            Assert.Equal(2, r.Added);
        }
        using var reopened = SqliteArchiveStore.Open(_path, readOnly: true);
        var exported = reopened.Export().ToList();
        Assert.Equal(2, exported.Count);
        Assert.Equal(a.Document.Record.ToArray(), exported[0].Record.ToArray());
        Assert.Equal(b.Document.Record.ToArray(), exported[1].Record.ToArray());
        Assert.Equal(2, reopened.Stats().Documents);
        Assert.Equal(2, reopened.DoneInputs().Count);
        var hits = reopened.Search(new SearchRequest { Query = "فوتبال ژاپن" });
        Assert.Equal("https://www.farsnews.ir/news/2", hits[0].Url);
        Assert.NotNull(hits[0].Snippet);
        var snippet = hits[0].Snippet!;
        Assert.Contains(snippet.Highlights, h => snippet.Text.Substring(h.Start, h.Length) == "فوتبال");
    }

    [Fact]
    public void Reingest_adds_nothing_and_a_changed_article_is_a_new_version()
    {
        using var store = SqliteArchiveStore.Open(_path);
        var a = TestArchive.Item("آغاز پاکسازی سواحل خلیج فارس", Body1, "https://www.farsnews.ir/news/1");
        store.Add([a]);
        // The same article again (and under a URL that normalises the same): nothing new.
        var again = store.Add([TestArchive.Item("آغاز پاکسازی سواحل خلیج فارس", Body1, "http://farsnews.ir/news/1/")]);
        Assert.Equal(new BatchResult(0, 0, 1), again);
        Assert.Equal(1, store.Stats().Versions);
        var changed = TestArchive.Item("آغاز پاکسازی سواحل خلیج فارس", [.. Body1, "این خبر تکمیل شد و گزارش نهایی فردا منتشر می‌شود."], "https://www.farsnews.ir/news/1");
        Assert.Equal(new BatchResult(0, 1, 0), store.Add([changed]));
        var stats = store.Stats();
        Assert.Equal(1, stats.Documents);
        Assert.Equal(2, stats.Versions);
        // Search sees the current version only, once.
        var hits = store.Search(new SearchRequest { Query = "تکمیل" });
        Assert.Single(hits);
        Assert.Single(store.Search(new SearchRequest { Query = "پاکسازی" }));
    }

    [Fact]
    public void An_interrupted_run_resumed_equals_a_clean_run()
    {
        var articles = TestArchive.FarsDev(24);
        var items = new List<IngestItem>();
        foreach (var e in articles)
        {
            items.Add(TestArchive.Item(e.GetProperty("title").GetString()!, TestArchive.Paragraphs(e), e.GetProperty("link").GetString()));
        }
        // Plant copies so the clusters are compared too.
        for (int i = 0; i < 6; i++)
        {
            var e = articles[i];
            var p = TestArchive.Paragraphs(e);
            items.Add(TestArchive.Item(e.GetProperty("title").GetString()!, [.. p[1..], p[0]], e.GetProperty("link").GetString() + "#copy"));
        }
        string clean = TestArchive.TempStore();
        try
        {
            using (var store = SqliteArchiveStore.Open(clean))
            {
                foreach (var chunk in items.Chunk(5))
                {
                    store.Add(chunk);
                }
            }
            // Interrupted: two batches committed, a third in flight when the process "dies" (the store is dropped
            // without the last Add), then a new run that skips the inputs recorded as done.
            using (var store = SqliteArchiveStore.Open(_path))
            {
                foreach (var chunk in items.Chunk(5).Take(2))
                {
                    store.Add(chunk);
                }
            }
            using (var store = SqliteArchiveStore.Open(_path))
            {
                var done = store.DoneInputs();
                Assert.Equal(10, done.Count);
                var rest = items.Where(i => !(done.TryGetValue(i.Locator, out var h) && h == i.InputHash)).ToList();
                // A resumed run that re-reads a committed input stores it once all the same.
                rest.Insert(0, items[0]);
                foreach (var chunk in rest.Chunk(7))
                {
                    store.Add(chunk);
                }
            }
            using var a = SqliteArchiveStore.Open(clean, readOnly: true);
            using var b = SqliteArchiveStore.Open(_path, readOnly: true);
            Assert.Equal(a.Export().Select(d => d.Key).Order(StringComparer.Ordinal), b.Export().Select(d => d.Key).Order(StringComparer.Ordinal));
            Assert.Equal(a.Stats().Versions, b.Stats().Versions);
            static List<string> Clusters(SqliteArchiveStore s) => [.. s.Clusters().Select(c => string.Join(' ', c.Order(StringComparer.Ordinal))).Order(StringComparer.Ordinal)];
            Assert.Equal(Clusters(a), Clusters(b));
            Assert.Equal(6, Clusters(a).Count);
        }
        finally
        {
            TestArchive.Delete(clean);
        }
    }

    [Fact]
    public async Task A_reader_searches_while_the_writer_commits()
    {
        var articles = TestArchive.FarsDev(40);
        var items = articles.Select(e => TestArchive.Item(e.GetProperty("title").GetString()!, TestArchive.Paragraphs(e), e.GetProperty("link").GetString())).ToList();
        using var writer = SqliteArchiveStore.Open(_path);
        writer.Add(items[..2]);
        using var reader = SqliteArchiveStore.Open(_path, readOnly: true);
        var done = false;
        int searches = 0;
        var readerTask = Task.Run(() =>
        {
            while (!Volatile.Read(ref done))
            {
                var hits = reader.Search(new SearchRequest { Query = "ایران OR تهران OR فارس", Snippets = false });
                Assert.NotNull(hits);
                searches++;
            }
        }, TestContext.Current.CancellationToken);
        foreach (var chunk in items[2..].Chunk(2))
        {
            writer.Add(chunk);
        }
        Volatile.Write(ref done, true);
        await readerTask;
        Assert.True(searches > 0);
        Assert.Equal(40, reader.Stats().Documents);
    }

    [Fact]
    public void A_file_that_is_not_an_archive_is_a_clear_error()
    {
        File.WriteAllBytes(_path, Encoding.UTF8.GetBytes("this is not a database, just some text that a user passed as --store\n"));
        var e = Assert.Throws<ArchiveStoreException>(() => SqliteArchiveStore.Open(_path, readOnly: true));
        Assert.Contains(_path, e.Message, StringComparison.Ordinal);
        Assert.Throws<ArchiveStoreException>(() => SqliteArchiveStore.Open(_path));
        Assert.Throws<ArchiveStoreException>(() => SqliteArchiveStore.Open(_path + ".missing", readOnly: true));
    }

    [Fact]
    public void A_truncated_archive_is_a_clear_error()
    {
        var articles = TestArchive.FarsDev(30);
        using (var store = SqliteArchiveStore.Open(_path))
        {
            store.Add([.. articles.Select(e => TestArchive.Item(e.GetProperty("title").GetString()!, TestArchive.Paragraphs(e), e.GetProperty("link").GetString()))]);
        }
        long length = new FileInfo(_path).Length;
        using (var f = new FileStream(_path, FileMode.Open))
        {
            f.SetLength(length / 2);
        }
        var e = Assert.Throws<ArchiveStoreException>(() =>
        {
            using var store = SqliteArchiveStore.Open(_path, readOnly: true);
            store.Search(new SearchRequest { Query = "ایران" });
        });
        Assert.Contains("damaged", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Spelling_variants_find_each_other()
    {
        using var store = SqliteArchiveStore.Open(_path);
        store.Add(
        [
            TestArchive.Item("آغاز پاکسازی سواحل", Body1, "https://example.org/a"),
            TestArchive.Item("تساوی تیم ملی فوتبال برابر ژاپن", Body2, "https://example.org/b"),
            TestArchive.Item("بازگشایی مدارس", ["مدیران مدارس کشور فردا برای بررسی برنامه بازگشایی جلسه دارند و نامه ای به وزیر نوشته اند.", "روسای مناطق آموزش و پرورش هم حضور دارند."], "https://example.org/c"),
        ]);
        foreach (var q in new[] { "نامه‌های رسمی", "نامههای رسمی", "نامه های رسمی", "نامه رسمی", "رؤسای ادارات", "روسای ادارات", "رئيس سازمان", "شهرداريها", "شهرداری ها", "مي شود پاکسازی" })
        {
            var hits = store.Search(new SearchRequest { Query = q });
            Assert.True(hits.Count > 0 && hits[0].Url == "https://example.org/a", $"«{q}» → {string.Join(", ", hits.Select(h => h.Url))}");
        }
        // And the other way round: a document typed with the variants is found by the standard spelling.
        var c = store.Search(new SearchRequest { Query = "رؤسای مناطق" });
        Assert.Equal("https://example.org/c", c[0].Url);
        Assert.Equal("https://example.org/c", store.Search(new SearchRequest { Query = "نامه‌ای به وزیر" })[0].Url);
    }

    [Fact]
    public void Operators_phrases_prefixes_and_filters()
    {
        using var store = SqliteArchiveStore.Open(_path);
        store.Add(
        [
            TestArchive.Item("آغاز پاکسازی سواحل", Body1, "https://example.org/a"),
            TestArchive.Item("تساوی تیم ملی فوتبال برابر ژاپن", Body2, "https://example.org/b"),
        ]);
        string[] Urls(string q) => [.. store.Search(new SearchRequest { Query = q }).Select(h => h.Url!)];
        Assert.Equal(["https://example.org/b"], Urls("\"تیم ملی فوتبال\""));
        Assert.Empty(Urls("\"فوتبال ملی تیم\""));
        Assert.Equal(["https://example.org/a"], Urls("پاکساز*"));
        Assert.Equal(["https://example.org/b"], Urls("ملی AND ژاپن"));
        Assert.Empty(Urls("پاکسازی AND ژاپن"));
        Assert.Equal(2, Urls("پاکسازی OR ژاپن").Length);
        Assert.Equal(["https://example.org/a"], Urls("تهران OR سواحل NOT ژاپن"));
        Assert.Equal(["https://example.org/a"], Urls("(تهران OR سواحل) -ژاپن"));
        Assert.Empty(store.Search(new SearchRequest { Query = "فوتبال", Agency = "irna" }));
        Assert.Empty(store.Search(new SearchRequest { Query = "فوتبال", Event = "CONSULT" }));
    }
}
