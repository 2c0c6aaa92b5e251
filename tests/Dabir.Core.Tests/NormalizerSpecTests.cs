using Dabir.Repair;

namespace Dabir.Core.Tests;

public class NormalizerSpecTests
{
    private static readonly PersianNormalizer Normalizer = new();

    public static TheoryData<string, string, string> Cases => SpecFile.Load("normalizer.tsv");

    [Theory]
    [MemberData(nameof(Cases))]
    public void Rule_table_row_holds(string input, string expected, string rule)
    {
        Assert.True(expected == Normalizer.Normalize(input), $"rule {rule}: «{input}» → «{Normalizer.Normalize(input)}», expected «{expected}»");
        Assert.Equal(expected, Normalizer.Normalize(expected));
    }

    [Fact]
    public void Lines_and_paragraph_breaks_survive()
    {
        const string input = "\n\nسطر  اول\r\nسطر دوم\n\n\nسطر سوم\r";
        Assert.Equal("\n\nسطر اول\r\nسطر دوم\n\n\nسطر سوم\n", Normalizer.Normalize(input));
    }

    [Fact]
    public void With_every_rule_off_nothing_changes()
    {
        var none = new PersianNormalizer(NormalizerOptions.None);
        const string input = "كتاب ـ ﷲ ٤ \u200f در\u200cها  ، می شود ";
        Assert.Equal(input, none.Normalize(input));
    }

    [Theory]
    [InlineData(nameof(NormalizerOptions.UnifyLetters), "كتاب علي")]
    [InlineData(nameof(NormalizerOptions.DecomposePresentationForms), "ﷲ ﻛﺘﺎﺏ")]
    [InlineData(nameof(NormalizerOptions.RemoveKashida), "کـــتاب")]
    [InlineData(nameof(NormalizerOptions.RemoveControlCharacters), "سلام\u200fدنیا")]
    [InlineData(nameof(NormalizerOptions.CleanHalfSpaces), "در\u200cها")]
    [InlineData(nameof(NormalizerOptions.CollapseWhitespace), "سلام   دنیا")]
    [InlineData(nameof(NormalizerOptions.FixPunctuationSpacing), "سلام ،دنیا")]
    [InlineData(nameof(NormalizerOptions.SeparateDigitsFromLetters), "۹کیلومتر")]
    [InlineData(nameof(NormalizerOptions.RestoreHalfSpaces), "نامههای بینالمللی")]
    public void Each_rule_can_be_switched_off_alone(string rule, string input)
    {
        var off = rule switch
        {
            nameof(NormalizerOptions.UnifyLetters) => NormalizerOptions.Default with { UnifyLetters = false },
            nameof(NormalizerOptions.DecomposePresentationForms) => NormalizerOptions.Default with { DecomposePresentationForms = false },
            nameof(NormalizerOptions.RemoveKashida) => NormalizerOptions.Default with { RemoveKashida = false },
            nameof(NormalizerOptions.RemoveControlCharacters) => NormalizerOptions.Default with { RemoveControlCharacters = false },
            nameof(NormalizerOptions.CleanHalfSpaces) => NormalizerOptions.Default with { CleanHalfSpaces = false },
            nameof(NormalizerOptions.CollapseWhitespace) => NormalizerOptions.Default with { CollapseWhitespace = false },
            nameof(NormalizerOptions.FixPunctuationSpacing) => NormalizerOptions.Default with { FixPunctuationSpacing = false },
            nameof(NormalizerOptions.RestoreHalfSpaces) => NormalizerOptions.Default with { RestoreHalfSpaces = false },
            _ => NormalizerOptions.Default with { SeparateDigitsFromLetters = false },
        };
        Assert.NotEqual(input, Normalizer.Normalize(input)); // the rule fires by default
        Assert.Equal(input, new PersianNormalizer(off).Normalize(input)); // and only it touched this input
    }

    [Theory]
    [InlineData(DigitConversion.ToPersian, "12 ٣", "۱۲ ۳")]
    [InlineData(DigitConversion.ToLatin, "۱۲ ٣", "12 3")]
    [InlineData(DigitConversion.None, "٣", "٣")]
    public void Digit_conversions(DigitConversion digits, string input, string expected) =>
        Assert.Equal(expected, new PersianNormalizer(new NormalizerOptions { Digits = digits }).Normalize(input));

    [Theory]
    [InlineData("خیییلی", "خیلی")]
    [InlineData("سلاممممم", "سلام")]
    [InlineData("الله", "الله")]
    public void Repeated_letters_are_reduced_when_asked(string input, string expected) =>
        Assert.Equal(expected, new PersianNormalizer(new NormalizerOptions { ReduceRepeatedLetters = true }).Normalize(input));

    [Fact]
    public void Diacritics_are_kept_by_default_and_removable()
    {
        Assert.Equal("حَذفِ", Normalizer.Normalize("حَذفِ"));
        Assert.Equal("حذف خانهٔ", new PersianNormalizer(new NormalizerOptions { RemoveDiacritics = true }).Normalize("حَذفِ خانهٔ"));
    }
}
