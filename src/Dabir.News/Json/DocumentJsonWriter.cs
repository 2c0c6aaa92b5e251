using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Dabir.Text;

namespace Dabir.News.Json;

/// <summary>
/// Writes <see cref="NewsDocument"/>s as JSON following <c>schemas/document-v1.schema.json</c>. Field order is
/// fixed (identity first, then structure, attribution, dates, numbers, the later stages' arrays and the texts).
/// </summary>
public static class DocumentJsonWriter
{
    /// <summary>Writer options: Persian text unescaped, optionally indented.</summary>
    public static JsonWriterOptions Options(bool indented) => new()
    {
        Indented = indented,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        SkipValidation = false,
    };

    /// <summary>
    /// Characters the writer's encoder would escape (asked once per code unit) and every surrogate, except the
    /// line break, carriage return and tab, which <see cref="WriteText"/> escapes itself as the writer does.
    /// </summary>
    private static readonly bool[] Escaped = BuildEscaped();

    /// <summary>Shorter strings go through the writer's own escaping; longer ones are checked against <see cref="Escaped"/>.</summary>
    private const int FastPathLength = 48;

    private static bool[] BuildEscaped()
    {
        var encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping;
        var escaped = new bool[0x10000];
        for (int c = 0; c < escaped.Length; c++)
        {
            escaped[c] = char.IsSurrogate((char)c) || c < 0x20 || c is '"' or '\\' || encoder.WillEncode(c);
        }
        escaped['\n'] = escaped['\r'] = escaped['\t'] = false;
        return escaped;
    }

    /// <summary>
    /// Writes a text value. The texts (title, paragraphs, the whole article twice) are most of a record, and the
    /// writer's escaping goes through the encoder one character at a time from the first line break on: a text
    /// with nothing to escape but line breaks and tabs (nearly all) is transcoded with the vectorized UTF-8
    /// encoder, its line breaks escaped here, and written raw — the same bytes as the writer's.
    /// </summary>
    private static void WriteText(Utf8JsonWriter writer, string name, string value)
    {
        if (value.Length < FastPathLength || NeedsEscaping(value))
        {
            writer.WriteString(name, value);
            return;
        }
        // Each UTF-16 unit takes at most 3 bytes, and an escaped one 2; plus the quotes.
        byte[] buffer = ArrayPool<byte>.Shared.Rent(3 * value.Length + 2);
        var span = value.AsSpan();
        int length = 0;
        buffer[length++] = (byte)'"';
        while (!span.IsEmpty)
        {
            int cut = span.IndexOfAny('\n', '\r', '\t');
            var run = cut < 0 ? span : span[..cut];
            length += Encoding.UTF8.GetBytes(run, buffer.AsSpan(length));
            if (cut < 0)
            {
                break;
            }
            buffer[length++] = (byte)'\\';
            buffer[length++] = span[cut] switch { '\n' => (byte)'n', '\r' => (byte)'r', _ => (byte)'t' };
            span = span[(cut + 1)..];
        }
        buffer[length++] = (byte)'"';
        writer.WritePropertyName(name);
        writer.WriteRawValue(buffer.AsSpan(0, length), skipInputValidation: true);
        ArrayPool<byte>.Shared.Return(buffer);
    }

