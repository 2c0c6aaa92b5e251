using Dabir.Morphology;
using Dabir.Repair;
using Dabir.Segmentation;
using Dabir.Tagging;
using Dabir.Text;

namespace Dabir.Pipeline;

/// <summary>
/// The parts of the repaired text a pipeline analyses beyond repair (an article's title, lead and kept paragraphs);
/// a stage that reads structure provides it, and segmentation keeps only the sentences that start inside one.
/// Without this layer the whole text is analysed.
/// </summary>
/// <param name="Spans">Spans of the repaired text, in order, not overlapping.</param>
public sealed record TextRegions(IReadOnlyList<TextSpan> Spans);

/// <summary>Repair: provides the <see cref="AlignedText"/> (repaired text aligned to the source).</summary>
/// <param name="normalizer">The repair rules.</param>
public sealed class RepairStage(PersianNormalizer normalizer) : IDocumentStage
{
    /// <summary>
    /// The repair rules every document pipeline uses unless told otherwise (<c>analyze</c>, <c>tokenize</c>, <c>tag</c>
    /// and the libraries' pipelines alike, so the same text gives the same tokens): <see cref="NormalizerOptions.Default"/>
    /// with <see cref="NormalizerOptions.RemoveControlCharacters"/> off. A document stays faithful to the published
    /// text: directional marks, ZWJ and soft hyphens carry display intent, and the tokenizer never splits a word at
    /// them (<c>dabir normalize</c> still removes them).
    /// </summary>
    public static NormalizerOptions DocumentOptions { get; } = NormalizerOptions.Default with { RemoveControlCharacters = false };

    /// <summary>The normalizer this stage runs.</summary>
    public PersianNormalizer Normalizer { get; } = normalizer ?? throw new ArgumentNullException(nameof(normalizer));

    /// <inheritdoc />
    public string Name => "repair";

    /// <inheritdoc />
    public IReadOnlyList<Type> Requires { get; } = [];

    /// <inheritdoc />
    public IReadOnlyList<Type> Provides { get; } = [typeof(AlignedText)];

    /// <inheritdoc />
    public void Run(AnalysisDocument document, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(document);
        document.Set(Normalizer.NormalizeAligned(document.SourceText));
    }
}

/// <summary>
/// Segmentation: provides the <see cref="SegmentedText"/> (sentences, tokens, UD words) of the repaired text; when the
/// document has <see cref="TextRegions"/> (put there by an earlier stage), only sentences that start inside a region.
/// </summary>
/// <param name="splitter">The clitic splitter (the default when null).</param>
public sealed class SegmentationStage(CliticSplitter? splitter = null) : IDocumentStage
{
    private readonly Segmenter _segmenter = new(splitter: splitter);

    /// <inheritdoc />
    public string Name => "segment";

    /// <inheritdoc />
    public IReadOnlyList<Type> Requires { get; } = [typeof(AlignedText)];

    /// <inheritdoc />
    public IReadOnlyList<Type> Provides { get; } = [typeof(SegmentedText)];

    /// <inheritdoc />
    public IReadOnlyList<Type> Uses { get; } = [typeof(TextRegions)];

    /// <inheritdoc />
    public void Run(AnalysisDocument document, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(document);
        var segmented = _segmenter.Segment(document.Get<AlignedText>());
        if (document.Find<TextRegions>() is { } regions)
        {
            segmented = KeepRegions(segmented, regions.Spans);
        }
        document.Set(segmented);
    }

    // A sentence never crosses a line, and regions are whole lines, so a sentence is kept or dropped whole.
    private static SegmentedText KeepRegions(SegmentedText segmented, IReadOnlyList<TextSpan> regions)
    {
        var ordered = regions.OrderBy(r => r.Start).ToArray();
        int region = 0;
        return segmented.Where(sentence =>
        {
            if (sentence.TokenCount == 0)
            {
                return false;
            }
            int start = segmented.Tokens[sentence.FirstToken].Start;
            while (region < ordered.Length && ordered[region].End <= start)
            {
                region++;
            }
            return region < ordered.Length && start >= ordered[region].Start;
        });
    }
}

/// <summary>Lemmas: provides <see cref="Lemmas"/> for every word (a pronominal clitic gets its pronoun lemma).</summary>
/// <param name="lemmatizer">The lemmatizer (the embedded one when null).</param>
public sealed class LemmaStage(Lemmatizer? lemmatizer = null) : IDocumentStage
{
    private readonly Lemmatizer? _lemmatizer = lemmatizer;

    /// <inheritdoc />
    public string Name => "lemma";

    /// <inheritdoc />
    public IReadOnlyList<Type> Requires { get; } = [typeof(SegmentedText)];

    /// <inheritdoc />
    public IReadOnlyList<Type> Provides { get; } = [typeof(Lemmas)];

