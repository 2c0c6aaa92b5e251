using System.Text.Json;
using Dabir.News;
using Dabir.Pipeline;
using Dabir.Text;

namespace Dabir.Events;

/// <summary>One coded event: who did what to whom (PLOVER 0.8 type and mode, CAMEO code), where it is said, and how sure.</summary>
public sealed class PoliticalEvent
{
    /// <summary>PLOVER 0.8 event type (AGREE, CONSULT, …, ASSAULT).</summary>
    public required string Type { get; init; }

    /// <summary>PLOVER mode (visit, phone, allege, disapprove, …) or empty.</summary>
    public required string Mode { get; set; }

    /// <summary>PLOVER contexts from the CAMEO code (diplomatic, military, …).</summary>
    public required IReadOnlyList<string> Context { get; init; }

    /// <summary>The actor who acts.</summary>
    public required ActorMention Actor { get; init; }

    /// <summary>Whom the act is aimed at (may be empty); restatements add theirs.</summary>
    public required IReadOnlyList<ActorMention> Recipients { get; set; }

    /// <summary>CAMEO event code.</summary>
    public required string Cameo { get; init; }

    /// <summary>CAMEO code name.</summary>
    public required string CameoName { get; init; }

    /// <summary>Goldstein value of the CAMEO code.</summary>
    public required double Goldstein { get; init; }

    /// <summary>Quad class: 1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict.</summary>
    public required int Quad { get; init; }

    /// <summary>The trigger as in the repaired text (its matched words).</summary>
    public required string TriggerText { get; init; }

    /// <summary>The trigger's source span.</summary>
    public required TextSpan TriggerSpan { get; init; }

    /// <summary>Index of the sentence of the first statement.</summary>
    public required int Sentence { get; init; }

    /// <summary>True for a negated predicate coded as its refusal («نپذیرفت» → REJECT).</summary>
    public required bool Negated { get; init; }

    /// <summary><c>core</c> (reported as happening now) or <c>background</c> (historical, hypothetical, past perfect).</summary>
    public required string Tier { get; set; }

    /// <summary>Who the report is credited to in its sentence («به گزارش X», «به نقل از X»), or null.</summary>
    public string? Attribution { get; init; }

    /// <summary>Source spans of the triggers of later statements of the same event (title, lead, body).</summary>
    public List<TextSpan> Restatements { get; } = [];

    /// <summary>Confidence in [0, 1].</summary>
    public double Confidence { get; init; }

    /// <summary>
    /// Reads an event back from the object its record holds (the <c>events</c> array): what a store keeps, so that
    /// stored events go through the same writers as fresh ones. Fields the object does not carry (an actor's
    /// confidence and word position) are 0.
    /// </summary>
    /// <exception cref="KeyNotFoundException">A required field is missing.</exception>
    public static PoliticalEvent FromJson(JsonElement json)
    {
        static string S(JsonElement e, string name) => e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString()! : "";
        static TextSpan Span(JsonElement e) => TextSpan.FromBounds(e.GetProperty("start").GetInt32(), e.GetProperty("end").GetInt32());
        static ActorMention Actor(JsonElement e) => new()
        {
            Span = Span(e),
            Text = S(e, "text"),
            ActorId = S(e, "id"),
            Name = S(e, "name"),
            Country = S(e, "country"),
            Sector = S(e, "sector"),
            Cameo = S(e, "cameo"),
            Resolution = S(e, "resolution"),
            Confidence = 0,
            Sentence = 0,
            FirstWord = 0,
            WordCount = 0,
        };
        var trigger = json.GetProperty("trigger");
        var ev = new PoliticalEvent
        {
            Type = S(json, "type"),
            Mode = S(json, "mode"),
            Context = json.TryGetProperty("context", out var c) ? [.. c.EnumerateArray().Select(x => x.GetString() ?? "")] : [],
            Actor = Actor(json.GetProperty("actor")),
            Recipients = json.TryGetProperty("recipients", out var r) ? [.. r.EnumerateArray().Select(Actor)] : [],
            Cameo = S(json, "cameo"),
            CameoName = S(json, "cameoName"),
            Goldstein = json.TryGetProperty("goldstein", out var g) ? g.GetDouble() : 0,
            Quad = json.TryGetProperty("quad", out var q) ? q.GetInt32() : 0,
            TriggerText = S(trigger, "text"),
            TriggerSpan = Span(trigger),
            Sentence = json.TryGetProperty("sentence", out var n) ? n.GetInt32() : 0,
            Negated = json.TryGetProperty("negated", out var neg) && neg.ValueKind == JsonValueKind.True,
            Tier = S(json, "tier"),
            Attribution = json.TryGetProperty("attribution", out var a) && a.ValueKind == JsonValueKind.String ? a.GetString() : null,
            Confidence = json.TryGetProperty("confidence", out var conf) ? conf.GetDouble() : 0,
        };
        if (json.TryGetProperty("restatements", out var rs))
        {
            ev.Restatements.AddRange(rs.EnumerateArray().Select(Span));
        }
        return ev;
    }

