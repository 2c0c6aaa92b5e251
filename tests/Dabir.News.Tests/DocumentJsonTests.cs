using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using Dabir.News.Json;

namespace Dabir.News.Tests;

/// <summary>The record writer's own escaping of long texts gives the bytes the JSON writer would.</summary>
public sealed class DocumentJsonTests
{
    private static readonly ArticleAnalyzer Analyzer = new();

    public static TheoryData<string> Texts() =>
    [
        "خبر آزمایشی درباره نمایشگاه کتاب\n\nنمایشگاه کتاب استان امروز با حضور ۲۰۰ ناشر\tدر تبریز آغاز شد و تا جمعه ادامه دارد.\r\nبه گزارش ایرنا، بازدید رایگان است.\n",
        "عنوان با\ttab در میان\nمتن با «گیومه» و \"quotes\" و back\\slash و نویسه‌های \u200Eجهت\u200F و نیم\u00ADفاصله و ZWJ\u200D، که باید مانند نویسنده JSON نوشته شوند.\n",
        "عنوان با اموجی 🙂 و یک نویسه کنترلی \u0001 در متن که نویسنده JSON آن را به شکل \\u می‌نویسد.\nپاراگراف دوم خبر با چند واژه برای رسیدن به طول کافی.\n",
    ];

    [Theory]
    [MemberData(nameof(Texts))]
    public void Texts_are_written_as_the_json_writer_writes_them(string article)
    {
        var doc = Analyzer.Analyze(ArticleInput.FromText("x.txt", article, null));
        foreach (bool indented in new[] { false, true })
        {
            var buffer = new ArrayBufferWriter<byte>();
            using (var writer = new Utf8JsonWriter(buffer, DocumentJsonWriter.Options(indented)))
            {
                DocumentJsonWriter.Write(writer, doc);
            }
            using var parsed = JsonDocument.Parse(buffer.WrittenMemory);
            var root = parsed.RootElement;
            var expected = new JsonSerializerOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
            Assert.Equal(JsonSerializer.Serialize(doc.SourceText, expected), root.GetProperty("sourceText").GetRawText());
            Assert.Equal(JsonSerializer.Serialize(doc.Text, expected), root.GetProperty("text").GetRawText());
            Assert.Equal(doc.SourceText, root.GetProperty("sourceText").GetString());
            var paragraphs = root.GetProperty("paragraphs").EnumerateArray().Select(p => p.GetProperty("text").GetString()).ToList();
            Assert.Equal(doc.Paragraphs.Select(p => p.Text), paragraphs);
        }
    }
}
