using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Dabir.Cli.Tests;

/// <summary>
/// Memory bounded by the input's size (issue 12, rows 3-6), checked without timing: a process given a GC heap limit
/// proportional to the article either finishes or dies out of memory, and the record writer allocates about the
/// record's size once (no doubling array and copy).
/// </summary>
public sealed class MemoryBoundTests
{
    // News-like words; joined by spaces with no line break they make the endless line of rows 4-5.
    private static readonly string[] Words =
        "وزیر نیرو با حضور در کرمان سه نیروگاه خورشیدی با ظرفیت مجموع ۱۲۰ مگاوات را افتتاح کرد و گفت سرمایه‌گذاری در انرژی‌های تجدیدپذیر دو برابر می‌شود. به گزارش خبرگزاری ایسنا، علی رضایی روز یکشنبه ۲۸ آبان ۱۴۰۲ در تهران گفت:"
            .Split(' ');

    private static string Line(int bytes)
    {
        var text = new StringBuilder();
        long size = 0;
        for (int i = 0; size < bytes; i++)
        {
            string word = Words[i % Words.Length];
            text.Append(word).Append(' ');
            size += Encoding.UTF8.GetByteCount(word) + 1;
        }
        return text.ToString();
    }

    [Theory]
    [InlineData("text", "full")]
    [InlineData("html", "full")]
    public void A_long_article_is_analysed_within_a_heap_proportional_to_its_size(string format, string level)
    {
        // 1 MB of text on one line (an endless sentence: the tagging stage works in windows), or a flat page of
        // 1 MB; the heap may hold the runtime and the models (BaseHeap) and HeapPerInputByte times the input.
        // Measured on 1 MB: 192 MB passes, 160 MB runs out of memory.
        string body = Line(1 << 20);
        string content = format == "html"
            ? "<html><body><article>" + string.Concat(body.Split('.').Select(p => "<p>" + p + "</p>\n")) + "</article></body></html>"
            : body;
        string path = Path.Combine(Path.GetTempPath(), $"dabir-test-{Guid.NewGuid():N}.{(format == "html" ? "html" : "txt")}");
        File.WriteAllText(path, content);
        string output = path + ".json";
        long limit = BaseHeap + HeapPerInputByte * new FileInfo(path).Length;
        var result = DabirProcess.RunWith(
            new Dictionary<string, string> { ["DOTNET_GCHeapHardLimit"] = limit.ToString("X", CultureInfo.InvariantCulture) },
            null, "analyze", path, "--level", level, "-o", output);
        Assert.True(result.ExitCode == 0, $"exit {result.ExitCode} under a {limit / (1 << 20)} MB heap limit: {result.Stderr}");
        using var record = JsonDocument.Parse(File.ReadAllBytes(output));
        Assert.True(record.RootElement.GetProperty("tokens").GetArrayLength() > 100_000);
    }

    // The managed heap a long article may need (measured: see docs/performance.md, "One large article").
    private const long BaseHeap = 64L << 20;
    private const long HeapPerInputByte = 136;

    [Fact]
    public void The_record_buffer_allocates_the_record_once()
    {
        // 4 MB of JSON: a doubling array would allocate ~2x that while growing, and a copy on top.
        var buffer = new ChunkedBuffer();
        string paragraph = Line(4096);
        long before = GC.GetAllocatedBytesForCurrentThread();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            for (int i = 0; i < 700; i++)
            {
                writer.WriteStringValue(paragraph);
            }
            writer.WriteEndArray();
        }
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(buffer.Length > 4_000_000);
        Assert.True(allocated < buffer.Length * 1.2 + (1 << 20), $"{allocated:N0} bytes allocated for a {buffer.Length:N0}-byte record");
        using var stream = new MemoryStream();
        buffer.WriteTo(stream);
        Assert.Equal(buffer.ToArray(), stream.ToArray());
        using var parsed = JsonDocument.Parse(stream.ToArray());
        Assert.Equal(700, parsed.RootElement.GetArrayLength());
    }
}
