using Dabir.News.Dates;
using Dabir.News.Numbers;

namespace Dabir.News.Tests;

public sealed class DatesAndNumbersTests
{
    [Theory]
    [InlineData("در تاریخ ۲۸ آبان ۱۴۰۲ برگزار شد", "2023-11-19", "persian")]
    [InlineData("تاریخ ۱۴۰۲/۰۸/۲۸ اعلام شد", "2023-11-19", "persian")]
    [InlineData("در ۱۹ نوامبر ۲۰۲۳ گفت", "2023-11-19", "gregorian")]
    [InlineData("روز ۱۵ شعبان ۱۴۴۵ ه.ق", "2024-02-25", "islamic-umalqura")]
    [InlineData("در ۱ فروردین ۱۴۰۳", "2024-03-20", "persian")]
    public void Written_dates_become_iso(string text, string iso, string calendar)
    {
        var found = new List<FoundDate>();
        DateFinder.Find(text, 0, text.Length, null, found);
        var d = Assert.Single(found);
        Assert.Equal(iso, d.Iso);
        Assert.Equal(calendar, d.Calendar);
    }

    [Theory]
    [InlineData("دوشنبه گذشته", "2023-11-13")] // published Sunday 2023-11-19
    [InlineData("دیروز", "2023-11-18")]
    [InlineData("روز جمعه", "2023-11-17")]
    [InlineData("سه‌شنبه آینده", "2023-11-21")]
    public void Relative_phrases_resolve_against_the_publication_date(string text, string iso)
    {
        var found = new List<FoundDate>();
        DateFinder.Find(text, 0, text.Length, new DateOnly(2023, 11, 19), found);
        var d = Assert.Single(found);
        Assert.True(d.Relative);
        Assert.Equal(iso, d.Iso);
    }

    [Fact]
    public void Impossible_dates_are_not_dates()
    {
        var found = new List<FoundDate>();
        const string text = "کد ۱۴۰۲/۱۳/۴۰ ثبت شد";
        DateFinder.Find(text, 0, text.Length, null, found);
        Assert.Empty(found);
    }

    [Theory]
    [InlineData("۱۵ هزار نفر", 15000)]
    [InlineData("دو میلیون تن", 2000000)]
    [InlineData("۶ هزار و ۱۲۷ دفتر", 6127)]
    [InlineData("یک میلیون و ۵۲۲ هزار", 1522000)]
    [InlineData("بیست و پنج", 25)]
    [InlineData("۲/۵ میلیارد ریال", 2500000000)]
    [InlineData("۱۲٬۳۰۰ نفر", 12300)]
    public void Number_words_get_values(string text, double value)
    {
        var found = new List<FoundNumber>();
        NumberFinder.Find(text, 0, text.Length, [], found);
        Assert.Equal((decimal)value, Assert.Single(found).Value);
    }

    [Fact]
    public void Lone_article_yek_is_not_a_number()
    {
        var found = new List<FoundNumber>();
        const string text = "یک نماینده مجلس گفت";
        NumberFinder.Find(text, 0, text.Length, [], found);
        Assert.Empty(found);
    }

    [Theory]
    [InlineData("1111111111111111111111111111111/")] // found by fuzzing: 31 digits overflowed decimal
    [InlineData("۹۹۹۹۹۹۹۹۹۹۹۹۹۹۹۹۹۹۹۹۹۹۹۹۹۹۹۹۹۹۹۹۹۹۹۹۹۹۹۹ نفر")]
    [InlineData("۹۹۹۹۹۹۹۹۹۹۹۹۹۹۹۹۹۹۹۹۹۹ میلیارد میلیارد میلیارد و ۹۹۹۹۹۹۹۹۹۹۹۹۹۹۹۹۹۹۹۹۹۹ میلیارد")]
    public void Numbers_past_decimal_range_are_not_an_error(string text)
    {
        var found = new List<FoundNumber>();
        NumberFinder.Find(text, 0, text.Length, [], found);
        Assert.All(found, n => Assert.True(n.Value >= 0));
    }
}
