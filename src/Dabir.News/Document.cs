using System.Text.Json;
using Dabir.Pipeline;
using Dabir.Segmentation;
using Dabir.Tagging;
using Dabir.Text;

namespace Dabir.News;

/// <summary>
/// One analysed article: the versioned record <c>dabir analyze</c> writes (schema
/// <c>schemas/document-v1.schema.json</c>). Stages after article reading (segmentation, tagging, entities,
/// events) add to the same record.
/// </summary>
/// <remarks>
/// Every span is a range of UTF-16 code units in <see cref="SourceText"/>: the crawled text for a plain-text
/// article, and for JSON and HTML inputs the text the reader composed from the record's fields (title, lead,
/// then the body paragraphs, separated by blank lines). Texts (<c>Title.Text</c>, paragraph texts, ...) are
/// taken from the repaired <see cref="Text"/>.
/// </remarks>
public sealed class NewsDocument
{
    /// <summary>The schema version this record follows.</summary>
    public const string SchemaId = "dabir.document/1";

    /// <summary>Stable identifier: the file's path relative to the input folder, or the record's id, or FILE:LINE.</summary>
    public required string Id { get; init; }

    /// <summary>Where the article came from.</summary>
    public required ArticleOrigin Origin { get; init; }

    /// <summary>The article's address when the input gave one.</summary>
    public string? Url { get; init; }

    /// <summary>The text every span points into.</summary>
    public required string SourceText { get; init; }

    /// <summary>The repaired text (characters, spacing, half-spaces), line for line like the source.</summary>
    public required string Text { get; init; }

    /// <summary>What article reading found: structure, attribution, dates and numbers.</summary>
    public required ArticleLayout Layout { get; init; }

    /// <inheritdoc cref="ArticleLayout.Title"/>
    public TextField? Title => Layout.Title;

    /// <inheritdoc cref="ArticleLayout.Lead"/>
    public TextField? Lead => Layout.Lead;

    /// <inheritdoc cref="ArticleLayout.Paragraphs"/>
    public IReadOnlyList<TextField> Paragraphs => Layout.Paragraphs;

    /// <inheritdoc cref="ArticleLayout.Removed"/>
    public IReadOnlyList<RemovedText> Removed => Layout.Removed;

    /// <inheritdoc cref="ArticleLayout.Agency"/>
    public AgencyMention? Agency => Layout.Agency;

    /// <inheritdoc cref="ArticleLayout.Dateline"/>
    public TextField? Dateline => Layout.Dateline;

    /// <inheritdoc cref="ArticleLayout.Reporter"/>
    public TextField? Reporter => Layout.Reporter;

    /// <inheritdoc cref="ArticleLayout.Published"/>
    public DateMention? Published => Layout.Published;

    /// <inheritdoc cref="ArticleLayout.Dates"/>
    public IReadOnlyList<DateMention> Dates => Layout.Dates;

    /// <inheritdoc cref="ArticleLayout.Numbers"/>
    public IReadOnlyList<NumberMention> Numbers => Layout.Numbers;

    /// <summary>Sentences; filled by the segmentation stage (empty after article reading alone).</summary>
    public IReadOnlyList<Sentence> Sentences { get; init; } = [];

    /// <summary>Tokens; filled by the segmentation and tagging stages (empty after article reading alone).</summary>
    public IReadOnlyList<Token> Tokens { get; init; } = [];

    /// <summary>Named entities found by the tagging stage, in text order (empty without it).</summary>
    public IReadOnlyList<NamedEntity> Entities { get; init; } = [];

    /// <summary>Record sections written by later layers (actors, events …): the document's layers that implement <see cref="IRecordSection"/>.</summary>
    public IReadOnlyList<IRecordSection> Sections { get; init; } = [];

    /// <summary>The document the record was read from (for <see cref="Sections"/>); null for a record made by hand.</summary>
    public AnalysisDocument? Document { get; init; }

