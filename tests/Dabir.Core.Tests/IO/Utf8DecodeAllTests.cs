using System.Text;
using CsCheck;
using Dabir.IO;

namespace Dabir.Core.Tests.IO;

/// <summary>The whole-input decoder (one article) agrees with the streaming reader: one UTF-8 decoder, two shapes.</summary>
public class Utf8DecodeAllTests
{
    private static (string? Text, InputException? Error) Chunks(byte[] bytes, bool lenient)
    {
        try
        {
            var sb = new StringBuilder();
            foreach (var chunk in new Utf8ChunkReader(new MemoryStream(bytes), lenient).ReadChunks())
            {
                sb.Append(chunk.Text.Span).Append(chunk.Tail);
            }
            return (sb.ToString(), null);
        }
        catch (InputException e)
        {
            return (null, e);
        }
    }

    private static (string? Text, InputException? Error) All(byte[] bytes, bool lenient)
    {
        try
        {
            return (Utf8ChunkReader.DecodeAll(bytes, lenient), null);
        }
        catch (InputException e)
        {
            return (null, e);
        }
    }

    [Fact]
    public void Same_text_or_same_error_and_offset_as_the_streaming_reader() =>
        Gen.OneOf(Gen.Byte[0, 255].Array[0, 300], Gen.String[0, 200].Select(s => Encoding.UTF8.GetBytes(s)), Gen.Const(new byte[] { 0xEF, 0xBB, 0xBF, 0x41, 0xC3 }))
            .Sample(bytes =>
            {
                foreach (bool lenient in new[] { false, true })
                {
                    var (text, error) = All(bytes, lenient);
                    var (expected, expectedError) = Chunks(bytes, lenient);
                    if (text != expected || error?.Reason != expectedError?.Reason || error?.ByteOffset != expectedError?.ByteOffset)
                    {
                        return false;
                    }
                }
                return true;
            }, iter: 3000);

    [Theory]
    [InlineData(new byte[] { 0xFF, 0xFE, 0x33, 0x06 }, "UTF-16 input (UTF-16LE byte order mark): convert to UTF-8")]
    [InlineData(new byte[] { 0xFE, 0xFF, 0x06, 0x33 }, "UTF-16 input (UTF-16BE byte order mark): convert to UTF-8")]
    public void A_utf16_byte_order_mark_says_to_convert_not_binary(byte[] bytes, string message)
    {
        var (_, streaming) = Chunks(bytes, lenient: true);
        var (_, whole) = All(bytes, lenient: true);
        Assert.All(new[] { streaming, whole }, e =>
        {
            Assert.Equal(InputErrorReason.Utf16, e!.Reason);
            Assert.Equal(message, e.Message);
        });
    }

    [Fact]
    public void The_message_says_what_then_where_once_located()
    {
        var e = new InputException(InputErrorReason.TooLarge, "record is 20 bytes, over the limit of 10");
        Assert.Equal("record is 20 bytes, over the limit of 10", e.Message);
        var located = e.At("/data/in.jsonl", 7);
        Assert.Equal("/data/in.jsonl:7: record is 20 bytes, over the limit of 10", located.Message);
        Assert.Equal("too-large", located.ReasonCode);
        Assert.Equal("/data/in.jsonl:7", located.At("/other", 1).Location); // the innermost locator wins
        Assert.Equal("stdin:3: x", new InputException(InputErrorReason.Malformed, "x").At(null, 3, "stdin:3").Message);
    }
}
