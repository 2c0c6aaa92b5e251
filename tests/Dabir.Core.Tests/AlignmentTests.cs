using Dabir.Repair;
using Dabir.Text;

namespace Dabir.Core.Tests;

public class AlignmentTests
{
    private static readonly PersianNormalizer Normalizer = new();

    [Fact]
    public void Every_output_character_maps_back_to_its_source()
    {
        const string source = "كتاب ها  را ﷲ ،خواند";
        var aligned = Normalizer.NormalizeAligned(source);
        Assert.Equal("کتاب\u200cها را الله، خواند", aligned.Text);
        // «ک» came from the Arabic kaf at 0.
        Assert.Equal(new TextSpan(0, 1), aligned.ToSource(new TextSpan(0, 1)));
        // The half-space replaced the space at 4.
        Assert.Equal(new TextSpan(4, 1), aligned.ToSource(new TextSpan(4, 1)));
        // «الله» came from the one ligature character.
        int allah = aligned.Text.IndexOf("الله", StringComparison.Ordinal);
        var ligature = aligned.ToSource(new TextSpan(allah, 4));
        Assert.Equal("ﷲ", source.Substring(ligature.Start, ligature.Length));
        // «خواند» maps to the same word in the source.
        int word = aligned.Text.IndexOf("خواند", StringComparison.Ordinal);
        var src = aligned.ToSource(new TextSpan(word, 5));
        Assert.Equal("خواند", source.Substring(src.Start, src.Length));
        Assert.Equal(word, aligned.FromSource(src.Start));
    }

    [Fact]
    public void Identity_alignment_round_trips()
    {
        var identity = AlignedText.Identity("سلام");
        Assert.Equal(new TextSpan(1, 2), identity.ToSource(new TextSpan(1, 2)));
        Assert.Equal(2, identity.FromSource(2));
    }
}
