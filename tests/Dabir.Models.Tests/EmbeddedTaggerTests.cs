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
