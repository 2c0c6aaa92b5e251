using Dabir.Models.Features;
using Dabir.Models.Tagging;
using Dabir.Models.Training;

namespace Dabir.Models.Tests;

public class EmbeddedTaggerTests
{
    [Fact]
    public void Pos_tagger_loads_and_tags_a_news_sentence_sensibly()
    {
        string[] tokens = ["رئیس‌جمهور", "دیروز", "به", "تهران", "سفر", "کرد", "."];
        var tags = new UniversalPos[tokens.Length];
        PosTagger.Default.Tag(tokens, tags);
        Assert.Equal(UniversalPos.ADP, tags[2]);
        Assert.Equal(UniversalPos.PROPN, tags[3]);
        Assert.Equal(UniversalPos.VERB, tags[5]);
        Assert.Equal(UniversalPos.PUNCT, tags[6]);
    }

    [Fact]
    public void Pos_tagger_gives_the_same_tags_with_and_without_zwnj()
    {
        string[] withZwnj = ["کتاب‌ها", "را", "می‌خوانند", "."];
        string[] stripped = [.. withZwnj.Select(t => t.Replace("\u200C", "", StringComparison.Ordinal))];
        Assert.Equal(PosTagger.Default.Tag(withZwnj), PosTagger.Default.Tag(stripped));
    }

