using CsCheck;
using Dabir.Text;

namespace Dabir.Core.Tests.Text;

/// <summary>The one whitespace word splitter: extents, cores, count, and the enumerator agrees with the list form.</summary>
public class WordsTests
{
    [Fact]
    public void Words_and_their_cores()
    {
        var words = new List<SpacedWord>();
        Words.Split("  «خبرگزاری فارس»، — تهران\u200c\t۱۴۰۲", words);
        Assert.Equal(
        [
            new SpacedWord(2, 11, 3, 11),   // «خبرگزاری
            new SpacedWord(12, 18, 12, 16), // فارس»،
            new SpacedWord(19, 20, 20, 20), // — (punctuation only)
            new SpacedWord(21, 27, 21, 26), // تهران and a half-space at its edge
            new SpacedWord(28, 32, 28, 32), // ۱۴۰۲
        ], words);
        Assert.True(words[2].IsPunctuationOnly);
        Assert.True(words[1].HasTrailingPunctuation);
    }

    [Fact]
    public void Enumerate_split_and_count_agree() =>
        Gen.String[0, 60].Sample(s =>
        {
            var list = new List<SpacedWord>();
            Words.Split(s, list);
            int i = 0;
            foreach (var w in Words.Enumerate(s))
            {
                if (i >= list.Count || list[i++] != w || w.Start >= w.End || w.CoreStart < w.Start || w.CoreEnd > w.End)
                {
                    return false;
                }
            }
            return i == list.Count && Words.Count(s) == list.Count
                && list.Count == s.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length;
        }, iter: 20_000);
}
