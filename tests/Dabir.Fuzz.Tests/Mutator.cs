using System.Text;

namespace Dabir.Fuzz.Tests;

/// <summary>AFL-like byte mutations from a caller's seeded <see cref="Random"/>: deterministic for a seed.</summary>
internal static class Mutator
{
    // Pieces that matter to the readers and the normalizer: markup, JSON syntax, line breaks, joiners, Persian and
    // Arabic letters, digits, a BOM, bytes that are not UTF-8.
    private static readonly byte[][] Tokens = new[]
    {
        "<div>", "</div>", "<p>", "<script>", "<!--", "-->", "<![CDATA[", "&amp;", "&#x200c;", "{", "}", "[", "]", "\"", "\\",
        "\\u", "\\udc00", ":", ",", "\n", "\r\n", "\r", "\u0085", "\u2028", "\u200c", "\u200d", "\u200f", "ي", "ك", "ۀ",
        "می", "ها", "۱۲", "12", "AND", "OR", "NOT", "(", ")", "*", "-", "\"title\":", "\"body\":", "\"paragraphs\":[",
        "\ufeff", "👨\u200d👩",
    }.Select(Encoding.UTF8.GetBytes).Concat([[0xC3], [0xFF, 0xFE], [0xED, 0xA0, 0x80], [0x00], [0xF0, 0x9F]]).ToArray();

    public static byte[] Mutate(byte[] input, Random random, byte[] other)
    {
        var bytes = new List<byte>(input);
        int steps = 1 + random.Next(4);
        for (int s = 0; s < steps; s++)
        {
            int at = bytes.Count == 0 ? 0 : random.Next(bytes.Count + 1);
            switch (random.Next(7))
            {
                case 0 when bytes.Count > 0: // flip a bit
                    int i = Math.Min(at, bytes.Count - 1);
                    bytes[i] ^= (byte)(1 << random.Next(8));
                    break;
                case 1 when bytes.Count > 0: // delete a run
                    int from = Math.Min(at, bytes.Count - 1);
                    bytes.RemoveRange(from, Math.Min(bytes.Count - from, 1 + random.Next(16)));
                    break;
                case 2: // insert a token
                    bytes.InsertRange(at, Tokens[random.Next(Tokens.Length)]);
                    break;
                case 3: // repeat a token many times (deep nesting, long runs)
                    var token = Tokens[random.Next(Tokens.Length)];
                    int times = 1 + random.Next(200);
                    bytes.InsertRange(at, Enumerable.Repeat(token, times).SelectMany(t => t));
                    break;
                case 4 when bytes.Count > 0: // random byte
                    bytes[Math.Min(at, bytes.Count - 1)] = (byte)random.Next(256);
                    break;
                case 5 when other.Length > 0: // splice in a piece of another input
                    int start = random.Next(other.Length);
                    bytes.InsertRange(at, other.Skip(start).Take(1 + random.Next(64)));
                    break;
                default: // truncate
                    if (bytes.Count > 0)
                    {
                        bytes.RemoveRange(Math.Min(at, bytes.Count - 1), bytes.Count - Math.Min(at, bytes.Count - 1));
                    }
                    break;
            }
        }
        return [.. bytes];
    }
}
