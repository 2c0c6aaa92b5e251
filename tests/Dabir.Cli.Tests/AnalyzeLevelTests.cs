using System.Text.Json;

namespace Dabir.Cli.Tests;

/// <summary><c>dabir analyze --level structure|tokens|full</c> as a user runs it.</summary>
public sealed class AnalyzeLevelTests
{
    private static string RepoFile(string relative)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Dabir.slnx")))
            {
                return Path.Combine(dir.FullName, relative);
            }
        }
        throw new FileNotFoundException("repository root not found", relative);
    }

    private static JsonElement AnalyzeSample(params string[] options)
    {
        var result = DabirProcess.Run((byte[]?)null, ["analyze", RepoFile("samples/article.txt"), "--format", "json", .. options]);
        Assert.True(result.ExitCode == 0, result.Stderr);
        using var doc = JsonDocument.Parse(result.Stdout);
        return doc.RootElement.Clone();
    }

    [Fact]
    public void The_default_level_is_full_tokens_carry_upos_and_lemmas_and_entities_slice_the_source()
    {
        var root = AnalyzeSample();
        string source = root.GetProperty("sourceText").GetString()!;
        var tokens = root.GetProperty("tokens");
        Assert.True(tokens.GetArrayLength() > 0);
        Assert.All(tokens.EnumerateArray(), t =>
        {
            Assert.False(string.IsNullOrEmpty(t.GetProperty("upos").GetString()));
            Assert.False(string.IsNullOrEmpty(t.GetProperty("lemma").GetString()));
        });
        var entities = root.GetProperty("entities");
        Assert.True(entities.GetArrayLength() > 0);
        foreach (var e in entities.EnumerateArray())
        {
            int start = e.GetProperty("span").GetProperty("start").GetInt32(), end = e.GetProperty("span").GetProperty("end").GetInt32();
            var first = tokens[e.GetProperty("firstToken").GetInt32()];
            var last = tokens[e.GetProperty("firstToken").GetInt32() + e.GetProperty("tokenCount").GetInt32() - 1];
            Assert.Equal(first.GetProperty("span").GetProperty("start").GetInt32(), start);
            Assert.Equal(last.GetProperty("span").GetProperty("end").GetInt32(), end);
            // The sample's half-spaces are stripped: the crawled slice is the repaired mention without them.
            Assert.Equal(e.GetProperty("text").GetString()!.Replace("\u200C", "", StringComparison.Ordinal), source[start..end].Replace("\u200C", "", StringComparison.Ordinal));
        }
        // The sample is about the minister of energy opening power plants in Kerman province.
        Assert.Contains(entities.EnumerateArray(), e => e.GetProperty("label").GetString() == "LOC" && e.GetProperty("text").GetString()!.Contains("کرمان", StringComparison.Ordinal));
    }

    [Fact]
    public void Level_structure_leaves_sentences_tokens_and_entities_empty()
    {
        var root = AnalyzeSample("--level", "structure");
        Assert.Equal(0, root.GetProperty("sentences").GetArrayLength());
        Assert.Equal(0, root.GetProperty("tokens").GetArrayLength());
        Assert.Equal(0, root.GetProperty("entities").GetArrayLength());
        Assert.Equal("isna", root.GetProperty("agency").GetProperty("id").GetString());
    }

    [Theory]
    [InlineData("--level", "tokens")]
    [InlineData("--segment", null)]
    public void Level_tokens_and_its_old_spelling_fill_untagged_tokens(string option, string? value)
    {
        var root = value is null ? AnalyzeSample(option) : AnalyzeSample(option, value);
        Assert.True(root.GetProperty("sentences").GetArrayLength() > 0);
        Assert.All(root.GetProperty("tokens").EnumerateArray(), t => Assert.Equal(JsonValueKind.Null, t.GetProperty("upos").ValueKind));
        Assert.Equal(0, root.GetProperty("entities").GetArrayLength());
    }

    [Fact]
    public void An_unknown_level_is_a_usage_error()
    {
        var result = DabirProcess.Run((byte[]?)null, "analyze", RepoFile("samples/article.txt"), "--level", "everything");
        Assert.Equal(1, result.ExitCode);
    }

    [Fact]
    public void A_tagged_batch_keeps_input_order_and_is_identical_on_one_and_two_threads()
    {
        // Articles of different lengths so that workers finish out of order.
        var lines = File.ReadAllLines(RepoFile("samples/article.txt")).Where(l => l.Trim().Length > 0).ToArray();
        string folder = Path.Combine(Path.GetTempPath(), "dabir-levels-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            for (int i = 0; i < 12; i++)
            {
                var body = lines.Skip(1).Take(1 + (i * 5 % lines.Length)).Concat(lines.Skip(1).Take(i % 3));
                File.WriteAllLines(Path.Combine(folder, $"a{i:D2}.txt"), [lines[0], "", .. body]);
            }
            var one = DabirProcess.Run((byte[]?)null, "analyze", folder, "-j", "1", "-q");
            var two = DabirProcess.Run((byte[]?)null, "analyze", folder, "-j", "2", "-q");
            Assert.True(one.ExitCode == 0, one.Stderr);
            Assert.True(two.ExitCode == 0, two.Stderr);
            Assert.Equal(one.Text, two.Text);
            var records = one.Text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l)).ToList();
            Assert.Equal(12, records.Count);
            Assert.Equal(Enumerable.Range(0, 12).Select(i => $"a{i:D2}.txt"), records.Select(r => r.RootElement.GetProperty("id").GetString()));
            Assert.All(records, r => Assert.True(r.RootElement.GetProperty("entities").GetArrayLength() > 0));
            records.ForEach(r => r.Dispose());
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
