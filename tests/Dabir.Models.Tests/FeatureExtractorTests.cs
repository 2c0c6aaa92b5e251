using Dabir.Models.Features;

namespace Dabir.Models.Tests;

public class FeatureExtractorTests
{
    private static readonly string[] Sentence = ["وزارت", "امور", "خارجه", "اعلام", "کرد"];

    private static ulong[] Extract(int domain)
    {
        var scratch = new FeatureExtractor.Scratch();
        new FeatureExtractor(TaggerLexicon.Empty).Extract(Sentence, scratch, tagCount: 3, domain);
        return scratch.Features.AsSpan(0, Sentence.Length * FeatureExtractor.FeaturesPerToken).ToArray();
    }

    [Fact]
    public void Convention_zero_leaves_the_upos_only_slots_empty_and_the_base_slots_unchanged()
    {
        // The NER model was trained on the base slots only; they must not depend on the UPOS-only additions.
        var ner = Extract(0);
        var upos = Extract(1);
        for (int i = 0; i < Sentence.Length; i++)
        {
            int start = i * FeatureExtractor.FeaturesPerToken;
            for (int k = 0; k < FeatureExtractor.FeaturesPerToken; k++)
            {
                if (k < FeatureExtractor.BaseFeatures)
                {
                    Assert.Equal(upos[start + k], ner[start + k]);
                    Assert.NotEqual(0UL, ner[start + k]);
                }
                else
                {
                    Assert.Equal(0UL, ner[start + k]);
                    Assert.NotEqual(0UL, upos[start + k]);
                }
            }
        }
    }
}
