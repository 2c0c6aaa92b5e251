using System.Text.Json;
using Dabir.News.Json;

namespace Dabir.News.Batch;

/// <summary>
/// The errors file of a batch: one JSON object per failed item and line (JSONL) with <c>locator</c> (where the item
/// is in the input, as people read it), <c>path</c>, <c>line</c> (null when not known), <c>reason</c> (a short code
/// to group failures) and <c>message</c> (what went wrong, and where). The file is created (or, appending, opened)
/// at the first error only, so a clean run leaves none. Not thread-safe: write from the ordered consumer.
/// </summary>
public sealed class ErrorsFileWriter : IDisposable
{
    private readonly bool _append;
    private FileStream? _stream;
    private Utf8JsonWriter? _json;

    /// <summary>Creates the writer; nothing is written until the first error.</summary>
    /// <param name="path">The errors file.</param>
    /// <param name="append">Append to an existing file (a resumed run) instead of replacing it.</param>
    public ErrorsFileWriter(string path, bool append = false)
    {
        ArgumentNullException.ThrowIfNull(path);
        Path = path;
        _append = append;
    }

    /// <summary>The errors file.</summary>
    public string Path { get; }

    /// <summary>Errors written.</summary>
    public long Count { get; private set; }

    /// <summary>Writes one line.</summary>
    public void Write(string locator, string? path, long? line, string reason, string message)
    {
        ArgumentNullException.ThrowIfNull(locator);
        ArgumentNullException.ThrowIfNull(reason);
        ArgumentNullException.ThrowIfNull(message);
        if (_stream is null)
        {
            _stream = new FileStream(Path, _append ? FileMode.Append : FileMode.Create, FileAccess.Write, FileShare.Read, 1 << 12);
            _json = new Utf8JsonWriter(_stream, DocumentJsonWriter.Options(indented: false));
        }
        var json = _json!;
        json.Reset();
        json.WriteStartObject();
        json.WriteString("locator", locator);
        json.WriteString("path", path);
        if (line is { } l)
        {
            json.WriteNumber("line", l);
        }
        else
        {
            json.WriteNull("line");
        }
        json.WriteString("reason", reason);
        json.WriteString("message", message);
        json.WriteEndObject();
        json.Flush();
        _stream.WriteByte((byte)'\n');
        // Errors are few: each is on disk at once, for whoever watches the file during a long run.
        _stream.Flush();
        Count++;
    }

    /// <summary>Writes what is buffered to the file.</summary>
    public void Flush() => _stream?.Flush();

    /// <inheritdoc/>
    public void Dispose()
    {
        _json?.Dispose();
        _stream?.Dispose();
    }
}
