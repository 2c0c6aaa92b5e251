using System.Text.Json;
using Dabir.Pipeline;

namespace Dabir.Events.Tests;

/// <summary>The worked example end to end (as dabir analyze runs it): its 8 core events at the dyad level, and every entity it names linked.</summary>
public sealed class ExampleTests
{
    [Fact]
    public void All_core_events_at_dyad_level_with_at_most_one_false_positive()
    {
        var doc = TestPipelines.Article(SharedData.PathOf("data/example/article.txt")).Document!;
        var gold = new List<(string Type, string Actor, string Recipients)>();
        foreach (var line in File.ReadLines(SharedData.PathOf("data/example/article.events.jsonl")))
        {
            using var e = JsonDocument.Parse(line);
            var root = e.RootElement;
            if (root.GetProperty("tier").GetString() != "core")
            {
                continue;
            }
            gold.Add((root.GetProperty("event")[0].GetString()!, root.GetProperty("actor")[0].GetProperty("code").GetString()!,
                Countries(root.GetProperty("recipient").EnumerateArray().Select(r => r.GetProperty("code").GetString()!))));
        }
        var used = new bool[gold.Count];
        int falsePositives = 0;
        foreach (var ev in doc.Get<EventMentions>().Items)
        {
            var key = (ev.Type, ev.Actor.Country, Countries(ev.Recipients.Select(r => r.Country)));
            int hit = Enumerable.Range(0, gold.Count).FirstOrDefault(i => !used[i] && gold[i] == key, -1);
            if (hit >= 0)
            {
                used[hit] = true;
            }
            else
            {
                falsePositives++;
            }
        }
        var missed = gold.Where((g, i) => !used[i]).ToArray();
        Assert.True(missed.Length == 0, "missed: " + string.Join("; ", missed));
        Assert.True(falsePositives <= 1, $"{falsePositives} false positives");
    }

    private static string Countries(IEnumerable<string> codes) => string.Join(',', codes.Where(c => c.Length > 0).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal));

    [Fact]
    public void Every_named_entity_is_linked_to_its_actor()
    {
        var doc = TestPipelines.Article(SharedData.PathOf("data/example/article.txt")).Document!;
        var actors = doc.Get<ActorMentions>().Items;
        var failures = new List<string>();
        foreach (var line in File.ReadLines(SharedData.PathOf("data/example/article.entities.tsv")))
        {
            if (line.StartsWith('#'))
            {
                continue;
            }
            var c = line.Split('\t');
            string mention = c[0], type = c[1], link = c[3];
            if (type is "FAC" or "NUM")
            {
                continue; // a facility and a number are not actors
            }
            string expected = link.StartsWith("Iran", StringComparison.Ordinal) || link.StartsWith("IRN", StringComparison.Ordinal) || link.StartsWith("news agency", StringComparison.Ordinal) ? "IRN"
                : link.StartsWith("ISR", StringComparison.Ordinal) ? "ISR"
                : link.StartsWith("PSE", StringComparison.Ordinal) ? "PSE"
                : "IGO";
            string key = Fold.Key(mention);
            bool linked = actors.Any(a => Fold.Key(a.Text).Contains(key, StringComparison.Ordinal) && a.Country == expected);
            if (!linked)
            {
                failures.Add($"{mention} ({expected})");
            }
        }
        Assert.True(failures.Count == 0, "not linked: " + string.Join(", ", failures));
    }

    [Fact]
    public void Record_carries_actors_before_events()
    {
        var news = TestPipelines.Article(SharedData.PathOf("data/example/article.txt"));
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            News.Json.DocumentJsonWriter.Write(writer, news);
        }
        using var json = JsonDocument.Parse(buffer.ToArray());
        var names = json.RootElement.EnumerateObject().Select(p => p.Name).ToList();
        Assert.True(names.IndexOf("actors") >= 0 && names.IndexOf("actors") < names.IndexOf("events"));
        var first = json.RootElement.GetProperty("events")[0];
        foreach (var field in new[] { "type", "mode", "context", "actor", "recipients", "cameo", "cameoName", "goldstein", "quad", "trigger", "sentence", "negated", "tier", "attribution", "restatements" })
        {
            Assert.True(first.TryGetProperty(field, out _), field);
        }
        Assert.Equal("IRN", first.GetProperty("actor").GetProperty("country").GetString());
        var errors = News.Tests.SchemaValidator.ForDocumentSchema().Validate(json.RootElement);
        Assert.True(errors.Count == 0, string.Join("\n", errors.Take(10)));
        _ = typeof(AnalysisDocument);
    }
}
