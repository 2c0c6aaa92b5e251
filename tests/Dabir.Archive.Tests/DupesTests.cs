namespace Dabir.Archive.Tests;

public sealed class DupesTests : IDisposable
{
    private readonly string _path = TestArchive.TempStore();

    public void Dispose() => TestArchive.Delete(_path);

    [Fact]
    public void Reworded_reordered_cut_and_respelled_copies_cluster_and_unrelated_articles_never_do()
    {
        var articles = TestArchive.FarsDev(60);
        var items = new List<IngestItem>();
        var expected = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var e in articles)
        {
            string link = e.GetProperty("link").GetString()!;
            items.Add(TestArchive.Item(e.GetProperty("title").GetString()!, TestArchive.Paragraphs(e), link));
            expected[link] = link;
        }
        for (int i = 0; i < 20; i++)
        {
            var e = articles[i];
            string link = e.GetProperty("link").GetString()!;
            string title = e.GetProperty("title").GetString()!;
            var p = TestArchive.Paragraphs(e);
            string[] copy = (i % 4) switch
            {
                0 => [.. p.Select((x, k) => k == 0 ? "به گزارش ایسنا، " + x : x)], // another agency's credit line
                1 => [.. p.Skip(1).Take(1).Concat(p.Take(1)).Concat(p.Skip(2)).Select(x => x.Replace("\u200c", "", StringComparison.Ordinal))], // reordered, half-spaces dropped
                2 => p[..Math.Max(2, (2 * p.Length + 2) / 3)], // cut to two thirds
                _ => [.. p.Select(x => x.Replace('ی', 'ي').Replace('ک', 'ك')), "این خبر تکمیل می‌شود."], // re-spelled and extended
            };
            string copyLink = link + "#copy";
            items.Add(TestArchive.Item(string.Join(' ', title.Split(' ').Reverse()), copy, copyLink));
            expected[copyLink] = link;
        }
        using var store = SqliteArchiveStore.Open(_path);
        foreach (var chunk in items.Chunk(16))
        {
            store.Add(chunk);
        }
        var clusters = store.Clusters().ToList();
        foreach (var c in clusters)
        {
            // No false merge: every member of a cluster comes from one original.
            Assert.Single(c.Select(m => expected[m]).Distinct());
        }
        int clustered = clusters.Sum(c => c.Count);
        Assert.True(clustered >= 38, $"only {clustered} of 40 copies and originals clustered");
        // Search shows one hit per cluster with its copies counted.
        var first = articles[0];
        var hits = store.Search(new SearchRequest { Query = first.GetProperty("title").GetString()! });
        Assert.Equal(2, hits[0].Copies);
        Assert.Single(hits, h => h.Url!.StartsWith(first.GetProperty("link").GetString()!, StringComparison.Ordinal));
    }

    [Fact]
    public void Confirmation_thresholds()
    {
        uint[] a = [.. Enumerable.Range(0, 100).Select(i => (uint)i)];
        Assert.True(MinHash.Confirms(a, [.. Enumerable.Range(0, 70).Select(i => (uint)i)])); // contained
        Assert.True(MinHash.Confirms(a, [.. Enumerable.Range(30, 100).Select(i => (uint)i)])); // J = 70/130 > 0.5
        Assert.False(MinHash.Confirms(a, [.. Enumerable.Range(60, 100).Select(i => (uint)i)])); // J = 40/160
        Assert.False(MinHash.Confirms([1, 2, 3], [1, 2, 3, 4, 5, 6, 7, 8, 9, 10])); // tiny inside large: J 0.3, too small for containment
    }
}