    /// <summary>
    /// The record view of a document that went through article reading: identity and layout from its
    /// <see cref="ArticleFields"/> and <see cref="ArticleLayout"/>, and, when their stages ran, sentences and tokens
    /// (a token takes its host word's UPOS, XPOS and lemma), entities and the later layers' sections.
    /// </summary>
    /// <exception cref="InvalidOperationException">The document has no article layout.</exception>
    public static NewsDocument From(AnalysisDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var input = document.Get<ArticleFields>().Input;
        var aligned = document.Get<AlignedText>();
        var layout = document.Get<ArticleLayout>();
        var sentences = new List<Sentence>();
        var tokens = new List<Token>();
        var entities = new List<NamedEntity>();
        if (document.Find<SegmentedText>() is { } segmented)
        {
            var pos = document.Find<PosTags>();
            var lemmas = document.Find<Lemmas>();
            string text = aligned.Text;
            foreach (var sentence in segmented.Sentences)
            {
                var first = segmented.Tokens[sentence.FirstToken];
                var last = segmented.Tokens[sentence.EndToken - 1];
                sentences.Add(new Sentence(aligned.ToSource(TextSpan.FromBounds(first.Start, last.End)), sentence.FirstToken, sentence.TokenCount));
            }
            for (int t = 0; t < segmented.Tokens.Count; t++)
            {
                var token = segmented.Tokens[t];
                int host = segmented.FirstWord(t), end = segmented.FirstWord(t + 1);
                TokenWord[]? words = null;
                if (end - host > 1)
                {
                    words = new TokenWord[end - host];
                    for (int w = host; w < end; w++)
                    {
                        words[w - host] = new TokenWord(segmented.Form(segmented.Words[w]).ToString(), lemmas?.Values[w],
                            pos is null ? null : UniversalPosNames.Name(pos.Upos[w]), pos?.Xpos[w]);
                    }
                }
                tokens.Add(new Token(
                    text.Substring(token.Start, token.Length),
                    lemmas?.Values[host],
                    pos is null ? null : UniversalPosNames.Name(pos.Upos[host]),
                    aligned.ToSource(new TextSpan(token.Start, token.Length)),
                    pos?.Xpos[host],
                    words));
            }
            if (document.Find<EntityMentions>() is { } mentions)
            {
                foreach (var e in mentions.Items)
                {
                    entities.Add(new NamedEntity(text[e.Span.Start..e.Span.End], EntityTag.Code(e.Label), aligned.ToSource(e.Span), e.FirstToken, e.TokenCount));
                }
            }
        }
        return new NewsDocument
        {
            Id = input.Id,
            Origin = input.Origin,
            Url = input.Url,
            SourceText = document.SourceText,
            Text = aligned.Text,
            Layout = layout,
            Sentences = sentences,
            Tokens = tokens,
            Entities = entities,
            Sections = [.. document.Layers.OfType<IRecordSection>()],
            Document = document,
        };
    }
}

/// <summary>
/// A layer that writes a section of the document record (<c>actors</c>, <c>events</c> …): a later stage adds its
/// layer to the document and the record carries it, with no change to <see cref="NewsDocument"/> or its writer.
/// </summary>
public interface IRecordSection
{
    /// <summary>The record's property name for this section.</summary>
    string PropertyName { get; }

    /// <summary>Writes the section's value (an array or an object) for <paramref name="document"/>.</summary>
    void WriteValue(Utf8JsonWriter writer, AnalysisDocument document);
}

/// <summary>Where an article came from.</summary>
/// <param name="Path">The file it was read from; null for standard input.</param>
/// <param name="Line">1-based line number inside a JSONL file; null otherwise.</param>
/// <param name="Format">The reader used: <c>text</c>, <c>json</c> or <c>html</c>.</param>
public sealed record ArticleOrigin(string? Path, long? Line, string Format);

/// <summary>A piece of the article: its repaired text and where it lies in the source.</summary>
/// <param name="Text">Repaired text.</param>
/// <param name="Span">Source span.</param>
public sealed record TextField(string Text, TextSpan Span);

/// <summary>Text left out of the article structure.</summary>
/// <param name="Text">Repaired text.</param>
/// <param name="Span">Source span.</param>
/// <param name="Reason">
/// Why: <c>end-of-message</c>, <c>news-code</c>, <c>share-link</c>, <c>navigation</c>, <c>tags</c>,
/// <c>credit-line</c>, <c>date-line</c>, <c>repeated-lead</c>, <c>repeated-paragraph</c>.
/// </param>
public sealed record RemovedText(string Text, TextSpan Span, string Reason);

/// <summary>A news agency or outlet.</summary>
/// <param name="Id">Short stable id (<c>mehr</c>, <c>irna</c>, <c>bbc-persian</c>).</param>
/// <param name="Name">Canonical English name.</param>
/// <param name="PersianName">Canonical Persian name.</param>
/// <param name="CountryCode">ISO 3166-1 alpha-2 code of the outlet's country.</param>
/// <param name="Country">English name of that country.</param>
public sealed record NewsAgency(string Id, string Name, string PersianName, string CountryCode, string Country);

