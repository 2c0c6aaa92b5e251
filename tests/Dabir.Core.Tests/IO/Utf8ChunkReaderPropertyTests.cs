using System.Text;
using CsCheck;
using Dabir.IO;

namespace Dabir.Core.Tests.IO;

/// <summary>The reader loses nothing: chunks plus their tails rebuild the input, whatever the line lengths.</summary>
public class Utf8ChunkReaderPropertyTests
{
    // Text with long runs, spaces, sentence ends, CR/LF mixes and astral characters, read with the smallest
    // chunk size so lines are cut often.
    private static readonly Gen<string> Text = Gen.OneOf(
        Gen.Char["ab .؟!\n\r\u200cسلامکتاب"].Array[0, 5000].Select(a => new string(a)),
        Gen.String[0, 3000],
        Gen.Const("😀").Array[0, 1500].Select(a => string.Concat(a)));

    private static string ReadAll(byte[] bytes, bool lenient, out long replaced)
    {
        var reader = new Utf8ChunkReader(new MemoryStream(bytes), lenient, maxChunkChars: 1024);
        var sb = new StringBuilder();
        foreach (var chunk in reader.ReadChunks())
        {
            sb.Append(chunk.Text.Span).Append(chunk.Tail);
        }
        replaced = reader.ReplacedSequences;
        return sb.ToString();
    }

    [Fact]
    public void Chunks_and_tails_rebuild_valid_input_exactly() =>
        Text.Where(s => !s.Contains('\0', StringComparison.Ordinal)).Sample(s =>
        {
            var bytes = new UTF8Encoding(false).GetBytes(s);
            // Lone surrogates become U+FFFD when encoded; compare against what the bytes really say.
            return ReadAll(bytes, lenient: false, out _) == Encoding.UTF8.GetString(bytes);
        }, iter: 500);

    [Fact]
    public void Multi_byte_sequences_split_across_64_KB_blocks_decode_whole() =>
        Gen.OneOf(Gen.Const("😀"), Gen.Const("سلام"), Gen.Const(" "), Gen.Const("\n"), Gen.Const("ab")).Array[20_000, 45_000]
            .Select(parts => string.Concat(parts)).Sample(s =>
            {
                var bytes = Encoding.UTF8.GetBytes(s); // well over one 64 KB block
                return ReadAll(bytes, lenient: false, out _) == s;
            }, iter: 40);

    [Fact]
    public void Lenient_decoding_matches_the_platform_replacement_and_counts_it() =>
        Gen.Byte[1, 255].Array[0, 3000].Sample(bytes =>
        {
            if (bytes.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
            {
                return true; // a BOM is skipped on purpose
            }
            if (bytes.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || bytes.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
            {
                // A UTF-16 byte order mark is refused even when lenient: replacing would turn the text into noise.
                try
                {
                    ReadAll(bytes, lenient: true, out _);
                    return false;
                }
                catch (InputException e)
                {
                    return e.Reason == InputErrorReason.Utf16;
                }
            }
            var expected = Encoding.UTF8.GetString(bytes);
            var actual = ReadAll(bytes, lenient: true, out long replaced);
            return actual == expected && (replaced > 0) == expected.Contains('\uFFFD', StringComparison.Ordinal);
        }, iter: 2000);

    [Fact]
    public void Strict_decoding_names_the_first_invalid_byte() =>
        Gen.Byte[1, 255].Array[1, 400].Sample(bytes =>
        {
            int firstInvalid = FirstInvalidOffset(bytes);
            try
            {
                ReadAll(bytes, lenient: false, out _);
                return firstInvalid < 0;
            }
            catch (InputException e)
            {
                // A leading FF FE or FE FF is read as a UTF-16 byte order mark (an invalid UTF-8 byte at offset 0).
                return (e.Reason == InputErrorReason.InvalidUtf8 || (e.Reason == InputErrorReason.Utf16 && firstInvalid == 0)) && e.ByteOffset == firstInvalid;
            }
        }, iter: 2000);

    private static int FirstInvalidOffset(byte[] bytes)
    {
        int start = bytes.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) ? 3 : 0;
        for (int i = start; i < bytes.Length;)
        {
            var status = System.Text.Rune.DecodeFromUtf8(bytes.AsSpan(i), out _, out int consumed);
            if (status != System.Buffers.OperationStatus.Done)
            {
                return i;
            }
            i += consumed;
        }
        return -1;
    }
}
