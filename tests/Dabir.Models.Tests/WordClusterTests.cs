using Dabir.Models.Features;
using Dabir.Models.Training;

namespace Dabir.Models.Tests;

public class WordClusterTests
{
    /// <summary>A synthetic corpus with two word classes that occur in disjoint contexts: city names after «به»
    /// and before «رفت», foods after «یک» and before «خورد».</summary>
    private static List<IReadOnlyList<string>> Corpus()
    {
        string[] cities = ["تهران", "مشهد", "شیراز", "تبریز", "اصفهان", "کرج", "قم", "یزد"];
        string[] foods = ["سیب", "نان", "پنیر", "برنج", "انار", "خرما", "گردو", "کشمش"];
        string[] subjects = ["او", "علی", "مریم", "ما"];
        var sentences = new List<IReadOnlyList<string>>();
        foreach (var subject in subjects)
        {
            foreach (var city in cities)
            {
                sentences.Add([subject, "دیروز", "به", city, "رفت", "."]);
            }
            foreach (var food in foods)
            {
                sentences.Add([subject, "امروز", "یک", food, "خورد", "."]);
            }
        }
        return sentences;
    }

    private static uint ClusterOf(Dictionary<uint, uint> clusters, string word) =>
        clusters.GetValueOrDefault(FeatureHash.Key32(FeatureHash.OfChars(word)));

    [Fact]
    public void Words_in_the_same_contexts_share_a_top_level_cluster_and_the_classes_differ()
    {
        var clusters = WordClusters.Learn(Corpus(), seed: 5);
        uint city = ClusterOf(clusters, "تهران") >> 8, food = ClusterOf(clusters, "سیب") >> 8;
        Assert.NotEqual(0u, city);
        Assert.NotEqual(city, food);
        Assert.All(["مشهد", "شیراز", "تبریز", "یزد"], w => Assert.Equal(city, ClusterOf(clusters, w) >> 8));
        Assert.All(["نان", "پنیر", "انار", "کشمش"], w => Assert.Equal(food, ClusterOf(clusters, w) >> 8));
    }

    [Fact]
    public void Clusters_are_deterministic_for_a_seed_and_rare_words_get_none()
    {
        var corpus = Corpus();
        corpus.Add(["واژه‌ای", "نادر"]);
        var first = WordClusters.Learn(corpus, seed: 9);
        var second = WordClusters.Learn(corpus, seed: 9);
        Assert.Equal(first.OrderBy(p => p.Key), second.OrderBy(p => p.Key));
        Assert.Equal(0u, ClusterOf(first, "نادر"));
    }

    [Fact]
    public void Raw_text_is_split_at_spaces_and_punctuation_keeping_zwnj_words_whole()
    {
        Assert.Equal(["کتاب‌ها", "را", "خواند", "."], TaggerRecipes.TokenizeRaw("کتاب‌ها را خواند."));
        Assert.Equal(["(", "پیاده", "کردن", ")", "،", "۱۲"], TaggerRecipes.TokenizeRaw("(پیاده کردن)، ۱۲"));
    }
}
