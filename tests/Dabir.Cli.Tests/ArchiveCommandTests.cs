using System.Diagnostics;
using System.Text;
using System.Text.Json;

namespace Dabir.Cli.Tests;

/// <summary>dabir ingest / search / dupes / stats / export as a user runs them, including kill -9 in the middle of an ingest.</summary>
public sealed class ArchiveCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("dabir-archive-cli-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string PathOf(string name) => Path.Combine(_dir, name);

    private static string Article(string title, string link, params string[] paragraphs) =>
        JsonSerializer.Serialize(new Dictionary<string, object> { ["title"] = title, ["link"] = link, ["paragraphs"] = paragraphs });

    [Fact]
    public void Export_of_stored_events_is_what_dabir_events_writes_and_stats_count_them()
    {
        // 40 dev articles at the full level: the store keeps their events; export writes them through the writers of
        // `dabir events` (PLOVER ids are per document, GDELT ids run in output order: compared without them).
        string input = PathOf("dev.jsonl");
        File.WriteAllLines(input, File.ReadLines(SharedData.PathOf("data/news/fars-dev.jsonl")).Take(40));
        string store = PathOf("events.db");
        Assert.Equal(0, DabirProcess.Run([], "ingest", input, "--store", store, "-q").ExitCode);

        static string[] Lines(string text) => [.. text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Order(StringComparer.Ordinal)];
        static string[] WithoutId(string[] rows) => [.. rows.Select(r => r[(r.IndexOf('\t', StringComparison.Ordinal) + 1)..]).Order(StringComparer.Ordinal)];
        var plover = Lines(DabirProcess.Run([], "export", "--store", store, "--format", "plover").Text);
        Assert.NotEmpty(plover);
        Assert.Equal(Lines(DabirProcess.Run([], "events", input, "--format", "plover").Text), plover);
        var gdelt = Lines(DabirProcess.Run([], "export", "--store", store, "--format", "gdelt").Text);
        Assert.All(gdelt, row => Assert.Equal(58, row.Split('\t').Length));
        Assert.Equal(WithoutId(Lines(DabirProcess.Run([], "events", input, "--format", "gdelt").Text)), WithoutId(gdelt));

        var stats = JsonDocument.Parse(DabirProcess.Run([], "stats", "--store", store, "--format", "json").Text).RootElement;
        Assert.NotEqual(0, stats.GetProperty("topActors").GetArrayLength());
        long events = stats.GetProperty("eventTypesByMonth").EnumerateObject().SelectMany(m => m.Value.EnumerateObject()).Sum(t => t.Value.GetInt64());
        Assert.Equal(plover.Length, events);
        var text = DabirProcess.Run([], "stats", "--store", store).Text;
        Assert.Contains("top actors:", text, StringComparison.Ordinal);
        Assert.Contains("event types by month:", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Malformed_records_are_reported_and_skipped()
    {
        string input = PathOf("in.jsonl");
        File.WriteAllText(input, string.Join('\n',
            Article("آغاز طرح پاکسازی سواحل", "https://example.org/1", "رئیس سازمان محیط زیست از آغاز طرح پاکسازی سواحل خبر داد.", "این طرح تا پایان سال ادامه دارد."),
            "{not json at all",
            "[1, 2, 3]",
            Article("تساوی تیم ملی فوتبال", "https://example.org/2", "تیم ملی فوتبال در دیداری دوستانه به تساوی رسید.", "این دیدار در تهران برگزار شد.")) + "\n");
        string store = PathOf("a.db");
        var run = DabirProcess.Run([], "ingest", input, "--store", store, "--level", "tokens");
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("2 added", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("2 failed", run.Stderr, StringComparison.Ordinal);
        var errors = File.ReadAllLines(store + ".errors.jsonl").Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(2, errors.Count);
        Assert.EndsWith("in.jsonl:2", errors[0].GetProperty("locator").GetString(), StringComparison.Ordinal);
        Assert.EndsWith("in.jsonl:3", errors[1].GetProperty("locator").GetString(), StringComparison.Ordinal);
        Assert.All(errors, e => Assert.False(string.IsNullOrEmpty(e.GetProperty("reason").GetString())));

        var search = DabirProcess.Run([], "search", "فوتبال", "--store", store, "--format", "jsonl");
        Assert.Equal(0, search.ExitCode);
        Assert.Contains("https://example.org/2", search.Text, StringComparison.Ordinal);
        var stats = DabirProcess.Run([], "stats", "--store", store, "--format", "json");
        Assert.Equal(2, JsonDocument.Parse(stats.Text).RootElement.GetProperty("documents").GetInt64());
        var export = DabirProcess.Run([], "export", "--store", store, "--format", "jsonl");
        Assert.Equal(2, export.Text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);

        // Again: every input is done, nothing is added.
        var again = DabirProcess.Run([], "ingest", input, "--store", store, "--level", "tokens");
        Assert.Contains("0 added", again.Stderr, StringComparison.Ordinal);
        Assert.Contains("2 inputs already done", again.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void A_store_that_is_not_an_archive_is_a_clear_error()
    {
        string bad = PathOf("bad.db");
        File.WriteAllBytes(bad, Encoding.UTF8.GetBytes(new string('x', 5000)));
        foreach (var args in new[] { new[] { "search", "ایران", "--store", bad }, ["dupes", "--store", bad], ["stats", "--store", bad], ["ingest", PathOf("none.jsonl"), "--store", bad] })
        {
            var run = DabirProcess.Run([], args);
            Assert.Equal(2, run.ExitCode);
            Assert.StartsWith("dabir: error:", run.Stderr, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", run.Stderr, StringComparison.Ordinal);
        }
        var query = DabirProcess.Run([], "search", "(ایران", "--store", bad);
        Assert.Equal(2, query.ExitCode);
    }

    [Fact]
    public void Killed_with_sigkill_at_five_points_and_resumed_equals_a_clean_run()
    {
        string input = PathOf("planted.jsonl");
        var lines = new List<string>();
        var farsDev = File.ReadLines(SharedData.PathOf("data/news/fars-dev.jsonl")).Take(300).ToList();
        lines.AddRange(farsDev);
        foreach (var line in farsDev.Take(40))
        {
            var e = JsonDocument.Parse(line).RootElement;
            var paragraphs = e.GetProperty("paragraphs").EnumerateArray().Select(p => p.GetString() ?? "").Reverse().ToArray();
            lines.Add(Article(e.GetProperty("title").GetString() ?? "", e.GetProperty("link").GetString() + "#copy", paragraphs));
        }
        File.WriteAllLines(input, lines);

        string clean = PathOf("clean.db");
        Assert.Equal(0, DabirProcess.Run([], "ingest", input, "--store", clean, "--level", "structure", "--batch", "16", "-q").ExitCode);

        string killed = PathOf("killed.db");
        var random = new Random(14);
        int kills = 0;
        for (int i = 0; i < 5; i++)
        {
            var info = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
            foreach (var a in new[] { Path.Combine(AppContext.BaseDirectory, "dabir.dll"), "ingest", input, "--store", killed, "--level", "structure", "--batch", "16", "-q" })
            {
                info.ArgumentList.Add(a);
            }
            using var p = Process.Start(info)!;
            Thread.Sleep(random.Next(300, 1500));
            if (!p.HasExited)
            {
                p.Kill(entireProcessTree: true); // SIGKILL on Unix: no cleanup runs
                kills++;
            }
            p.WaitForExit();
        }
        Assert.True(kills >= 1, "no run was killed mid-way (the machine is too fast for the kill points)");
        var final = DabirProcess.Run([], "ingest", input, "--store", killed, "--level", "structure", "-q");
        Assert.Equal(0, final.ExitCode);

        string Export(string store) => string.Join('\n', DabirProcess.Run([], "export", "--store", store).Text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Order(StringComparer.Ordinal));
        string Dupes(string store) => string.Join('\n', DabirProcess.Run([], "dupes", "--store", store).Text.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => string.Join(' ', JsonDocument.Parse(l).RootElement.GetProperty("members").EnumerateArray().Select(m => m.GetString()).Order(StringComparer.Ordinal))).Order(StringComparer.Ordinal));
        Assert.Equal(Export(clean), Export(killed));
        Assert.Equal(Dupes(clean), Dupes(killed));
        var stats = JsonDocument.Parse(DabirProcess.Run([], "stats", "--store", killed, "--format", "json").Text).RootElement;
        var cleanStats = JsonDocument.Parse(DabirProcess.Run([], "stats", "--store", clean, "--format", "json").Text).RootElement;
        Assert.Equal(cleanStats.GetProperty("documents").GetInt64(), stats.GetProperty("documents").GetInt64());
        Assert.Equal(cleanStats.GetProperty("versions").GetInt64(), stats.GetProperty("versions").GetInt64());
        Assert.True(cleanStats.GetProperty("clusters").GetInt64() >= 30);
    }
}
