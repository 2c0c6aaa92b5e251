using Dabir.Morphology;

namespace Dabir.Core.Tests.Morphology;

public class LemmatizerSpecTests
{
    public static TheoryData<string, string, string> Cases => SpecFile.Load("lemmas.tsv");

    [Theory]
    [MemberData(nameof(Cases))]
    public void Lemma_table_row_holds(string word, string expected, string rule)
    {
        string actual = Lemmatizer.Default.Lemmatize(word);
        Assert.True(expected.Replace("\u200C", "", StringComparison.Ordinal) == actual.Replace("\u200C", "", StringComparison.Ordinal),
            $"rule {rule}: «{word}» → «{actual}», expected «{expected}»");
    }

    [Fact]
    public void Every_generated_verb_form_lemmatises_to_its_past_stem()
    {
        var forms = new List<string>();
        VerbForms.Generate("نوشت", "نویس", forms.Add);
        Assert.Contains("مینویسند", forms);
        Assert.Contains("ننوشتهاند", forms);
        Assert.Contains("بنویس", forms);
        // «نوشته‌ای» is as often «a writing» (noun + indefinite) as «you have written»: it is left out.
        var wrong = forms.Where(f => f != "نوشتهای" && Lemmatizer.Default.Lemmatize(f) != "نوشت").Select(f => $"{f} → {Lemmatizer.Default.Lemmatize(f)}").ToList();
        Assert.True(wrong.Count == 0, string.Join(", ", wrong));
    }

    [Fact]
    public void Embedded_lexicon_is_loaded()
    {
        var lexicon = LemmaLexicon.Default;
        Assert.True(lexicon.VerbStems.Count > 500);
        Assert.True(lexicon.WordCount > 20_000);
        Assert.True(lexicon.LearnedFormCount > 5_000);
    }

    [Fact]
    public void Non_persian_tokens_are_their_own_lemma()
    {
        Assert.Equal("COVID-19", Lemmatizer.Default.Lemmatize("COVID-19"));
        Assert.Equal("۱۴۰۲", Lemmatizer.Default.Lemmatize("۱۴۰۲"));
        Assert.Null(Lemmatizer.Default.Lemmatize(ReadOnlySpan<char>.Empty));
    }
}
