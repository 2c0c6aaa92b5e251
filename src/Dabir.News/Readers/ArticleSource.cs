using System.Globalization;
using System.IO.Enumeration;
using Dabir.IO;

namespace Dabir.News.Readers;

/// <summary>One article's raw bytes as found in the input, before decoding and reading.</summary>
/// <param name="Index">0-based position in the input (output order).</param>
/// <param name="Locator">
/// Where it is in the input, as people read it: the relative path in a folder, or FILE:LINE for a JSONL line
/// (<c>stdin:LINE</c> for standard input). It is the document id only when the record has no id of its own, so
/// it never identifies the article across runs; <see cref="Path"/> and <see cref="Line"/> do (<see cref="ResumeKey"/>).
/// </param>
/// <param name="Path">The file it came from (a full path); null for standard input.</param>
/// <param name="Line">1-based line in a JSONL file.</param>
/// <param name="Format"><c>text</c>, <c>json</c> or <c>html</c>.</param>
/// <param name="Bytes">The raw bytes.</param>
public sealed record RawArticle(long Index, string Locator, string? Path, long? Line, string Format, ReadOnlyMemory<byte> Bytes)
{
    /// <summary>
    /// Why the article could not even be taken from the input (over the size limit, unreadable file); reading it
    /// throws this error, so a batch reports it in order like any other failure.
    /// </summary>
    public InputException? Error { get; init; }

    /// <summary>
    /// The unambiguous key of this article's place in the input, the same as <see cref="ResumeKeyOf"/> gives for
    /// its document's <c>origin</c> (the full path and the line), whatever id the record carries.
    /// </summary>
    public string ResumeKey => ResumeKeyOf(Path, Line);

    /// <summary>The resume key of an origin (path, line): <c>PATH</c> or <c>PATH:LINE</c>, with <c>-</c> for standard input.</summary>
    public static string ResumeKeyOf(string? path, long? line) =>
        line is { } l ? string.Create(CultureInfo.InvariantCulture, $"{path ?? "-"}:{l}") : path ?? "-";
}

/// <summary>
/// Enumerates the articles of an input, streaming: one file (<c>.txt</c>, <c>.json</c>, <c>.html</c>), a JSONL file
/// (<c>.jsonl</c>, <c>.ndjson</c>; one record per line), a folder of such files (recursively, in ordinal path
/// order; links to folders are not followed, so a link loop cannot repeat files, while links to files are read) or
/// a stream. Only one article (or one JSONL line) is held at a time, and never more than the article size limit
/// (<see cref="DefaultMaxArticleBytes"/> unless raised): a larger file or line becomes an article whose
/// <see cref="RawArticle.Error"/> says so, and the batch goes on.
/// </summary>
public static class ArticleSource
{
    /// <summary>The default largest article (a file, or one JSONL line) read: 16 MiB.</summary>
    public const int DefaultMaxArticleBytes = 16 * 1024 * 1024;

