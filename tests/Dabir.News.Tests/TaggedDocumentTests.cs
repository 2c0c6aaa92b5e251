using System.Buffers;
using System.Text.Json;
using Dabir.Models;
using Dabir.News.Json;
using Dabir.News.Structure;
using Dabir.Pipeline;
using Dabir.Text;

namespace Dabir.News.Tests;

/// <summary>The tagging stage of the document record: UPOS and lemmas on tokens, named entities with source spans.</summary>
public sealed class TaggedDocumentTests
{
    private static readonly ArticleAnalyzer Tagging = new(new DocumentPipelineBuilder().UseArticleReading().UseSegmentation()
        .UseTaggers().UseLemmas().UseEntityMentions().Build());
    private static readonly ArticleAnalyzer Segmenting = new(new DocumentPipelineBuilder().UseArticleReading().UseSegmentation().Build());
    private static readonly HashSet<string> Labels = new(StringComparer.Ordinal) { "PER", "ORG", "LOC", "FAC", "EVENT", "DATE", "TIME", "MONEY", "PERCENT" };
    private static readonly HashSet<string> Upos = new(StringComparer.Ordinal)
    {
        "ADJ", "ADP", "ADV", "AUX", "CCONJ", "DET", "INTJ", "NOUN", "NUM", "PART", "PRON", "PROPN", "PUNCT", "SCONJ", "SYM", "VERB", "X",
    };

    private const string Sample = "دیدار وزیر خارجه ایران با دبیرکل سازمان ملل\n"
        + "حسین امیرعبداللهیان وزیر امور خارجه کشورمان روز دوشنبه در نیویورک با آنتونیو گوترش دبیرکل سازمان ملل متحد دیدار کرد.\n"
        + "به گزارش خبرگزاری مهر، دو طرف درباره وضعیت غزه و کمک‌های انسانی گفت‌وگو کردند. گوترش خواستار آتش‌بس فوری شد.\n";

    private static NewsDocument Example() =>
        Tagging.Analyze(ArticleInput.FromText("article.txt", File.ReadAllText(SharedData.PathOf("data/example/article.txt")), null));

    [Fact]
    public void Entities_of_the_example_article_slice_the_source_to_their_text_inside_one_sentence()
    {
        var doc = Example();
        Assert.NotEmpty(doc.Entities);
        int previousEnd = -1;
        foreach (var e in doc.Entities)
        {
            Assert.Contains(e.Label, Labels);
            Assert.True(e.TokenCount >= 1);
            var first = doc.Tokens[e.FirstToken];
            var last = doc.Tokens[e.FirstToken + e.TokenCount - 1];
            Assert.Equal(TextSpan.FromBounds(first.Span.Start, last.Span.End), e.Span);
            // The crawled slice is the mention with its half-spaces and letters as crawled: the same up to repair.
            Assert.Equal(TextFold.Key(e.Text), TextFold.Key(doc.SourceText.AsSpan(e.Span.Start, e.Span.Length)));
            Assert.StartsWith(first.Form, e.Text, StringComparison.Ordinal);
            Assert.EndsWith(last.Form, e.Text, StringComparison.Ordinal);
            // In text order, never overlapping, never across a sentence.
            Assert.True(e.FirstToken > previousEnd);
            previousEnd = e.FirstToken + e.TokenCount - 1;
            var sentence = Assert.Single(doc.Sentences, s => s.FirstToken <= e.FirstToken && e.FirstToken < s.FirstToken + s.TokenCount);
            Assert.True(e.FirstToken + e.TokenCount <= sentence.FirstToken + sentence.TokenCount);
        }
    }

    [Fact]
    public void Every_token_of_the_example_article_carries_a_upos_tag_and_a_lemma()
    {
        var doc = Example();
        Assert.NotEmpty(doc.Tokens);
        Assert.All(doc.Tokens, t =>
        {
            Assert.Contains(t.Upos!, Upos);
            Assert.False(string.IsNullOrEmpty(t.Lemma));
        });
        Assert.Contains(doc.Tokens, t => t.Upos == "VERB");
        Assert.Contains(doc.Tokens, t => t.Upos == "PROPN");
    }

    [Fact]
    public void Tokens_carry_perdt_xpos_consistent_with_their_upos()
    {
        var doc = Example();
        Assert.All(doc.Tokens, t => Assert.False(string.IsNullOrEmpty(t.Xpos)));
        // PerDT's fine tags refine the universal ones: verbs are V_* (or AUX, which PerDT also gives copular verbs),
        // nouns N_*, punctuation PUNC.
        Assert.All(doc.Tokens.Where(t => t.Upos == "VERB"), t => Assert.True(t.Xpos!.StartsWith("V_", StringComparison.Ordinal) || t.Xpos.StartsWith("AUX", StringComparison.Ordinal), t.Xpos));
        Assert.All(doc.Tokens.Where(t => t.Upos == "NOUN"), t => Assert.StartsWith("N_", t.Xpos!, StringComparison.Ordinal));
        Assert.All(doc.Tokens.Where(t => t.Upos == "PUNCT"), t => Assert.Equal("PUNC", t.Xpos));
    }

