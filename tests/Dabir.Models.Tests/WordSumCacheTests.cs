using Dabir.Models.Features;

namespace Dabir.Models.Tests;

/// <summary>
/// The taggers reuse, per thread, the summed weight rows of a word's word-only features. These tests pin the two
/// things that makes safe: the slots called word-only really depend on the word alone, and tags never depend on
/// what the cache held before (cold and warm caches, with evictions inside a sentence, tag alike).
/// </summary>
public class WordSumCacheTests
{
    private static readonly string[] Vocabulary = BuildVocabulary();

    private static string[] BuildVocabulary()
    {
        // Real words (they hit the lexicon, clusters and gazetteers) and many invented ones (evictions).
        string[] real = ["سازمان", "ملل", "متحد", "از", "دولت", "ژاپن", "و", "علی", "لاریجانی", "تشکر", "کرد", ".", "،",
            "کتاب‌ها", "را", "می‌خوانند", "تهران", "وزیر", "امور", "خارجه", "۱۴۰۲", "42", "در", "به", "است", "«", "»"];
        var random = new Random(5);
        const string letters = "ابپتثجچحخدذرزژسشصضطظعغفقکگلمنوهی";
        var invented = Enumerable.Range(0, 20_000).Select(_ =>
            new string([.. Enumerable.Range(0, random.Next(2, 9)).Select(_ => letters[random.Next(letters.Length)])]));
        return [.. real, .. invented];
    }

    private static string[][] RandomSentences(int seed, int count)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, count).Select(_ => Enumerable.Range(0, random.Next(1, 300))
            .Select(_ => random.Next(3) == 0 ? Vocabulary[random.Next(27)] : Vocabulary[random.Next(Vocabulary.Length)]).ToArray())];
    }

    [Fact]
    public void Word_only_slots_do_not_change_with_the_context()
    {
        var extractor = PosTagger.Default.Model.Extractor;
        var slots = FeatureExtractor.SlotsFor((int)PosConvention.PerDT);
        Assert.NotEmpty(slots.WordOnly);
        Assert.Equal(FeatureExtractor.FeaturesPerToken, slots.WordOnly.Length + slots.Context.Length);
        var alone = new FeatureExtractor.Scratch();
        var inContext = new FeatureExtractor.Scratch();
        var random = new Random(11);
        foreach (var sentence in RandomSentences(seed: 3, count: 40))
        {
            var hints = new byte[sentence.Length];
            random.NextBytes(hints);
            extractor.Extract(sentence, inContext, 17, (int)PosConvention.PerDT, hints.Select(h => (byte)(h % 19)).ToArray());
            for (int i = 0; i < sentence.Length; i++)
            {
                extractor.Extract([sentence[i]], alone, 17, (int)PosConvention.PerDT, [0]);
                foreach (int slot in slots.WordOnly)
                {
                    Assert.Equal(alone.Features[slot], inContext.Features[i * FeatureExtractor.FeaturesPerToken + slot]);
                }
            }
        }
    }

    [Fact]
    public void Tags_are_the_same_with_a_cold_and_a_warm_cache()
    {
        var sentences = RandomSentences(seed: 8, count: 120);
        // Warm: one thread tags everything (the cache fills, evicts and is reused across and within sentences).
        // Two passes, so that the second finds the words of every sentence (and of the later ones) cached.
        _ = sentences.Select(Tag).ToArray();
        var warm = sentences.Select(Tag).ToArray();
        for (int i = 0; i < sentences.Length; i++)
        {
            // Cold: a fresh thread has an empty cache, so every word's sum is computed from its rows.
            (UniversalPos[] Pos, EntityTag[] Ner) cold = default;
            var sentence = sentences[i];
            var thread = new Thread(() => cold = Tag(sentence));
            thread.Start();
            thread.Join();
            Assert.Equal(cold.Pos, warm[i].Pos);
            Assert.Equal(cold.Ner, warm[i].Ner);
        }
    }

    private static (UniversalPos[] Pos, EntityTag[] Ner) Tag(string[] sentence)
    {
        var entities = new EntityTag[sentence.Length];
        NerTagger.Default.Tag(sentence, entities);
        return (PosTagger.Default.Tag(sentence), entities);
    }
}
