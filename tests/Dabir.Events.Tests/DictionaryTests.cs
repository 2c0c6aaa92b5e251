using Dabir.Pipeline;

namespace Dabir.Events.Tests;

/// <summary>The compiled dictionary: folded aliases, user files, errors, determinism.</summary>
public sealed class DictionaryTests
{
    [Theory]
    [InlineData("آسه‌آن")]
    [InlineData("آسهآن")]
    [InlineData("آسه آن")]
    [InlineData("آسۀآن")]
    public void Alias_spellings_fold_to_one_key(string alias) =>
        Assert.Contains(ActorDictionary.Default.Find(alias), r => r.Cameo == "IGOSEAASN");

    [Fact]
    public void Arabic_letter_variants_and_diacritics_do_not_matter() =>
        Assert.Equal(Fold.Key("رئیس‌جمهور آمریکا"), Fold.Key("رئيس جمهور آمريكا"));

    [Fact]
    public void Shipped_resource_matches_the_shared_tables()
    {
        string extra = Path.Combine(AppContext.BaseDirectory, "actors-extra.tsv");
        var compiled = ActorDictionary.FromFolder(SharedData.PathOf("data/events/actors"), extra);
        using var a = new MemoryStream();
        using var b = new MemoryStream();
        compiled.Write(a);
        ActorDictionary.Default.Write(b);
        Assert.Equal(a.ToArray(), b.ToArray());
    }

    [Fact]
    public void User_file_extends_and_overrides()
    {
        string path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, "#alias_fa\tactor_id\tcanonical_en\tcameo_code\tkind\tnotes\nکشور خیالی\tXYZ\tImaginaria\tXYZ\tcountry\t\nآسه‌آن\tXYZ\tImaginaria\tXYZ\tcountry\toverride\n");
            var user = ActorDictionary.Default.WithUserFile(path);
            Assert.Contains(user.Find("کشور خیالی"), r => r.Country == "XYZ");
            Assert.All(user.Find("آسه آن"), r => Assert.Equal("XYZ", r.Country));
            var stage = new ActorStage(user);
            var doc = new DocumentPipelineBuilder().UseRepair().UseSegmentation().UseLemmas().Add(stage).UseEvents().Build().Run("کشور خیالی آمریکا را محکوم کرد.");
            Assert.Contains(doc.Get<EventMentions>().Items, e => e.Actor.Country == "XYZ" && e.Type == "ACCUSE");
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Malformed_line_names_file_and_line()
    {
        string path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, "# people\nفلانی\tfulan\tFulan\tIRN\tMinister\tIRNGOV\t2020-13\t\t\n");
            var e = Assert.Throws<ActorDictionaryException>(() => ActorDictionary.Default.WithUserFile(path));
            Assert.Contains($"{path}:2:", e.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Person_is_coded_by_the_article_date()
    {
        var rows = ActorDictionary.Default.Find("امیرعبداللهیان").ToArray();
        Assert.Contains(rows, r => r.Kind == ActorKind.Person && r.Cameo == "IRNGOV" && r.Start == 2021 * 12 + 7);
    }
}
