using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Dabir.Events;

/// <summary>
/// Event-only outputs of <c>dabir events</c>: Dabir's JSON lines, PLOVER 0.8 JSON records, and the tab-separated layout of
/// GDELT 1.0 event records (58 columns, one row per actor–recipient pair).
/// </summary>
public static class EventFormats
{
    /// <summary>One JSON object per event: the document's id, url and date, then the event as in the record.</summary>
    public static void WriteJsonLine(Utf8JsonWriter writer, string documentId, string? url, string? date, PoliticalEvent ev)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(ev);
        using var buffer = new MemoryStream();
        using (var inner = new Utf8JsonWriter(buffer))
        {
            ev.Write(inner);
        }
        using var parsed = JsonDocument.Parse(buffer.ToArray());
        writer.WriteStartObject();
        writer.WriteString("document", documentId);
        writer.WriteString("url", url);
        writer.WriteString("date", date);
        foreach (var property in parsed.RootElement.EnumerateObject())
        {
            property.WriteTo(writer);
        }
        writer.WriteEndObject();
    }

    /// <summary>A PLOVER 0.8 record (required: id, date, actor, event; with recipient, mode, context, quad_code, event_text, link).</summary>
    public static void WritePlover(Utf8JsonWriter writer, string eventId, string? url, string? date, PoliticalEvent ev)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(ev);
        writer.WriteStartObject();
        writer.WriteString("id", eventId);
        writer.WriteString("date", date ?? "");
        writer.WriteStartArray("actor");
        PloverEntity(writer, ev.Actor);
        writer.WriteEndArray();
        writer.WriteStartArray("recipient");
        foreach (var r in ev.Recipients)
        {
            PloverEntity(writer, r);
        }
        writer.WriteEndArray();
        writer.WriteStartArray("event");
        writer.WriteStringValue(ev.Type);
        writer.WriteEndArray();
        writer.WriteStartArray("mode");
        if (ev.Mode.Length > 0)
        {
            writer.WriteStringValue(ev.Mode);
        }
        writer.WriteEndArray();
        writer.WriteStartArray("context");
        foreach (var c in ev.Context)
        {
            writer.WriteStringValue(c);
        }
        writer.WriteEndArray();
        writer.WriteNumber("quad_code", ev.Quad);
        writer.WriteString("event_text", ev.TriggerText);
        writer.WriteString("link", url ?? "");
        writer.WriteString("coder", "dabir");
        writer.WriteString("cameo", ev.Cameo);
        writer.WriteBoolean("negated", ev.Negated);
        writer.WriteEndObject();
    }

    private static void PloverEntity(Utf8JsonWriter writer, ActorMention m)
    {
        writer.WriteStartObject();
        writer.WriteString("code", m.Country);
        writer.WriteString("sector", m.Sector);
        writer.WriteString("entity_text", m.Text);
        writer.WriteString("identifier_text", m.Name);
        writer.WriteString("identifier_id", m.ActorId);
        writer.WriteEndObject();
    }

    /// <summary>The 58 tab-separated GDELT 1.0 event columns, one line per actor–recipient pair (an event without recipient gives one line with Actor2 empty).</summary>
    public static void WriteGdelt(TextWriter writer, long firstId, string? url, string? date, PoliticalEvent ev)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(ev);
        string sqlDate = date is { Length: >= 10 } ? date[..10].Replace("-", "", StringComparison.Ordinal) : "";
        string year = sqlDate.Length == 8 ? sqlDate[..4] : "";
        string monthYear = sqlDate.Length == 8 ? sqlDate[..6] : "";
        string fraction = sqlDate.Length == 8
            ? (int.Parse(year, CultureInfo.InvariantCulture) + (int.Parse(sqlDate.AsSpan(4, 2), CultureInfo.InvariantCulture) - 1) / 12.0
               + (int.Parse(sqlDate.AsSpan(6, 2), CultureInfo.InvariantCulture) - 1) / 365.0).ToString("0.0000", CultureInfo.InvariantCulture)
            : "";
        var recipients = ev.Recipients.Count > 0 ? ev.Recipients : [null!];
        long id = firstId;
        foreach (var r in recipients)
        {
            var cols = new List<string>(58) { (id++).ToString(CultureInfo.InvariantCulture), sqlDate, monthYear, year, fraction };
            Actor(cols, ev.Actor);
            Actor(cols, r);
            cols.Add("1");
            cols.Add(ev.Cameo);
            cols.Add(ev.Cameo.Length > 3 ? ev.Cameo[..3] : ev.Cameo);
            cols.Add(ev.Cameo.Length >= 2 ? ev.Cameo[..2] : ev.Cameo);
            cols.Add(ev.Quad.ToString(CultureInfo.InvariantCulture));
            cols.Add(ev.Goldstein.ToString("0.0", CultureInfo.InvariantCulture));
            cols.Add((1 + ev.Restatements.Count).ToString(CultureInfo.InvariantCulture));
            cols.Add("1");
            cols.Add("1");
            cols.Add("");
            for (int g = 0; g < 21; g++)
            {
                cols.Add("");
            }
            cols.Add(sqlDate);
            cols.Add(url ?? "");
            var line = new StringBuilder();
            for (int i = 0; i < cols.Count; i++)
            {
                if (i > 0)
                {
                    line.Append('\t');
                }
                line.Append(cols[i].Replace('\t', ' ').Replace('\n', ' '));
            }
            writer.WriteLine(line.ToString());
        }
    }

    private static void Actor(List<string> cols, ActorMention? m)
    {
        if (m is null)
        {
            for (int i = 0; i < 10; i++)
            {
                cols.Add("");
            }
            return;
        }
        bool igo = m.Cameo.StartsWith("IGO", StringComparison.Ordinal);
        cols.Add(m.Cameo);
        cols.Add(m.Name.ToUpperInvariant());
        cols.Add(igo || m.Country.Length != 3 ? "" : m.Country);
        cols.Add(igo && m.Cameo.Length > 6 ? m.Cameo[6..] : igo && m.Cameo.Length > 3 ? m.Cameo[3..] : "");
        cols.Add("");
        cols.Add("");
        cols.Add("");
        cols.Add(igo ? "IGO" : m.Sector);
        cols.Add("");
        cols.Add("");
    }
}
