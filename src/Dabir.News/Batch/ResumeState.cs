using System.Buffers;
using System.Text.Json;
using Dabir.News.Readers;

namespace Dabir.News.Batch;

/// <summary>
/// What an interrupted batch already wrote: the keys of the complete records of a JSONL output file. Loading it
/// also cuts off a last record left incomplete by the interruption, so the resumed run appends after whole lines.
/// </summary>
public sealed class ResumeState
{
    private readonly HashSet<string> _keys;

    private ResumeState(HashSet<string> keys, long trimmedBytes)
    {
        _keys = keys;
        TrimmedBytes = trimmedBytes;
    }

    /// <summary>Records found.</summary>
    public int Count => _keys.Count;

    /// <summary>Bytes of an incomplete last record removed from the file.</summary>
    public long TrimmedBytes { get; }

    /// <summary>True when a record with this key is already in the output.</summary>
    public bool Contains(string key) => _keys.Contains(key);

    /// <summary>
    /// Reads the output file (an absent file is an empty state) and removes a cut-short last record.
    /// </summary>
    /// <param name="outputPath">The JSONL output of the earlier run.</param>
    /// <param name="keyOf">The key of one line (without its line feed), or null when the line is not a whole record.</param>
    public static ResumeState Load(string outputPath, Func<ReadOnlyMemory<byte>, string?> keyOf)
    {
        ArgumentNullException.ThrowIfNull(outputPath);
        ArgumentNullException.ThrowIfNull(keyOf);
        var keys = new HashSet<string>(StringComparer.Ordinal);
        if (!File.Exists(outputPath))
        {
            return new ResumeState(keys, 0);
        }
        long goodLength = 0, length;
        using (var stream = new FileStream(outputPath, FileMode.Open, FileAccess.ReadWrite, FileShare.Read, 1, FileOptions.SequentialScan))
        {
            length = stream.Length;
            var line = new ArrayBufferWriter<byte>(1 << 16);
            var block = new byte[1 << 16];
            long position = 0;
            int read;
            while ((read = stream.Read(block)) > 0)
            {
                var span = block.AsSpan(0, read);
                int nl;
                while ((nl = span.IndexOf((byte)'\n')) >= 0)
                {
                    line.Write(span[..nl]);
                    position += nl + 1;
                    if (keyOf(line.WrittenMemory) is { } key)
                    {
                        keys.Add(key);
                        goodLength = position;
                    }
                    line.ResetWrittenCount();
                    span = span[(nl + 1)..];
                }
                line.Write(span);
                position += span.Length;
            }
            // Only lines ending with a line feed count: anything after the last whole record is a cut-short write.
            if (length > goodLength)
            {
                stream.SetLength(goodLength);
            }
        }
        return new ResumeState(keys, length - goodLength);
    }

    /// <summary>
    /// The key of a document record (<c>schemas/document-v1.schema.json</c>): its <c>origin</c> path and line as
    /// <see cref="RawArticle.ResumeKeyOf"/> writes them, so that a record's own <c>id</c> never decides whether an
    /// input line was done. Null for a line that is not one whole JSON object with an origin.
    /// </summary>
    public static string? DocumentOriginKey(ReadOnlyMemory<byte> record)
    {
        try
        {
            var reader = new Utf8JsonReader(record.Span);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return null;
            }
            string? path = null;
            long? line = null;
            bool hasOrigin = false;
            while (reader.Read() && reader.CurrentDepth >= 1)
            {
                if (reader.TokenType == JsonTokenType.PropertyName && reader.CurrentDepth == 1 && reader.ValueTextEquals("origin"u8))
                {
                    reader.Read();
                    if (reader.TokenType != JsonTokenType.StartObject)
                    {
                        return null;
                    }
                    hasOrigin = true;
                    while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
                    {
                        bool isPath = reader.ValueTextEquals("path"u8), isLine = reader.ValueTextEquals("line"u8);
                        reader.Read();
                        if (isPath && reader.TokenType == JsonTokenType.String)
                        {
                            path = reader.GetString();
                        }
                        else if (isLine && reader.TokenType == JsonTokenType.Number)
                        {
                            line = reader.GetInt64();
                        }
                        reader.Skip();
                    }
                }
                else if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
                {
                    reader.Skip();
                }
            }
            // A whole object: the reader got back to depth 0 without running out of bytes.
            bool whole = reader.TokenType == JsonTokenType.EndObject && reader.CurrentDepth == 0;
            return whole && hasOrigin ? RawArticle.ResumeKeyOf(path, line) : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
