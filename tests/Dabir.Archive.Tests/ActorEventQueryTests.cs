using System.Text.Json;

namespace Dabir.Archive.Tests;

/// <summary>The store's document, events and actor queries over records whose actors/events sections are written by hand.</summary>
public sealed class ActorEventQueryTests : IDisposable
{
    private readonly string _path = TestArchive.TempStore();

    public void Dispose() => TestArchive.Delete(_path);

    private static string Actor(string id, string country) => $$"""{"text":"{{id}}","start":0,"end":1,"id":"{{id}}","name":"{{id}} name","country":"{{country}}"}""";

    private static string Event(string type, string actorId, string actorCountry, params (string Id, string Country)[] recipients) =>
        "{\"type\":\"" + type + "\",\"actor\":" + Actor(actorId, actorCountry) + ",\"recipients\":["
        + string.Join(',', recipients.Select(r => Actor(r.Id, r.Country))) + "],\"trigger\":{\"text\":\"t\",\"start\":0,\"end\":1}}";

    // The record as ingest writes it, with the actors/events sections an events-level pipeline would add.
    private static IngestItem Item(string link, string date, string[] actors, string[] events, string edition = "")
    {
        string json = JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["title"] = "عنوان " + link,
            ["paragraphs"] = new[] { "متن خبر درباره " + link + " و دیدار وزیران." + edition },
            ["link"] = link,
            ["date"] = date,
        });
        return TestArchive.Item(json, link, record =>
        {
            Assert.Contains("\"events\":[]", record, StringComparison.Ordinal);
            return record.Replace("\"events\":[]", $"\"actors\":[{string.Join(',', actors)}],\"events\":[{string.Join(',', events)}]", StringComparison.Ordinal);
        });
    }

    [Fact]
    public void Document_is_found_by_record_id_key_or_url()
    {
        using var store = SqliteArchiveStore.Open(_path);
        store.Add([Item("https://example.org/a?utm_source=x", "2024-01-05", [], [])]);
        var byUrl = store.Document("https://example.org/a?utm_source=x");
        Assert.NotNull(byUrl);
        Assert.Equal(byUrl, store.Document("https://www.example.org/a/"), StoredDocumentComparer.Instance);
        Assert.Equal(byUrl, store.Document(byUrl!.Key), StoredDocumentComparer.Instance);
        using var record = JsonDocument.Parse(byUrl.Record);
        Assert.Equal(byUrl, store.Document(record.RootElement.GetProperty("id").GetString()!), StoredDocumentComparer.Instance);
        Assert.Null(store.Document("https://example.org/missing"));
        Assert.Null(store.Document(""));
    }

    [Fact]
    public void Events_filter_by_actor_country_type_and_date_newest_first()
    {
        using var store = SqliteArchiveStore.Open(_path);
        store.Add(
        [
            Item("https://example.org/1", "2024-01-05", [Actor("zarif", "IRN"), Actor("ASEAN", "IGO")],
                [Event("CONSULT", "zarif", "IRN", ("ASEAN", "IGO")), Event("ACCUSE", "zarif", "IRN", ("USAGOV", "USA"))]),
            Item("https://example.org/2", "2024-03-10", [Actor("USAGOV", "USA")], [Event("ACCUSE", "USAGOV", "USA", ("zarif", "IRN"))]),
            Item("https://example.org/3", "2023-12-30", [], [Event("REQUEST", "RUSGOV", "RUS", ("UNO", "UNO"))]),
        ]);
        Assert.Equal(4, store.Events(new EventQuery()).Count);
        // Newest document first.
        Assert.Equal(["https://example.org/2", "https://example.org/1", "https://example.org/1", "https://example.org/3"], store.Events(new EventQuery()).Select(e => e.Url));
        // An actor on either side; by its canonical name too.
        Assert.Equal(3, store.Events(new EventQuery { Actor = "zarif" }).Count);
        Assert.Equal(3, store.Events(new EventQuery { Actor = "zarif name" }).Count);
        Assert.Equal(["ACCUSE", "ACCUSE"], store.Events(new EventQuery { Country = "usa" }).Select(e => e.Type));
        Assert.Equal(["REQUEST"], store.Events(new EventQuery { Type = "request" }).Select(e => e.Type));
        var ranged = store.Events(new EventQuery { From = new DateOnly(2024, 1, 1), To = new DateOnly(2024, 1, 31) });
        Assert.Equal(2, ranged.Count);
        Assert.All(ranged, e => Assert.Equal("2024-01-05", e.Published));
        Assert.Equal(["https://example.org/3"], store.Events(new EventQuery { Limit = 5, Offset = 3 }).Select(e => e.Url));
        // The event comes back as the record holds it.
        var consult = Assert.Single(store.Events(new EventQuery { Type = "CONSULT" }));
        Assert.Equal("zarif", consult.ActorId);
        Assert.Equal(["ASEAN"], consult.RecipientIds);
        using var json = JsonDocument.Parse(consult.Json);
        Assert.Equal("ASEAN", json.RootElement.GetProperty("recipients")[0].GetProperty("id").GetString());
        Assert.Empty(store.Events(new EventQuery { Actor = "nobody" }));
    }

    [Fact]
    public void Actor_activity_by_month_and_counterparts_follows_new_versions()
    {
        using var store = SqliteArchiveStore.Open(_path);
        store.Add(
        [
            Item("https://example.org/1", "2024-01-05", [Actor("zarif", "IRN")],
                [Event("CONSULT", "zarif", "IRN", ("ASEAN", "IGO")), Event("ACCUSE", "zarif", "IRN", ("USAGOV", "USA"))]),
            Item("https://example.org/2", "2024-03-10", [Actor("USAGOV", "USA")], [Event("ACCUSE", "USAGOV", "USA", ("zarif", "IRN"))]),
        ]);
        var zarif = store.Actor("zarif");
        Assert.NotNull(zarif);
        Assert.Equal("zarif name", zarif!.Name);
        Assert.Equal("IRN", zarif.Country);
        Assert.Equal(1, zarif.Documents);
        Assert.Equal(
            [new ActorMonth("2024-01", "ACCUSE", 1, 0), new ActorMonth("2024-01", "CONSULT", 1, 0), new ActorMonth("2024-03", "ACCUSE", 0, 1)],
            zarif.Months);
        Assert.Equal("USAGOV", zarif.Counterparts[0].ActorId);
        Assert.Equal(2, zarif.Counterparts[0].Events);
        Assert.Equal(2, zarif.Counterparts.Count);
        Assert.Null(store.Actor("nobody"));

        // A new version of document 1 without events: its old events leave the actor's page.
        store.Add([Item("https://example.org/1", "2024-01-06", [Actor("zarif", "IRN")], [], edition: " ویرایش دوم")]);
        zarif = store.Actor("zarif")!;
        Assert.Equal([new ActorMonth("2024-03", "ACCUSE", 0, 1)], zarif.Months);
        Assert.Single(store.Events(new EventQuery { Actor = "zarif" }));
    }

    private sealed class StoredDocumentComparer : IEqualityComparer<StoredDocument?>
    {
        public static readonly StoredDocumentComparer Instance = new();

        public bool Equals(StoredDocument? x, StoredDocument? y) =>
            x is not null && y is not null && x.Key == y.Key && x.Version == y.Version && x.Record.Span.SequenceEqual(y.Record.Span);

        public int GetHashCode(StoredDocument? obj) => obj?.Key.GetHashCode(StringComparison.Ordinal) ?? 0;
    }
}
