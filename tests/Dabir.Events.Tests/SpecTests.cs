namespace Dabir.Events.Tests;

/// <summary>
/// Spec/events.tsv: Persian sentence patterns with the events they must give (every PLOVER type, negation, passives,
/// quotations, appositions, «کشورمان», anaphora, capitals, future, background). Rows marked <c>gap</c> are known
/// limitations: reported, not asserted.
/// </summary>
public sealed class SpecTests(ITestOutputHelper output)
{
    public static TheoryData<int, string, string> PassRows() => Rows("pass");

    private static TheoryData<int, string, string> Rows(string status)
    {
        var data = new TheoryData<int, string, string>();
        foreach (var line in File.ReadLines(Path.Combine(AppContext.BaseDirectory, "Spec", "events.tsv")))
        {
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }
            var c = line.Split('\t');
            if (c[3] == status)
            {
                data.Add(int.Parse(c[0], System.Globalization.CultureInfo.InvariantCulture), c[1], c[2]);
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(PassRows))]
    public void Sentence_gives_its_events(int id, string text, string expected)
    {
        var actual = TestPipelines.Describe(TestPipelines.Sentences.Run(text));
        var want = expected == "-" ? [] : new SortedSet<string>(expected.Split(';'), StringComparer.Ordinal);
        Assert.True(want.SetEquals(actual), $"row {id}: «{text}»\n expected: {string.Join("; ", want)}\n actual:   {string.Join("; ", actual)}");
    }

    [Fact]
    public void Spec_covers_every_plover_type_and_has_150_rows()
    {
        var rows = File.ReadLines(Path.Combine(AppContext.BaseDirectory, "Spec", "events.tsv")).Where(l => l.Length > 0 && l[0] != '#').ToArray();
        Assert.True(rows.Length >= 150, $"{rows.Length} rows");
        string[] types = ["AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"];
        var covered = rows.Select(r => r.Split('\t')[2]).SelectMany(e => e.Split(';')).Select(e => e.Split(' ')[0]).ToHashSet(StringComparer.Ordinal);
        var missing = types.Where(t => !covered.Contains(t)).ToArray();
        output.WriteLine("types not in the spec: " + string.Join(", ", missing));
        Assert.True(missing.Length <= 2, "missing types: " + string.Join(", ", missing));
    }

    [Fact]
    public void Gap_rows_are_reported()
    {
        foreach (var row in Rows("gap"))
        {
            var (id, text, expected) = row.Data;
            var actual = TestPipelines.Describe(TestPipelines.Sentences.Run(text));
            output.WriteLine($"gap {id}: {(string.Join(";", actual) == expected ? "now passes" : "still open")}: «{text}» expected {expected}, got {string.Join("; ", actual)}");
        }
    }
}
