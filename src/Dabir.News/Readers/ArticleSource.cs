using System.Text;

namespace Dabir.News.Readers;

/// <summary>One article's raw bytes as found in the input, before decoding and reading.</summary>
/// <param name="Index">0-based position in the input (output order).</param>
/// <param name="Id">The id it will carry (relative path, or FILE:LINE for JSONL lines; a record's own id replaces it).</param>
/// <param name="Path">The file it came from; null for standard input.</param>
/// <param name="Line">1-based line in a JSONL file.</param>
/// <param name="Format"><c>text</c>, <c>json</c> or <c>html</c>.</param>
/// <param name="Bytes">The raw bytes.</param>
public sealed record RawArticle(long Index, string Id, string? Path, long? Line, string Format, ReadOnlyMemory<byte> Bytes);

/// <summary>
/// Enumerates the articles of an input, streaming: one file (<c>.txt</c>, <c>.json</c>, <c>.html</c>), a JSONL file
/// (<c>.jsonl</c>, <c>.ndjson</c>; one record per line), a folder of such files (recursively, in ordinal path
/// order) or a stream. Only one article (or one JSONL line) is held at a time.
/// </summary>
public static class ArticleSource
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The format a file's extension implies, or null for files that are not articles.</summary>
    public static string? FormatOf(string path) => Path.GetExtension(path).ToLowerInvariant() switch
    {
        ".txt" or ".text" => "text",
        ".json" => "json",
        ".jsonl" or ".ndjson" => "jsonl",
        ".html" or ".htm" or ".xhtml" => "html",
        _ => null,
    };

    /// <summary>True when <paramref name="path"/> holds many articles (a folder or a JSONL file).</summary>
    public static bool IsBatch(string path) => Directory.Exists(path) || FormatOf(path) == "jsonl";

    /// <summary>Enumerates a file or folder.</summary>
    public static IEnumerable<RawArticle> FromPath(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        long index = 0;
        if (Directory.Exists(path))
        {
            var files = Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories)
                .Where(f => FormatOf(f) is not null)
                .Order(StringComparer.Ordinal)
                .ToList();
            foreach (var file in files)
            {
                string rel = Path.GetRelativePath(path, file).Replace('\\', '/');
                foreach (var a in FromFile(file, rel, index))
                {
                    index = a.Index + 1;
                    yield return a;
                }
            }
            yield break;
        }
        foreach (var a in FromFile(path, Path.GetFileName(path), 0))
        {
            yield return a;
        }
    }

    private static IEnumerable<RawArticle> FromFile(string file, string id, long firstIndex)
    {
        string format = FormatOf(file) ?? "text";
        if (format == "jsonl")
        {
            using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
            foreach (var a in JsonLines(stream, id, file, firstIndex))
            {
                yield return a;
            }
            yield break;
        }
        yield return new RawArticle(firstIndex, id, Path.GetFullPath(file), null, format, File.ReadAllBytes(file));
    }

    /// <summary>
    /// Enumerates a stream: JSONL when it starts with <c>{</c>, one HTML page when it starts with <c>&lt;</c>,
    /// else one plain-text article.
    /// </summary>
    public static IEnumerable<RawArticle> FromStream(Stream stream, string id)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var buffered = new BufferedStream(stream, 1 << 16);
        var head = new List<byte>();
        int first;
        while ((first = buffered.ReadByte()) >= 0)
        {
            head.Add((byte)first);
            if (!(first is ' ' or '\t' or '\r' or '\n' or 0xEF or 0xBB or 0xBF))
            {
                break;
            }
        }
        var rest = new ConcatStream([.. head], buffered);
        if (first == '{')
        {
            return JsonLines(rest, id, null, 0);
        }
        using var all = new MemoryStream();
        rest.CopyTo(all);
        return [new RawArticle(0, id, null, null, first == '<' ? "html" : "text", all.ToArray())];
    }

    /// <summary>One record per non-blank line; the bytes of each line are copied out.</summary>
    public static IEnumerable<RawArticle> JsonLines(Stream stream, string id, string? path, long firstIndex)
    {
        ArgumentNullException.ThrowIfNull(stream);
        byte[] buffer = new byte[1 << 20];
        int filled = 0;
        long lineNumber = 0, index = firstIndex;
        string? fullPath = path is null ? null : Path.GetFullPath(path);
        while (true)
        {
            int read = stream.Read(buffer, filled, buffer.Length - filled);
            filled += read;
            int start = 0;
            while (true)
            {
                int nl = Array.IndexOf(buffer, (byte)'\n', start, filled - start);
                if (nl < 0)
                {
                    break;
                }
                lineNumber++;
                if (LineOf(buffer, start, nl) is { } line)
                {
                    yield return new RawArticle(index++, $"{id}:{lineNumber}", fullPath, lineNumber, "json", line);
                }
                start = nl + 1;
            }
            if (read == 0)
            {
                if (start < filled)
                {
                    lineNumber++;
                    if (LineOf(buffer, start, filled) is { } last)
                    {
                        yield return new RawArticle(index, $"{id}:{lineNumber}", fullPath, lineNumber, "json", last);
                    }
                }
                yield break;
            }
            // Keep the unfinished line; grow the buffer for lines longer than it.
            int pending = filled - start;
            if (start == 0 && pending == buffer.Length)
            {
                Array.Resize(ref buffer, buffer.Length * 2);
            }
            else
            {
                Buffer.BlockCopy(buffer, start, buffer, 0, pending);
            }
            filled = pending;
        }
    }

    private static byte[]? LineOf(byte[] buffer, int start, int end)
    {
        while (end > start && buffer[end - 1] is (byte)'\r' or (byte)' ' or (byte)'\t')
        {
            end--;
        }
        while (start < end && buffer[start] is (byte)' ' or (byte)'\t')
        {
            start++;
        }
        return end > start ? buffer.AsSpan(start, end - start).ToArray() : null;
    }

    /// <summary>Decodes an article's bytes as strict UTF-8 (a BOM is dropped).</summary>
    public static string Decode(RawArticle article)
    {
        ArgumentNullException.ThrowIfNull(article);
        var bytes = article.Bytes.Span;
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            bytes = bytes[3..];
        }
        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException e)
        {
            throw new ArticleException("invalid-utf8", $"invalid UTF-8 at byte {e.Index}", e);
        }
    }

    /// <summary>Reads a raw article into an <see cref="ArticleInput"/> with the reader its format calls for.</summary>
    public static ArticleInput Read(RawArticle article)
    {
        ArgumentNullException.ThrowIfNull(article);
        switch (article.Format)
        {
            case "json":
                var input = JsonArticleReader.Read(article.Bytes, article.Id, article.Path, article.Line);
                // In a JSONL file the line locates the record even when the record has its own id.
                return input;
            case "html":
                return HtmlArticleReader.Read(Decode(article), article.Id, article.Path);
            default:
                string text = Decode(article);
                if (text.Contains('\0', StringComparison.Ordinal))
                {
                    throw new ArticleException("binary", "binary data (NUL characters), not text");
                }
                return new ArticleInput { Id = article.Id, Origin = new ArticleOrigin(article.Path, null, "text"), PlainText = text };
        }
    }

    // A stream of some bytes already read followed by the rest of another stream.
    private sealed class ConcatStream(byte[] head, Stream tail) : Stream
    {
        private int _headPos;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            if (_headPos < head.Length)
            {
                int n = Math.Min(count, head.Length - _headPos);
                Buffer.BlockCopy(head, _headPos, buffer, offset, n);
                _headPos += n;
                return n;
            }
            return tail.Read(buffer, offset, count);
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
