using Dabir.Models.Data;
using Dabir.Models.Training;

namespace Dabir.Models.Tests;

public class BijankhanAlignmentTests
{
    private static ConlluWord Word(string form, string upos) => new(form, form, upos, "_");

    private static readonly List<ConlluWord[]> Seraji =
    [
        [Word("پس", "ADV"), Word("از", "ADP"), Word("جنگ", "NOUN")],
        [Word("پس", "ADV"), Word("از", "ADP"), Word("آن", "PRON")],
        [Word("است", "AUX")],
    ];

    [Fact]
    public void A_single_bijankhan_tag_is_widened_and_an_ambiguous_set_is_narrowed_by_seraji_word_tags()
    {
        uint noun = UposMapping.Bit("NOUN"), adv = UposMapping.Bit("ADV"), aux = UposMapping.Bit("AUX"), verb = UposMapping.Bit("VERB");
        var bijankhan = new TrainingSentence(["پس", "است", "کتاب"], [noun, aux | verb, noun], "bijankhan");
        var aligned = TaggerRecipes.NarrowBijankhan([bijankhan], Seraji).Single();
        Assert.Equal(noun | adv, aligned.Allowed[0]);   // «پس»: N_SING_COM, but ADV twice in Seraji
        Assert.Equal(aux, aligned.Allowed[1]);          // «است»: AUX|VERB narrowed to what Seraji shows
        Assert.Equal(noun, aligned.Allowed[2]);         // unseen in Seraji: unchanged
        Assert.Equal([noun, aux | verb, noun], bijankhan.Allowed); // the input is not modified
    }

    [Fact]
    public void Treebank_sentences_and_words_seen_once_are_left_alone()
    {
        uint noun = UposMapping.Bit("NOUN");
        var treebank = new TrainingSentence(["پس"], [noun], "perdt");
        Assert.Same(treebank, TaggerRecipes.NarrowBijankhan([treebank], Seraji).Single());
        var once = new TrainingSentence(["جنگ"], [UposMapping.Bit("ADJ")], "bijankhan");
        Assert.Equal(UposMapping.Bit("ADJ"), TaggerRecipes.NarrowBijankhan([once], Seraji).Single().Allowed[0]);
    }
}
