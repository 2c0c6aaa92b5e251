using System.Text.Json;

namespace Dabir.Cli.Tests;

/// <summary>The README's main job on the bundled sample, end to end.</summary>
public class SampleArticleTests
{
    private static string RepoFile(string relative)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Dabir.slnx")))
            {
                return Path.Combine(dir.FullName, relative);
            }
        }
        throw new FileNotFoundException("repository root not found", relative);
    }

    [Fact]
    public void Normalize_restores_the_sample_exactly()
    {
        var result = DabirProcess.Run((byte[]?)null, "normalize", RepoFile("samples/article.txt"));
        Assert.Equal(0, result.ExitCode);
        Assert.Equal(File.ReadAllText(RepoFile("samples/article.restored.txt")), result.Text);
    }

    [Fact]
    public void Analyze_reads_title_lead_body_and_agency_of_the_sample()
    {
        var result = DabirProcess.Run((byte[]?)null, "analyze", RepoFile("samples/article.txt"), "--format", "json");
        Assert.Equal(0, result.ExitCode);
        using var doc = JsonDocument.Parse(result.Stdout);
        var root = doc.RootElement;
        Assert.Equal("سه نیروگاه خورشیدی در استان کرمان به بهره‌برداری رسید", root.GetProperty("title").GetProperty("text").GetString());
        Assert.StartsWith("وزیر نیرو با حضور در کرمان", root.GetProperty("lead").GetProperty("text").GetString(), StringComparison.Ordinal);
        var paragraphs = root.GetProperty("paragraphs");
        Assert.Equal(4, paragraphs.GetArrayLength()); // the repeated lead and «انتهای پیام» are removed
        Assert.StartsWith("به گزارش خبرگزاری ایسنا", paragraphs[0].GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.Equal("isna", root.GetProperty("agency").GetProperty("id").GetString());
        Assert.Equal("2023-11-19", root.GetProperty("dates")[0].GetProperty("iso").GetString());
    }
}