    [Fact]
    public void Example_article_entities_are_measured_against_the_gold_list()
    {
        var doc = Example();
        var found = doc.Entities.Select(e => (e.Text, e.Label)).ToHashSet();
        var gold = File.ReadLines(SharedData.PathOf("data/example/article.entities.tsv"))
            .Where(l => l.Length > 0 && l[0] != '#')
            .Select(l => l.Split('\t'))
            .Where(f => Labels.Contains(f[1]))
            .Select(f => (Text: f[0], Label: f[1]))
            .ToList();
        int hits = gold.Count(found.Contains);
        TestContext.Current.TestOutputHelper?.WriteLine($"gold entities found (same text and label): {hits} of {gold.Count}");
        // A floor well under today's figure (docs/news.md): the stage must find most names of a plain news story.
        Assert.True(2 * hits >= gold.Count, $"{hits} of {gold.Count}");
    }

    [Fact]
    public void A_token_split_into_host_and_clitic_takes_the_host_words_tag_and_lemma()
    {
        var doc = Tagging.Analyze(ArticleInput.FromText("x.txt", Sample, null));
        var token = Assert.Single(doc.Tokens, t => t.Form == "کشورمان");
        Assert.Equal("کشور", token.Lemma);
        Assert.Equal("NOUN", token.Upos);
    }

    [Fact]
    public void Tagging_finds_the_people_and_places_of_a_short_story()
    {
        var doc = Tagging.Analyze(ArticleInput.FromText("x.txt", Sample, null));
        Assert.Contains(doc.Entities, e => e.Label == "PER" && e.Text == "حسین امیرعبداللهیان");
        Assert.Contains(doc.Entities, e => e.Label == "LOC" && e.Text == "غزه");
    }

    [Fact]
    public void Without_annotators_tokens_are_untagged_and_there_are_no_entities()
    {
        var doc = Segmenting.Analyze(ArticleInput.FromText("x.txt", Sample, null));
        Assert.NotEmpty(doc.Tokens);
        Assert.All(doc.Tokens, t => Assert.Null(t.Upos));
        Assert.Empty(doc.Entities);
        var structure = new ArticleAnalyzer().Analyze(ArticleInput.FromText("x.txt", Sample, null));
        Assert.Empty(structure.Tokens);
        Assert.Empty(structure.Sentences);
        Assert.Empty(structure.Entities);
    }

    [Fact]
    public void Tagged_records_are_identical_on_every_thread()
    {
        string text = File.ReadAllText(SharedData.PathOf("data/example/article.txt"));
        var expected = Json(Tagging.Analyze(ArticleInput.FromText("a.txt", text, null)));
        var results = new string[8];
        Parallel.For(0, results.Length, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i =>
            results[i] = Json(Tagging.Analyze(ArticleInput.FromText("a.txt", text, null))));
        Assert.All(results, r => Assert.Equal(expected, r));
    }

    [Fact]
    public void Tagged_json_follows_the_schema_and_round_trips_the_entities()
    {
        var validator = SchemaValidator.ForDocumentSchema();
        foreach (var doc in new[] { Example(), new ArticleAnalyzer().Analyze(ArticleInput.FromText("x.txt", Sample, null)) })
        {
            using var parsed = JsonDocument.Parse(Json(doc));
            var root = parsed.RootElement;
            Assert.Empty(validator.Validate(root));
            var entities = root.GetProperty("entities").EnumerateArray().Select(e => new NamedEntity(
                e.GetProperty("text").GetString()!, e.GetProperty("label").GetString()!,
                TextSpan.FromBounds(e.GetProperty("span").GetProperty("start").GetInt32(), e.GetProperty("span").GetProperty("end").GetInt32()),
                e.GetProperty("firstToken").GetInt32(), e.GetProperty("tokenCount").GetInt32())).ToList();
            Assert.Equal(doc.Entities, entities);
            var upos = root.GetProperty("tokens").EnumerateArray().Select(t => t.GetProperty("upos").GetString()).ToList();
            Assert.Equal(doc.Tokens.Select(t => t.Upos), upos);
        }
    }

    [Fact]
    public void The_schema_validator_rejects_what_the_schema_forbids()
    {
        var validator = SchemaValidator.ForDocumentSchema();
        using var parsed = JsonDocument.Parse(Json(Example()));
        var node = System.Text.Json.Nodes.JsonNode.Parse(parsed.RootElement.GetRawText())!;
        node["entities"]![0]!["label"] = "ROLE";
        node["tokens"]![0]!["extra"] = 1;
        using var broken = JsonDocument.Parse(node.ToJsonString());
        var errors = validator.Validate(broken.RootElement);
        Assert.Contains(errors, e => e.StartsWith("$.entities[0].label", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("extra is not declared", StringComparison.Ordinal));
    }

    private static string Json(NewsDocument doc)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, DocumentJsonWriter.Options(false)))
        {
            DocumentJsonWriter.Write(writer, doc);
        }
        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
