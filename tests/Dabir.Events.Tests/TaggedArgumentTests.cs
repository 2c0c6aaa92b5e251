namespace Dabir.Events.Tests;

/// <summary>Argument rules that read the POS tags, run through the article pipeline (taggers included).</summary>
public sealed class TaggedArgumentTests
{
    private static SortedSet<string> EventsOf(string text)
    {
        string path = Path.Combine(Path.GetTempPath(), "dabir-events-" + Guid.NewGuid().ToString("N") + ".txt");
        File.WriteAllText(path, "عنوان خبر\n\n" + text + "\n");
        try
        {
            return TestPipelines.Describe(TestPipelines.Article(path).Document!);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [InlineData("دبیرکل سازمان ملل با استرداد نخست‌وزیر سابق عراق مخالفت کرد.", "REJECT UNO>IRQ")]
    [InlineData("وزیر امور خارجه روسیه با سفر رئیس‌جمهور فرانسه مخالفت کرد.", "REJECT RUS>FRA")]
    public void A_preposition_marks_the_possessor_of_its_noun(string text, string expected) =>
        Assert.Contains(expected, EventsOf(text));
}