    private static bool NeedsEscaping(string value)
    {
        var escaped = Escaped;
        foreach (char c in value)
        {
            if (escaped[c])
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>One document's record as UTF-8 JSON (what <c>dabir analyze</c> writes for it).</summary>
    public static byte[] ToUtf8(NewsDocument doc, bool indented)
    {
        var buffer = new ArrayBufferWriter<byte>(16384);
        using (var writer = new Utf8JsonWriter(buffer, Options(indented)))
        {
            Write(writer, doc);
        }
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Writes one document as a JSON object.</summary>
    public static void Write(Utf8JsonWriter writer, NewsDocument doc)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(doc);
        writer.WriteStartObject();
        writer.WriteString("schema", NewsDocument.SchemaId);
        writer.WriteString("id", doc.Id);
        writer.WriteStartObject("origin");
        WriteNullable(writer, "path", doc.Origin.Path);
        if (doc.Origin.Line is { } line)
        {
            writer.WriteNumber("line", line);
        }
        else
        {
            writer.WriteNull("line");
        }
        writer.WriteString("format", doc.Origin.Format);
        writer.WriteEndObject();
        WriteNullable(writer, "url", doc.Url);
        WriteAgency(writer, doc.Agency);
        WriteField(writer, "dateline", doc.Dateline);
        WriteField(writer, "reporter", doc.Reporter);
        writer.WritePropertyName("published");
        WriteDate(writer, doc.Published);
        WriteField(writer, "title", doc.Title);
        WriteField(writer, "lead", doc.Lead);
        writer.WriteStartArray("paragraphs");
        foreach (var p in doc.Paragraphs)
        {
            WriteFieldValue(writer, p);
        }
        writer.WriteEndArray();
        writer.WriteStartArray("removed");
        foreach (var r in doc.Removed)
        {
            writer.WriteStartObject();
            WriteText(writer, "text", r.Text);
            WriteSpan(writer, r.Span);
            writer.WriteString("reason", r.Reason);
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
        writer.WriteStartArray("dates");
        foreach (var d in doc.Dates)
        {
            WriteDate(writer, d);
        }
        writer.WriteEndArray();
        writer.WriteStartArray("numbers");
        foreach (var n in doc.Numbers)
        {
            writer.WriteStartObject();
            writer.WriteString("text", n.Text);
            WriteSpan(writer, n.Span);
            writer.WriteNumber("value", n.Value);
            WriteNullable(writer, "unit", n.Unit);
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
        writer.WriteStartArray("sentences");
        foreach (var s in doc.Sentences)
        {
            writer.WriteStartObject();
            WriteSpan(writer, s.Span);
            writer.WriteNumber("firstToken", s.FirstToken);
            writer.WriteNumber("tokenCount", s.TokenCount);
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
        writer.WriteStartArray("tokens");
        foreach (var t in doc.Tokens)
        {
            writer.WriteStartObject();
            writer.WriteString("form", t.Form);
            WriteNullable(writer, "lemma", t.Lemma);
            WriteNullable(writer, "upos", t.Upos);
            WriteNullable(writer, "xpos", t.Xpos);
            WriteSpan(writer, t.Span);
            if (t.Words is { } words)
            {
                writer.WriteStartArray("words");
                foreach (var w in words)
                {
                    writer.WriteStartObject();
                    writer.WriteString("form", w.Form);
                    WriteNullable(writer, "lemma", w.Lemma);
                    WriteNullable(writer, "upos", w.Upos);
                    WriteNullable(writer, "xpos", w.Xpos);
                    writer.WriteEndObject();
                }
                writer.WriteEndArray();
            }
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
        writer.WriteStartArray("entities");
        foreach (var e in doc.Entities)
        {
            writer.WriteStartObject();
            writer.WriteString("text", e.Text);
            writer.WriteString("label", e.Label);
            WriteSpan(writer, e.Span);
            writer.WriteNumber("firstToken", e.FirstToken);
            writer.WriteNumber("tokenCount", e.TokenCount);
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
        // Later layers' sections; "events" keeps its place in the schema and is an empty array without an event stage.
        IRecordSection? events = null;
        foreach (var section in doc.Sections)
        {
            if (section.PropertyName == "events")
            {
                events = section;
                continue;
            }
            writer.WritePropertyName(section.PropertyName);
            section.WriteValue(writer, doc.Document!);
        }
        writer.WritePropertyName("events");
        if (events is null)
        {
            writer.WriteStartArray();
            writer.WriteEndArray();
        }
        else
        {
            events.WriteValue(writer, doc.Document!);
        }
        WriteText(writer, "text", doc.Text);
        WriteText(writer, "sourceText", doc.SourceText);
        writer.WriteEndObject();
    }

    private static void WriteAgency(Utf8JsonWriter writer, AgencyMention? mention)
    {
        if (mention is null)
        {
            writer.WriteNull("agency");
            return;
        }
        writer.WriteStartObject("agency");
        writer.WriteString("id", mention.Agency.Id);
        writer.WriteString("name", mention.Agency.Name);
        writer.WriteString("nameFa", mention.Agency.PersianName);
        writer.WriteString("countryCode", mention.Agency.CountryCode);
        writer.WriteString("country", mention.Agency.Country);
        writer.WriteString("cue", mention.Cue);
        WriteField(writer, "evidence", mention.Evidence);
        writer.WriteEndObject();
    }

    private static void WriteDate(Utf8JsonWriter writer, DateMention? d)
    {
        if (d is null)
        {
            writer.WriteNullValue();
            return;
        }
        writer.WriteStartObject();
        writer.WriteString("text", d.Text);
        if (d.Span is { } span)
        {
            WriteSpan(writer, span);
        }
        else
        {
            writer.WriteNull("span");
        }
        WriteNullable(writer, "iso", d.Iso);
        writer.WriteString("calendar", d.Calendar);
        WriteNullable(writer, "time", d.Time);
        writer.WriteBoolean("relative", d.Relative);
        writer.WriteEndObject();
    }

    private static void WriteField(Utf8JsonWriter writer, string name, TextField? field)
    {
        writer.WritePropertyName(name);
        if (field is null)
        {
            writer.WriteNullValue();
        }
        else
        {
            WriteFieldValue(writer, field);
        }
    }

    private static void WriteFieldValue(Utf8JsonWriter writer, TextField field)
    {
        writer.WriteStartObject();
        WriteText(writer, "text", field.Text);
        WriteSpan(writer, field.Span);
        writer.WriteEndObject();
    }

    private static void WriteSpan(Utf8JsonWriter writer, TextSpan span)
    {
        writer.WriteStartObject("span");
        writer.WriteNumber("start", span.Start);
        writer.WriteNumber("end", span.End);
        writer.WriteEndObject();
    }

    private static void WriteNullable(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is null)
        {
            writer.WriteNull(name);
        }
        else
        {
            writer.WriteString(name, value);
        }
    }
}
