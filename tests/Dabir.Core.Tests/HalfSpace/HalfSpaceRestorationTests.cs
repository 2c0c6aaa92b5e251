using System.Text;
using Dabir.Repair;
using Dabir.Repair.HalfSpace;
using Dabir.Text;

namespace Dabir.Core.Tests.HalfSpace;

/// <summary>Half-space restoration: the fixed regression sample, traps, merges, alignment, idempotence, hamza and the model format.</summary>
public class HalfSpaceRestorationTests
{
    private static readonly PersianNormalizer Normalizer = new();

    public static TheoryData<string, string> Sample()
    {
        var data = new TheoryData<string, string>();
        var path = Path.Combine(AppContext.BaseDirectory, "HalfSpace", "regression.tsv");
        foreach (var line in File.ReadLines(path, Encoding.UTF8))
        {
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }
            var columns = line.Split('\t');
            data.Add(columns[0], columns[1]);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Sample))]
    public void Regression_sample_is_restored(string input, string expected)
    {
        var once = Normalizer.Normalize(input);
        Assert.Equal(expected, once);
        Assert.Equal(once, Normalizer.Normalize(once));
    }

    [Theory]
    [InlineData("بیمارستان")]
    [InlineData("بیش")]
    [InlineData("دبیرکل")]
    [InlineData("امیرعبداللهیان")]
    public void Joined_words_and_names_are_never_split(string word) => Assert.Equal(word, Normalizer.Normalize(word));

    [Theory]
    [InlineData("نام‌های")]
    [InlineData("نامه‌ای")]
    [InlineData("کتاب‌خانه")]
    public void An_existing_half_space_is_never_removed_or_moved(string word) => Assert.Equal(word, Normalizer.Normalize(word));

    [Fact]
    public void Inserted_half_space_has_an_empty_source_range_and_a_replaced_space_keeps_its_own()
    {
        const string inserted = "نامههای";
        var aligned = Normalizer.NormalizeAligned(inserted);
        Assert.Equal("نامه‌های", aligned.Text);
        int zwnj = aligned.Text.IndexOf(PersianChars.Zwnj, StringComparison.Ordinal);
        Assert.Equal(aligned.SourceStart(zwnj), aligned.SourceEnd(zwnj));
        Assert.Equal(4, aligned.SourceStart(zwnj));

        const string spaced = "نامه های";
        aligned = Normalizer.NormalizeAligned(spaced);
        Assert.Equal("نامه‌های", aligned.Text);
        zwnj = aligned.Text.IndexOf(PersianChars.Zwnj, StringComparison.Ordinal);
        Assert.Equal(4, aligned.SourceStart(zwnj));
        Assert.Equal(5, aligned.SourceEnd(zwnj));
    }

    [Fact]
    public void Restoration_can_be_switched_off()
    {
        var off = new PersianNormalizer(new NormalizerOptions { RestoreHalfSpaces = false, JoinSpacedAffixes = false });
        Assert.Equal("نامههای جداگانه", off.Normalize("نامههای جداگانه"));
    }

    [Fact]
    public void Hamza_is_restored_only_when_asked()
    {
        var hamza = new PersianNormalizer(new NormalizerOptions { RestoreHamza = true });
        Assert.Equal("رؤسای سازمان‌ها", hamza.Normalize("روسای سازمانها"));
        Assert.Equal("اقدامات مؤثرتری", hamza.Normalize("اقدامات موثرتری"));
        Assert.Equal("روسای سازمان‌ها", Normalizer.Normalize("روسای سازمانها"));
    }

    [Fact]
    public void Example_article_is_restored_exactly()
    {
        var input = File.ReadAllText(SharedData.PathOf("data/example/article.txt"));
        var gold = File.ReadAllText(SharedData.PathOf("data/example/article.restored.txt"));
        Assert.Equal(gold, Normalizer.Normalize(input));
        var hamzaGold = File.ReadAllText(SharedData.PathOf("data/example/article.restored-hamza.txt"));
        Assert.Equal(hamzaGold, new PersianNormalizer(new NormalizerOptions { RestoreHamza = true }).Normalize(input));
    }

    [Fact]
    public void Model_round_trips_to_the_same_bytes()
    {
        var model = EmbeddedHalfSpaceModel.Instance;
        using var first = new MemoryStream();
        model.Write(first);
        first.Position = 0;
        var reread = HalfSpaceModel.Read(first);
        using var second = new MemoryStream();
        reread.Write(second);
        Assert.Equal(first.ToArray(), second.ToArray());
        Assert.True(model.Words.Count > 100_000);
    }

    [Fact]
    public void Folding_maps_key_positions_back_to_the_written_word()
    {
        Span<char> key = stackalloc char[HalfSpaceText.MaxKeyLength];
        Span<int> map = stackalloc int[HalfSpaceText.MaxKeyLength];
        int n = HalfSpaceText.Fold("رؤسا\u200cی\u064E", key, map, out ulong mask);
        Assert.Equal("روسای", key[..n].ToString());
        Assert.Equal(5, map[4]);
        Assert.Equal(1UL << 4, mask);
    }
}