    private const string RaiseHint = "raise it with --max-article-bytes";

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
    /// <param name="path">A file or a folder.</param>
    /// <param name="maxArticleBytes">The largest article (file or JSONL line) read.</param>
    public static IEnumerable<RawArticle> FromPath(string path, int maxArticleBytes = DefaultMaxArticleBytes)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxArticleBytes);
        maxArticleBytes = Math.Min(maxArticleBytes, Array.MaxLength - 1); // one array holds an article and a byte more
        return Enumerate(path, maxArticleBytes);
    }

    private static IEnumerable<RawArticle> Enumerate(string path, int maxArticleBytes)
    {
        long index = 0;
        if (Directory.Exists(path))
        {
            foreach (var file in FilesOf(path))
            {
                string rel = Path.GetRelativePath(path, file).Replace('\\', '/');
                foreach (var a in FromFile(file, rel, index, maxArticleBytes))
                {
                    index = a.Index + 1;
                    yield return a;
                }
            }
            yield break;
        }
        foreach (var a in FromFile(path, Path.GetFileName(path), 0, maxArticleBytes))
        {
            yield return a;
        }
    }

    // Article files under a folder in ordinal order. Links to folders are not entered: `ln -s .. sub/loop` would
    // otherwise list every file once per turn of the loop until the path grows too long.
    private static List<string> FilesOf(string folder)
    {
        var options = new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0, IgnoreInaccessible = false, MatchType = MatchType.Win32 };
        var files = new FileSystemEnumerable<string>(folder, (ref FileSystemEntry e) => e.ToSpecifiedFullPath(), options)
        {
            ShouldIncludePredicate = (ref FileSystemEntry e) => !e.IsDirectory && FormatOf(e.FileName.ToString()) is not null,
            ShouldRecursePredicate = (ref FileSystemEntry e) => (e.Attributes & FileAttributes.ReparsePoint) == 0,
        };
        var list = files.ToList();
        list.Sort(StringComparer.Ordinal);
        return list;
    }

    private static IEnumerable<RawArticle> FromFile(string file, string locator, long firstIndex, int maxArticleBytes)
    {
        string format = FormatOf(file) ?? "text";
        string fullPath = Path.GetFullPath(file);
        if (format == "jsonl")
        {
            FileStream? stream = null;
            InputException? openError = null;
            try
            {
                stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                openError = Unreadable(e);
            }
            if (stream is null)
            {
                yield return Failed(firstIndex, locator, fullPath, "json", openError!);
                yield break;
            }
            using (stream)
            {
                foreach (var a in JsonLines(stream, locator, file, firstIndex, maxArticleBytes))
                {
                    yield return a;
                }
            }
            yield break;
        }
        yield return ReadFile(file, locator, fullPath, firstIndex, format, maxArticleBytes);
    }

    private static RawArticle ReadFile(string file, string locator, string fullPath, long index, string format, int maxArticleBytes)
    {
        try
        {
            using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
            var bytes = ReadBounded(stream, maxArticleBytes, out long total);
            return bytes is null
                ? Failed(index, locator, fullPath, format, TooLarge("file", total, maxArticleBytes))
                : new RawArticle(index, locator, fullPath, null, format, bytes.Value);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Failed(index, locator, fullPath, format, Unreadable(e));
        }
    }

    private static RawArticle Failed(long index, string locator, string? path, string format, InputException error) =>
        new(index, locator, path, null, format, ReadOnlyMemory<byte>.Empty) { Error = error };

    private static InputException Unreadable(Exception e) => e is FileNotFoundException or DirectoryNotFoundException
        ? new InputException(InputErrorReason.NotFound, "no such file", innerException: e)
        : new InputException(InputErrorReason.Unreadable, $"cannot be read: {e.Message}", innerException: e);

    private static InputException TooLarge(string what, long size, int limit) =>
        new(InputErrorReason.TooLarge, string.Create(CultureInfo.InvariantCulture, $"{what} is {size} bytes, over the limit of {limit}; {RaiseHint}"));

    // The whole stream when it holds at most `limit` bytes; otherwise null, with `total` counted to the end
    // (reading on in fixed blocks) so the message can say how large it was.
    private static ReadOnlyMemory<byte>? ReadBounded(Stream stream, int limit, out long total)
    {
        if (stream.CanSeek && stream.Length > limit)
        {
            total = stream.Length;
            return null;
        }
        int capacity = stream.CanSeek ? (int)stream.Length : 1 << 16;
        var buffer = new byte[Math.Min(capacity, limit) + 1];
        int filled = 0;
        while (true)
        {
            if (filled == buffer.Length)
            {
                if (buffer.Length > limit)
                {
                    total = filled;
                    var sink = new byte[1 << 16];
                    int n;
                    while ((n = stream.Read(sink)) > 0)
                    {
                        total += n;
                    }
                    return null;
                }
                Array.Resize(ref buffer, (int)Math.Min((long)buffer.Length * 2, (long)limit + 1));
            }
            int read = stream.Read(buffer, filled, buffer.Length - filled);
            if (read == 0)
            {
                total = filled;
                return buffer.AsMemory(0, filled);
            }
            filled += read;
        }
    }

    /// <summary>
    /// Enumerates a stream: JSONL when it starts with <c>{</c>, one HTML page when it starts with <c>&lt;</c>,
    /// else one plain-text article.
    /// </summary>
    /// <param name="stream">The input.</param>
    /// <param name="locator">Its name in locators (<c>stdin</c>).</param>
    /// <param name="maxArticleBytes">The largest article (the whole stream, or one JSONL line) read.</param>
    public static IEnumerable<RawArticle> FromStream(Stream stream, string locator, int maxArticleBytes = DefaultMaxArticleBytes)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxArticleBytes);
        maxArticleBytes = Math.Min(maxArticleBytes, Array.MaxLength - 1); // one array holds an article and a byte more
        // The head is read straight from the stream, not through a BufferedStream: that one reads on to fill a
        // request, which on a live pipe (a crawler feeding stdin) waits for input that has not been written yet.
        var head = new byte[1 << 12];
        int headLength = 0, first = -1;
        while (first < 0)
        {
            if (headLength == head.Length)
            {
                if (headLength > maxArticleBytes)
                {
                    break; // nothing but blank lines: read on as text, which the limit then refuses
                }
                Array.Resize(ref head, head.Length * 2); // only blank lines and byte order marks so far
            }
            int read = stream.Read(head, headLength, head.Length - headLength);
            if (read == 0)
            {
                break;
            }
            int at = head.AsSpan(headLength, read).IndexOfAnyExcept((ReadOnlySpan<byte>)[(byte)' ', (byte)'\t', (byte)'\r', (byte)'\n', 0xEF, 0xBB, 0xBF]);
            headLength += read;
            if (at >= 0)
            {
                first = head[headLength - read + at];
            }
        }
        var rest = new ConcatStream(head.AsSpan(0, headLength).ToArray(), stream);
        if (first == '{')
        {
            return JsonLines(rest, locator, null, 0, maxArticleBytes);
        }
        string format = first == '<' ? "html" : "text";
        var bytes = ReadBounded(rest, maxArticleBytes, out long total);
        return [bytes is null ? Failed(0, locator, null, format, TooLarge("input", total, maxArticleBytes)) : new RawArticle(0, locator, null, null, format, bytes.Value)];
    }

    /// <summary>
    /// One record per non-blank line; the bytes of each line are copied out. A line over
    /// <paramref name="maxArticleBytes"/> is skipped without being held and becomes a record whose
    /// <see cref="RawArticle.Error"/> gives its size.
    /// </summary>
    /// <param name="stream">The JSONL input.</param>
    /// <param name="locator">The file's name in locators (<c>FILE:LINE</c>).</param>
    /// <param name="path">The file, for the records' origin; null for a stream.</param>
    /// <param name="firstIndex">The index of the first record.</param>
    /// <param name="maxArticleBytes">The longest line read.</param>
    public static IEnumerable<RawArticle> JsonLines(Stream stream, string locator, string? path, long firstIndex, int maxArticleBytes = DefaultMaxArticleBytes)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxArticleBytes);
        maxArticleBytes = Math.Min(maxArticleBytes, Array.MaxLength - 1); // one array holds an article and a byte more
        return JsonLinesCore(stream, locator, path is null ? null : Path.GetFullPath(path), firstIndex, maxArticleBytes);
    }

    private static IEnumerable<RawArticle> JsonLinesCore(Stream stream, string locator, string? fullPath, long firstIndex, int max)
    {
        // Room for the longest allowed line and its line feed; the buffer grows only up to that.
        byte[] buffer = new byte[Math.Min(1 << 20, max + 1)];
        int filled = 0;
        long lineNumber = 0, index = firstIndex;
        long skipped = -1; // bytes of an over-long line passed over so far, or -1
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
                if (skipped >= 0 || nl - start > max)
                {
                    long size = Math.Max(skipped, 0) + (nl - start);
                    skipped = -1;
                    yield return Oversized(index++, lineNumber, size);
                }
                else if (LineOf(buffer, start, nl) is { } line)
                {
                    yield return new RawArticle(index++, LocatorOf(lineNumber), fullPath, lineNumber, "json", line);
                }
                start = nl + 1;
            }
            int pending = filled - start;
            if (read == 0)
            {
                if (skipped >= 0 || pending > 0)
                {
                    lineNumber++;
                    if (skipped >= 0 || pending > max)
                    {
                        yield return Oversized(index, lineNumber, Math.Max(skipped, 0) + pending);
                    }
                    else if (LineOf(buffer, start, filled) is { } last)
                    {
                        yield return new RawArticle(index, LocatorOf(lineNumber), fullPath, lineNumber, "json", last);
                    }
                }
                yield break;
            }
            if (skipped >= 0 || pending > max)
            {
                // Over the limit: count the rest of the line and drop it.
                skipped = Math.Max(skipped, 0) + pending;
                filled = 0;
                continue;
            }
            if (start == 0 && pending == buffer.Length)
            {
                Array.Resize(ref buffer, (int)Math.Min((long)buffer.Length * 2, (long)max + 1));
            }
            else
            {
                Buffer.BlockCopy(buffer, start, buffer, 0, pending);
            }
            filled = pending;
        }

        string LocatorOf(long line) => string.Create(CultureInfo.InvariantCulture, $"{locator}:{line}");

        RawArticle Oversized(long i, long line, long size) =>
            new(i, LocatorOf(line), fullPath, line, "json", ReadOnlyMemory<byte>.Empty) { Error = TooLarge("record", size, max) };
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
        // A byte order mark alone on a line (the head of a file or stream before blank lines) is not a record.
        if (buffer.AsSpan(start, end - start).SequenceEqual((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            return null;
        }
        return end > start ? buffer.AsSpan(start, end - start).ToArray() : null;
    }

    /// <summary>
    /// Decodes an article's bytes as UTF-8 (a BOM is dropped; a NUL byte or a UTF-16 BOM is an error): strictly, or
    /// with <paramref name="lenient"/> replacing invalid sequences with U+FFFD.
    /// </summary>
    public static string Decode(RawArticle article, bool lenient = false)
    {
        ArgumentNullException.ThrowIfNull(article);
        return Utf8ChunkReader.DecodeAll(article.Bytes.Span, lenient);
    }

    /// <summary>Reads a raw article strictly (invalid UTF-8 is an error); see <see cref="Read(RawArticle, bool)"/>.</summary>
    public static ArticleInput Read(RawArticle article) => Read(article, lenient: false);

    /// <summary>
    /// Reads a raw article into an <see cref="ArticleInput"/> with the reader its format calls for; an unreadable
    /// article throws <see cref="InputException"/> located at its file and line (or its locator). With
    /// <paramref name="lenient"/>, invalid UTF-8 is replaced with U+FFFD instead (JSON too: the record is decoded
    /// leniently and read from the repaired bytes).
    /// </summary>
    public static ArticleInput Read(RawArticle article, bool lenient)
    {
        ArgumentNullException.ThrowIfNull(article);
        try
        {
            if (article.Error is { } error)
            {
                throw error;
            }
            switch (article.Format)
            {
                case "json":
                    // In a JSONL file the line locates the record even when the record has its own id.
                    var bytes = lenient ? System.Text.Encoding.UTF8.GetBytes(Decode(article, lenient)) : article.Bytes;
                    return JsonArticleReader.Read(bytes, article.Locator, article.Path, article.Line);
                case "html":
                    return HtmlArticleReader.Read(Decode(article, lenient), article.Locator, article.Path);
                default:
                    return new ArticleInput { Id = article.Locator, Origin = new ArticleOrigin(article.Path, null, "text"), PlainText = Decode(article, lenient) };
            }
        }
        catch (InputException e)
        {
            throw e.At(article.Path, article.Line, article.Path is null ? article.Locator : null);
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