/// <summary>The agency credited by an article and the words that credit it.</summary>
/// <param name="Agency">The outlet.</param>
/// <param name="Evidence">The credit as written («به گزارش خبرگزاری مهر»).</param>
/// <param name="Cue">How it was found: <c>credit</c>, <c>dateline</c>, <c>reporter</c>, <c>lead-prefix</c>, <c>field</c>, <c>url</c>.</param>
public sealed record AgencyMention(NewsAgency Agency, TextField? Evidence, string Cue);

/// <summary>A date in the text, normalized.</summary>
/// <param name="Text">The date as written (repaired).</param>
/// <param name="Span">Source span; null when the date came from a field or meta tag rather than the text.</param>
/// <param name="Iso">ISO 8601 Gregorian date (<c>2023-11-19</c>, or <c>2023-11</c> for a month); null when it cannot be resolved.</param>
/// <param name="Calendar">The calendar it was written in: <c>persian</c>, <c>gregorian</c> or <c>islamic-umalqura</c>.</param>
/// <param name="Time">Time of day (<c>HH:mm</c>) when written beside the date.</param>
/// <param name="Relative">True for phrases resolved against the publication date («دوشنبه گذشته», «دیروز»).</param>
public sealed record DateMention(string Text, TextSpan? Span, string? Iso, string Calendar, string? Time = null, bool Relative = false);

/// <summary>A number in the text, in digits or words («۱۵ هزار», «دو میلیون»).</summary>
/// <param name="Text">The number as written (repaired).</param>
/// <param name="Span">Source span.</param>
/// <param name="Value">Its value.</param>
/// <param name="Unit">A unit written right after it when known: <c>percent</c>, <c>IRR</c>, <c>toman</c>, <c>USD</c>, <c>EUR</c>.</param>
public sealed record NumberMention(string Text, TextSpan Span, decimal Value, string? Unit = null);

/// <summary>A sentence (filled by the segmentation stage).</summary>
/// <param name="Span">Source span.</param>
/// <param name="FirstToken">Index of its first token in <see cref="NewsDocument.Tokens"/>.</param>
/// <param name="TokenCount">Number of tokens.</param>
public sealed record Sentence(TextSpan Span, int FirstToken, int TokenCount);

/// <summary>A token (filled by the segmentation and tagging stages).</summary>
/// <remarks>
/// A token is what the text shows between spaces and punctuation. The tagger reads UD syntactic words, so a token
/// the segmenter splits into a host and a pronominal clitic («کشورمان» → «کشور» + «مان») carries the UPOS and
/// lemma of its host: the word the clitic attaches to is what the token is (a noun, a verb, a preposition).
/// </remarks>
/// <param name="Form">The word as in the repaired text.</param>
/// <param name="Lemma">Its lemma (of the host word when the token carries a clitic), when tagged.</param>
/// <param name="Upos">Universal POS tag (of the host word when the token carries a clitic), when tagged.</param>
/// <param name="Span">Source span.</param>
/// <param name="Xpos">Language-specific POS tag in the tagger's convention (PerDT: N_IANM, V_ACT, …), of the host
/// word like <paramref name="Upos"/>, when tagged.</param>
/// <param name="Words">The UD words of a token the segmenter splits (host, then pronominal clitic), each with its own
/// lemma and tags; null for a token that is one word.</param>
public sealed record Token(string Form, string? Lemma, string? Upos, TextSpan Span, string? Xpos = null, IReadOnlyList<TokenWord>? Words = null);

/// <summary>A UD word of a split token («کشورمان» → «کشور» + «مان»).</summary>
/// <param name="Form">The word as in the repaired text.</param>
/// <param name="Lemma">Its lemma, when lemmatized.</param>
/// <param name="Upos">Its UPOS, when tagged.</param>
/// <param name="Xpos">Its XPOS, when tagged.</param>
public sealed record TokenWord(string Form, string? Lemma, string? Upos, string? Xpos);

/// <summary>A named entity: a run of whole tokens inside one sentence (filled by the tagging stage).</summary>
/// <param name="Text">The mention as in the repaired text (from its first token's start to its last token's end).</param>
/// <param name="Label">Its type: <c>PER</c>, <c>ORG</c>, <c>LOC</c>, <c>FAC</c>, <c>EVENT</c>, <c>DATE</c>, <c>TIME</c>, <c>MONEY</c> or <c>PERCENT</c>.</param>
/// <param name="Span">Source span: <c>SourceText[Span]</c> is the mention as crawled.</param>
/// <param name="FirstToken">Index of its first token in <see cref="NewsDocument.Tokens"/>.</param>
/// <param name="TokenCount">Number of tokens.</param>
public sealed record NamedEntity(string Text, string Label, TextSpan Span, int FirstToken, int TokenCount);