    [Fact]
    public void Upos_model_was_trained_against_the_embedded_ner_model()
    {
        // The UPOS model reads the NER tagger's labels; retraining NER without retraining UPOS would feed it tags
        // from a model it never saw. Retrain with `dabir train pos` after `dabir train ner`.
        Assert.True(PosTagger.Default.UsesEntityTags);
        Assert.Contains(NerTagger.Default.Checksum, PosTagger.Default.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void Upos_model_refuses_the_tags_of_a_ner_model_it_was_not_trained_on()
    {
        // A NER model that is not the embedded one: trained here on two sentences.
        TrainingSentence Sentence(string[] tokens, string[] tags) =>
            new(tokens, [.. tags.Select(t => 1u << Array.IndexOf(NerTagger.BioTags, t))], "test");
        var other = new PerceptronTrainer(NerTagger.BioTags, new TrainerOptions { Epochs = 2, MinFeatureCount = 1, PruneBelow = 0 })
            .Train([Sentence(["علی", "آمد"], ["B-PER", "O"]), Sentence(["به", "تهران"], ["O", "B-LOC"])], TaggerLexicon.Empty, "ner", "test");
        using var bytes = new MemoryStream();
        other.Save(bytes);
        var otherTagger = new NerTagger(SequenceModel.Load(new MemoryStream(bytes.ToArray())));
        var error = Assert.Throws<InvalidDataException>(() => new PosTagger(SequenceModel.LoadEmbedded("upos"), otherTagger));
        Assert.Contains("dabir train pos", error.Message, StringComparison.Ordinal);
        Assert.True(new PosTagger(SequenceModel.LoadEmbedded("upos"), NerTagger.Default).UsesEntityTags);
    }

    [Fact]
    public void Upos_with_given_entity_tags_equals_upos_that_runs_the_entity_tagger_itself()
    {
        string[] tokens = ["سازمان", "ملل", "متحد", "از", "دولت", "ژاپن", "و", "علی", "لاریجانی", "تشکر", "کرد", "."];
        var entities = new EntityTag[tokens.Length];
        NerTagger.Default.Tag(tokens, entities);
        var given = new UniversalPos[tokens.Length];
        var own = new UniversalPos[tokens.Length];
        PosTagger.Default.Tag(tokens, given, PosConvention.PerDT, entities);
        PosTagger.Default.Tag(tokens, own, PosConvention.PerDT);
        Assert.Equal(own, given);
        Assert.Equal(UniversalPos.PROPN, own[8]);
    }

    [Fact]
    public void Long_and_empty_sentences_tag_the_same_through_every_entry_point()
    {
        // Over 256 tokens the taggers rent heap buffers instead of stack ones.
        string[] words = ["سازمان", "ملل", "متحد", "در", "تهران", "نشست", "داشت", "و", "علی", "لاریجانی", "گفت", "."];
        string[] tokens = [.. Enumerable.Range(0, 300).Select(i => words[i % words.Length])];
        var entities = new EntityTag[tokens.Length];
        var together = new UniversalPos[tokens.Length];
        PosTagger.Default.TagWithEntities(tokens, together, entities, PosConvention.PerDT, NerTagger.Default);
        var alone = new UniversalPos[tokens.Length];
        PosTagger.Default.Tag(tokens, alone, PosConvention.PerDT);
        var nerAlone = new EntityTag[tokens.Length];
        NerTagger.Default.Tag(tokens, nerAlone);
        Assert.Equal(alone, together);
        Assert.Equal(nerAlone, entities);
        Assert.Contains(UniversalPos.PROPN, alone);

        PosTagger.Default.TagWithEntities([], [], [], PosConvention.PerDT, NerTagger.Default);
        PosTagger.Default.Tag([], Span<UniversalPos>.Empty, PosConvention.Seraji);
    }

    [Fact]
    public void An_endless_sentence_is_tagged_in_windows_and_every_token_gets_its_tags()
    {
        // A crawled line without punctuation can be one "sentence" of any length; the annotator tags it in bounded
        // windows. Every token still gets UPOS, NER and XPOS, and a window's tags equal those of the same words alone.
        string[] words = ["سازمان", "ملل", "متحد", "در", "تهران", "نشست", "داشت", "و", "علی", "لاریجانی", "گفت"];
        string[] tokens = [.. Enumerable.Range(0, 2500).Select(i => words[i % words.Length])];
        var stage = new TaggingStage();
        var all = Tag(stage, tokens);
        Assert.All(all.Xpos, x => Assert.False(string.IsNullOrEmpty(x)));
        Assert.Contains(all.Entities, e => e.IsEntity);
        var tail = Tag(stage, tokens[2048..]);
        Assert.Equal(tail.Upos, all.Upos[2048..]);
        Assert.Equal(tail.Entities, all.Entities[2048..]);
    }

    // Tags one "sentence" of given words through the stage, as `dabir tag` does.
    private static (UniversalPos[] Upos, string?[] Xpos, EntityTag[] Entities) Tag(TaggingStage stage, string[] words)
    {
        var segmented = Dabir.Segmentation.SegmentedText.FromTokens([words]);
        var document = new Dabir.Pipeline.AnalysisDocument(segmented.Text.Text);
        document.Set(segmented);
        stage.Run(document, TestContext.Current.CancellationToken);
        var pos = document.Get<PosTags>();
        return (pos.Upos, pos.Xpos, document.Get<EntityTags>().Tags);
    }

    [Fact]
    public void Seraji_convention_never_emits_proper_nouns()
    {
        string[] tokens = ["علی", "به", "تهران", "رفت", "."];
        var tags = new UniversalPos[tokens.Length];
        PosTagger.Default.Tag(tokens, tags, PosConvention.Seraji);
        Assert.DoesNotContain(UniversalPos.PROPN, tags);
    }

    [Fact]
    public void Ner_tagger_finds_a_person_and_a_location()
    {
        string[] tokens = ["حسن", "روحانی", "امروز", "به", "مشهد", "رفت", "."];
        var entities = NerTagger.Default.FindEntities(tokens);
        Assert.Contains(new EntityMention(0, 2, EntityLabel.Person), entities);
        Assert.Contains(new EntityMention(4, 5, EntityLabel.Location), entities);
    }

    [Fact]
    public void Ner_tags_print_in_bio_form()
    {
        Assert.Equal("B-ORG", new EntityTag(EntityLabel.Organization, true).ToString());
        Assert.Equal("I-PERCENT", new EntityTag(EntityLabel.Percent, false).ToString());
        Assert.Equal("O", default(EntityTag).ToString());
    }
}
