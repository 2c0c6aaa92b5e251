using Dabir.Models.Features;
using Dabir.Models.Tagging;
using Dabir.Models.Training;

namespace Dabir.Models.Tests;

public class XposTaggerTests
{
    private static readonly string[] Sentence = ["رئیس‌جمهور", "دیروز", "با", "دانشجویان", "این", "دانشگاه", "دیدار", "کرد", "."];

    private static string[] TagWith(PosConvention convention, string[] tokens)
    {
        var upos = new UniversalPos[tokens.Length];
        PosTagger.Default.Tag(tokens, upos, convention);
        var xpos = new string[tokens.Length];
        XposTagger.For(convention).Tag(tokens, upos, xpos);
        return xpos;
    }

    [Fact]
    public void PerDT_model_loads_and_gives_perdt_tags_to_a_news_sentence()
    {
        var tagger = XposTagger.For(PosConvention.PerDT);
        Assert.Equal(PosConvention.PerDT, tagger.Convention);
        Assert.Contains("N_IANM", tagger.Tags);
        Assert.Contains("PR_SEPER", tagger.Tags);
        var xpos = TagWith(PosConvention.PerDT, Sentence);
        Assert.Equal("PREP", xpos[2]);
        Assert.Equal("N_ANM", xpos[3]);       // students: animate
        Assert.Equal("PREM_DEMAJ", xpos[4]);  // demonstrative before a noun
        Assert.Equal("N_IANM", xpos[5]);
        Assert.Equal("V_ACT", xpos[7]);
        Assert.Equal("PUNC", xpos[8]);
    }

    [Fact]
    public void Seraji_model_gives_seraji_tags_including_number_and_the_object_clitic()
    {
        var tagger = XposTagger.For(PosConvention.Seraji);
        Assert.Equal(PosConvention.Seraji, tagger.Convention);
        string[] tokens = ["دانشجویان", "کتاب", "را", "خواندند", "."];
        var xpos = TagWith(PosConvention.Seraji, tokens);
        Assert.Equal(["N_PL", "N_SING", "CLITIC", "V_PA", "DELM"], xpos);
    }

    [Fact]
    public void Convention_switch_changes_the_tag_set()
    {
        var perdt = TagWith(PosConvention.PerDT, Sentence);
        var seraji = TagWith(PosConvention.Seraji, Sentence);
        Assert.All(perdt, t => Assert.Contains(t, XposTagger.For(PosConvention.PerDT).Tags));
        Assert.All(seraji, t => Assert.Contains(t, XposTagger.For(PosConvention.Seraji).Tags));
        Assert.Equal("PREP", perdt[2]);
        Assert.Equal("P", seraji[2]);
        Assert.Throws<ArgumentOutOfRangeException>(() => XposTagger.For(PosConvention.IPerUdt));
    }

    [Fact]
    public void Xpos_follows_the_upos_it_is_given()
    {
        var tagger = XposTagger.For(PosConvention.PerDT);
        Assert.Equal(["N_ANM", "N_IANM"], tagger.TagsCompatibleWith(UniversalPos.NOUN).Order(StringComparer.Ordinal));
        var xpos = TagWith(PosConvention.PerDT, Sentence);
        var upos = new UniversalPos[Sentence.Length];
        PosTagger.Default.Tag(Sentence, upos, PosConvention.PerDT);
        for (int i = 0; i < Sentence.Length; i++)
        {
            Assert.Contains(xpos[i], tagger.TagsCompatibleWith(upos[i]));
        }
    }

    [Fact]
    public void Tagging_is_the_same_with_and_without_zwnj_and_repeatable()
    {
        string[] stripped = [.. Sentence.Select(t => t.Replace("\u200C", "", StringComparison.Ordinal))];
        Assert.Equal(XposTagger.For(PosConvention.PerDT).Tag(Sentence), XposTagger.For(PosConvention.PerDT).Tag(stripped));
        Assert.Equal(XposTagger.For(PosConvention.Seraji).Tag(Sentence), XposTagger.For(PosConvention.Seraji).Tag(Sentence));
    }

    /// <summary>A synthetic 40-tag task (more than a 32-bit tag set holds): training with single gold tags must learn
    /// it, deterministically, and the model must survive the XPOS file round trip with its UPOS masks.</summary>
    [Fact]
    public void More_than_32_tags_train_with_single_gold_tags_and_round_trip()
    {
        string[] tags = [.. Enumerable.Range(0, 40).Select(i => $"T{i:00}")];
        string[] words = [.. Enumerable.Range(0, 40).Select(i => new string((char)('آ' + (i % 20)), 1 + (i / 20)) + "ک")];
        var sentences = new List<TrainingSentence>();
        for (int s = 0; s < 40; s++)
        {
            int[] ids = [s, (s + 7) % 40, (s + 13) % 40];
            sentences.Add(new TrainingSentence([.. ids.Select(i => words[i])], [], "synthetic") { Gold = ids });
        }
        SequenceModel TrainOnce() => new PerceptronTrainer(tags, new TrainerOptions { Epochs = 6, Seed = 5, MinFeatureCount = 1, PruneBelow = 0 })
            .Train(sentences, TaggerLexicon.Empty, "xpos-test", "synthetic");
        var masks = new ulong[Enum.GetValues<UniversalPos>().Length];
        masks[(int)UniversalPos.NOUN] = (1UL << 35) | (1UL << 36);
        var tagger = new XposTagger(TrainOnce(), PosConvention.PerDT, 0, masks);
        using var buffer = new MemoryStream();
        tagger.Save(buffer);
        byte[] first = buffer.ToArray();
        using var again = new MemoryStream();
        new XposTagger(TrainOnce(), PosConvention.PerDT, 0, masks).Save(again);
        Assert.Equal(first, again.ToArray());

        // Through a file, as `dabir eval pos --xpos-model` loads it.
        string path = Path.Combine(Path.GetTempPath(), $"dabir-xpos-test-{Environment.ProcessId}.bin.br");
        File.WriteAllBytes(path, first);
        XposTagger loaded;
        try
        {
            loaded = XposTagger.Load(path);
        }
        finally
        {
            File.Delete(path);
        }
        string[] tokens = [words[38], words[2], words[39]];
        var output = new string[3];
        loaded.Tag(tokens, [], output);
        Assert.Equal(["T38", "T02", "T39"], output);
        // NOUN allows only T35/T36: the decoder must pick one of them for the constrained token.
        loaded.Tag(tokens, [UniversalPos.X, UniversalPos.NOUN, UniversalPos.X], output);
        Assert.Contains(output[1], (string[])["T35", "T36"]);
        Assert.Equal("T38", output[0]);
    }
}