    internal void Write(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteString("type", Type);
        writer.WriteString("mode", Mode);
        writer.WriteStartArray("context");
        foreach (var c in Context)
        {
            writer.WriteStringValue(c);
        }
        writer.WriteEndArray();
        writer.WritePropertyName("actor");
        WriteActor(writer, Actor);
        writer.WriteStartArray("recipients");
        foreach (var r in Recipients)
        {
            WriteActor(writer, r);
        }
        writer.WriteEndArray();
        writer.WriteString("cameo", Cameo);
        writer.WriteString("cameoName", CameoName);
        writer.WriteNumber("goldstein", Goldstein);
        writer.WriteNumber("quad", Quad);
        writer.WriteStartObject("trigger");
        writer.WriteString("text", TriggerText);
        writer.WriteNumber("start", TriggerSpan.Start);
        writer.WriteNumber("end", TriggerSpan.End);
        writer.WriteEndObject();
        writer.WriteNumber("sentence", Sentence);
        writer.WriteBoolean("negated", Negated);
        writer.WriteString("tier", Tier);
        if (Attribution is null)
        {
            writer.WriteNull("attribution");
        }
        else
        {
            writer.WriteString("attribution", Attribution);
        }
        writer.WriteStartArray("restatements");
        foreach (var s in Restatements)
        {
            writer.WriteStartObject();
            writer.WriteNumber("start", s.Start);
            writer.WriteNumber("end", s.End);
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
        writer.WriteNumber("confidence", Math.Round(Confidence, 2));
        writer.WriteEndObject();
    }

    private static void WriteActor(Utf8JsonWriter writer, ActorMention m)
    {
        writer.WriteStartObject();
        writer.WriteString("text", m.Text);
        writer.WriteNumber("start", m.Span.Start);
        writer.WriteNumber("end", m.Span.End);
        ActorMentions.WriteActorFields(writer, m);
        writer.WriteString("resolution", m.Resolution);
        writer.WriteEndObject();
    }
}

/// <summary>A list of events written into the record as one array (the shape shared by <see cref="EventMentions"/> and <see cref="BackgroundEvents"/>).</summary>
/// <param name="items">The events, in text order of their first statement.</param>
public abstract class EventList(IReadOnlyList<PoliticalEvent> items) : IRecordSection
{
    /// <summary>The events.</summary>
    public IReadOnlyList<PoliticalEvent> Items { get; } = items ?? throw new ArgumentNullException(nameof(items));

    /// <inheritdoc />
    public abstract string PropertyName { get; }

    /// <inheritdoc />
    public void WriteValue(Utf8JsonWriter writer, AnalysisDocument document)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartArray();
        foreach (var e in Items)
        {
            e.Write(writer);
        }
        writer.WriteEndArray();
    }
}

/// <summary>
/// The document's core events (what the article reports as happening now, with the recipient identified unless the type
/// is monadic: PROTEST, MOBILIZE); written into the record as <c>events</c>. Everything else is a separate layer
/// (<see cref="BackgroundEvents"/>), so a consumer that counts <c>events</c> counts only today's news.
/// </summary>
/// <param name="items">The core events, in text order of their first statement.</param>
public sealed class EventMentions(IReadOnlyList<PoliticalEvent> items) : EventList(items)
{
    /// <inheritdoc />
    public override string PropertyName => "events";
}

/// <summary>
/// The other events: background (historical, hypothetical, past perfect; <c>tier: background</c>) and core events whose
/// recipient was not identified (<c>tier: core</c>); written as <c>otherEvents</c>.
/// </summary>
/// <param name="items">The events.</param>
public sealed class BackgroundEvents(IReadOnlyList<PoliticalEvent> items) : EventList(items)
{
    /// <inheritdoc />
    public override string PropertyName => "otherEvents";
}