    /// <inheritdoc />
    public void Run(AnalysisDocument document, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(document);
        document.Set(Lemmatize(document.Get<SegmentedText>(), _lemmatizer ?? Lemmatizer.Default));
    }

    /// <summary>The lemmas of every word of <paramref name="segmented"/>, one sentence at a time (the lemmatizer reads context).</summary>
    public static Lemmas Lemmatize(SegmentedText segmented, Lemmatizer lemmatizer)
    {
        ArgumentNullException.ThrowIfNull(segmented);
        ArgumentNullException.ThrowIfNull(lemmatizer);
        var words = segmented.Words;
        var lemmas = new string[words.Count];
        var forms = new List<string>();
        string?[] buffer = [];
        foreach (var sentence in segmented.Sentences)
        {
            int first = segmented.FirstWord(sentence.FirstToken), end = segmented.FirstWord(sentence.EndToken);
            forms.Clear();
            for (int w = first; w < end; w++)
            {
                forms.Add(segmented.Form(words[w]).ToString());
            }
            if (buffer.Length < forms.Count)
            {
                buffer = new string?[Math.Max(forms.Count, 2 * buffer.Length)];
            }
            var span = buffer.AsSpan(0, forms.Count);
            span.Clear();
            lemmatizer.LemmatizeSentence(forms, span);
            for (int i = 0; i < forms.Count; i++)
            {
                lemmas[first + i] = words[first + i].IsClitic ? Clitics.Lemma(forms[i]) : span[i] ?? forms[i];
            }
        }
        return new Lemmas(lemmas);
    }
}

/// <summary>
/// Entities: provides <see cref="EntityMentions"/> from the BIO <see cref="EntityTags"/>. A B tag, an I tag of another
/// label or a sentence end closes a mention; a mention never opens on a clitic (its host belongs to another word,
/// perhaps another mention), so mentions cover whole tokens and never overlap.
/// </summary>
public sealed class EntityMentionStage : IDocumentStage
{
    /// <inheritdoc />
    public string Name => "entities";

    /// <inheritdoc />
    public IReadOnlyList<Type> Requires { get; } = [typeof(SegmentedText), typeof(EntityTags)];

    /// <inheritdoc />
    public IReadOnlyList<Type> Provides { get; } = [typeof(EntityMentions)];

    /// <inheritdoc />
    public void Run(AnalysisDocument document, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(document);
        var segmented = document.Get<SegmentedText>();
        var tags = document.Get<EntityTags>().Tags;
        var words = segmented.Words;
        var found = new List<Entity>();
        for (int s = 0; s < segmented.Sentences.Count; s++)
        {
            var sentence = segmented.Sentences[s];
            int first = segmented.FirstWord(sentence.FirstToken), end = segmented.FirstWord(sentence.EndToken);
            int start = -1;
            var label = EntityLabel.None;
            for (int w = first; w <= end; w++)
            {
                var tag = w < end ? tags[w] : default;
                if (start >= 0 && (!tag.IsEntity || tag.Begins || tag.Label != label))
                {
                    Close(segmented, words, start, w, label, s, found);
                    start = -1;
                }
                if (tag.IsEntity && start < 0)
                {
                    start = w;
                    label = tag.Label;
                }
            }
        }
        document.Set(new EntityMentions(found));
    }

    private static void Close(SegmentedText segmented, IReadOnlyList<SyntacticWord> words, int start, int end, EntityLabel label, int sentence, List<Entity> found)
    {
        while (start < end && words[start].IsClitic)
        {
            start++;
        }
        if (start == end)
        {
            return;
        }
        int firstToken = words[start].Token, lastToken = words[end - 1].Token;
        var bounds = TextSpan.FromBounds(segmented.Tokens[firstToken].Start, segmented.Tokens[lastToken].End);
        found.Add(new Entity(label, start, end - start, firstToken, lastToken - firstToken + 1, bounds, sentence));
    }
}

/// <summary>The Core stages as builder extensions.</summary>
public static class CorePipelineExtensions
{
    /// <summary>Adds repair with <paramref name="options"/> (<see cref="RepairStage.DocumentOptions"/> when null).</summary>
    public static DocumentPipelineBuilder UseRepair(this DocumentPipelineBuilder builder, NormalizerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.Add(new RepairStage(new PersianNormalizer(options ?? RepairStage.DocumentOptions)));
    }

    /// <summary>Adds segmentation into sentences, tokens and UD words.</summary>
    public static DocumentPipelineBuilder UseSegmentation(this DocumentPipelineBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.Add(new SegmentationStage());
    }

    /// <summary>Adds lemmas of every word.</summary>
    public static DocumentPipelineBuilder UseLemmas(this DocumentPipelineBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.Add(new LemmaStage());
    }

    /// <summary>Adds entity mentions read from the entity tags.</summary>
    public static DocumentPipelineBuilder UseEntityMentions(this DocumentPipelineBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.Add(new EntityMentionStage());
    }
}
