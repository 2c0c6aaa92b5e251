using System.Text.Json;
using Dabir.News.Batch;

namespace Dabir.News.Tests.Batch;

public sealed class ErrorsFileWriterTests
{
    [Fact]
    public void One_json_line_per_error_created_at_the_first_error_only()
    {
        string path = Path.Combine(Path.GetTempPath(), "dabir-errors-" + Guid.NewGuid().ToString("N") + ".jsonl");
        try
        {
            using (var writer = new ErrorsFileWriter(path))
            {
                Assert.False(File.Exists(path));
                writer.Write("in.jsonl:3", "/data/in.jsonl", 3, "too-large", "/data/in.jsonl:3: record is 20 bytes");
                writer.Write("stdin", null, null, "binary", "stdin: binary input: NUL byte at byte offset 4");
                Assert.Equal(2, writer.Count);
            }
            var lines = File.ReadAllLines(path);
            Assert.Equal(2, lines.Length);
            using var first = JsonDocument.Parse(lines[0]);
            Assert.Equal("in.jsonl:3", first.RootElement.GetProperty("locator").GetString());
            Assert.Equal(3, first.RootElement.GetProperty("line").GetInt32());
            Assert.Equal("too-large", first.RootElement.GetProperty("reason").GetString());
            using var second = JsonDocument.Parse(lines[1]);
            Assert.Equal(JsonValueKind.Null, second.RootElement.GetProperty("path").ValueKind);
            Assert.Equal(JsonValueKind.Null, second.RootElement.GetProperty("line").ValueKind);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
