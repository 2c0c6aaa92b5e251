using System.Text.Json;
using Dabir.News;
using Dabir.Pipeline;
using Dabir.Text;

namespace Dabir.Events;

/// <summary>One actor mention: where it is, whom it names and how that was decided.</summary>
public sealed class ActorMention
{
    /// <summary>Source span (<c>SourceText[Span]</c> is the mention as crawled).</summary>
    public required TextSpan Span { get; init; }

    /// <summary>The mention as in the repaired text.</summary>
    public required string Text { get; init; }

    /// <summary>Actor id: ISO3 for a state, the dictionary id of an organization, a person's slug, or <c>role:…</c>.</summary>
    public required string ActorId { get; init; }

    /// <summary>Canonical English name (a role with its complement reads «Minister of Foreign Affairs (Iran)»).</summary>
    public required string Name { get; init; }

    /// <summary>ISO 3166 alpha-3; PSE; UNO for the UN family; EUR for the EU; IGO for other intergovernmental bodies; empty when unknown.</summary>
    public required string Country { get; init; }

    /// <summary>PLOVER 0.8 sector (GOV, MIL, JRN, …, IGO) or empty.</summary>
    public required string Sector { get; init; }

    /// <summary>CAMEO-style code (IRNGOV, IGOSEAASN, …).</summary>
    public required string Cameo { get; init; }

    /// <summary>How it was resolved: <c>alias</c>, <c>role</c>, <c>apposition</c>, <c>anaphor</c> or <c>publisher</c>.</summary>
    public required string Resolution { get; init; }

    /// <summary>Confidence in [0, 1].</summary>
    public required double Confidence { get; init; }

    /// <summary>Index of the sentence in the segmented text.</summary>
    public required int Sentence { get; init; }

    /// <summary>Index of the first UD word in <see cref="Segmentation.SegmentedText.Words"/>.</summary>
    public required int FirstWord { get; init; }

    /// <summary>Number of UD words.</summary>
    public required int WordCount { get; init; }

    /// <summary>True when a person's role was taken from the most recent spell because the article has no date.</summary>
    public bool DateAssumed { get; init; }

    internal ActorKind Kind { get; init; }

    /// <summary>The mention this one restates (an apposition or a parenthesis), or -1.</summary>
    internal int Head { get; set; } = -1;

    /// <summary>A place rather than an actor («در تهران»).</summary>
    internal bool IsLocation { get; init; }

    /// <summary>Inside «به گزارش X» / «به نقل از X»: the source of the report, not an actor in it.</summary>
    internal bool IsAttribution { get; init; }

    /// <summary>An unnamed group with no country of its own: as an event's recipient it takes the acting country.</summary>
    internal bool IsDomestic { get; init; }

    /// <summary>This unnamed group as a recipient of <paramref name="actor"/>'s act: of the actor's country, resolved by that context.</summary>
    internal ActorMention InCountryOf(ActorMention actor) => new()
    {
        Span = Span, Text = Text, ActorId = actor.Country + "-" + Sector, Name = $"{Name} ({actor.Country})", Country = actor.Country,
        Sector = Sector, Cameo = actor.Country + Sector, Resolution = "context", Confidence = 0.4, Sentence = Sentence,
        FirstWord = FirstWord, WordCount = WordCount, Kind = Kind, Head = Head,
    };

    /// <summary>A vague collective («نهادهای بین‌المللی»): listed, never an event's actor or recipient.</summary>
    internal bool IsVague { get; init; }

    internal int EndWord => FirstWord + WordCount;
}

/// <summary>The document's actor mentions in text order; written into the record as <c>actors</c>.</summary>
/// <param name="items">The mentions.</param>
public sealed class ActorMentions(IReadOnlyList<ActorMention> items) : IRecordSection
{
    /// <summary>The mentions, in text order.</summary>
    public IReadOnlyList<ActorMention> Items { get; } = items ?? throw new ArgumentNullException(nameof(items));

    /// <inheritdoc />
    public string PropertyName => "actors";

    /// <inheritdoc />
    public void WriteValue(Utf8JsonWriter writer, AnalysisDocument document)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartArray();
        foreach (var m in Items)
        {
            if (m.IsLocation || m.Country.Length == 0)
            {
                continue;
            }
            writer.WriteStartObject();
            writer.WriteString("text", m.Text);
            writer.WriteNumber("start", m.Span.Start);
            writer.WriteNumber("end", m.Span.End);
            WriteActorFields(writer, m);
            writer.WriteString("resolution", m.Resolution);
            writer.WriteNumber("confidence", Math.Round(m.Confidence, 2));
            writer.WriteNumber("sentence", m.Sentence);
            if (m.DateAssumed)
            {
                writer.WriteBoolean("dateAssumed", true);
            }
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
    }

    internal static void WriteActorFields(Utf8JsonWriter writer, ActorMention m)
    {
        writer.WriteString("id", m.ActorId);
        writer.WriteString("name", m.Name);
        writer.WriteString("country", m.Country);
        writer.WriteString("sector", m.Sector);
        writer.WriteString("cameo", m.Cameo);
    }
}
