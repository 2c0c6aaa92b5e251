using System.Buffers;
using Dabir.Pipeline;
using Dabir.Segmentation;

namespace Dabir.Models;

/// <summary>
/// The tagging stage of every pipeline (<c>dabir tag</c>, <c>tokenize</c>'s tagged forms, <c>analyze</c>): tags each
/// sentence's UD words with entities (BIO), UPOS in <see cref="Convention"/> and, for PerDT and Seraji, XPOS decoded
/// within the word's UPOS (<see cref="XposTagger"/>). Provides <see cref="PosTags"/> and <see cref="EntityTags"/>.
/// Thread-safe; the embedded models load on first use, not at construction.
/// </summary>
/// <remarks>The NER model reads the same words; the UPOS model reads the NER tags (chain NER → UPOS → XPOS).</remarks>
public sealed class TaggingStage : IDocumentStage
{
    // Sentences up to this length are tagged with stack buffers; longer ones rent arrays.
    private const int StackLimit = 256;

    // Longest run of words tagged in one go; real sentences are far shorter (PerDT dev: at most a few hundred). A
    // "sentence" with no end (a crawled line without punctuation) is tagged in windows: the taggers' working memory
    // grows with the sentence (features, lattice), and a 600K-token line took 1 GB more than segmenting it.
    private const int MaxWindowWords = 1024;

    private readonly PosTagger? _posTagger;
    private readonly NerTagger? _nerTagger;

    /// <summary>
    /// Creates the stage: UPOS in <paramref name="convention"/> (PerDT: names as PROPN; Seraji: names as NOUN) with
    /// <paramref name="posTagger"/>, entities with <paramref name="nerTagger"/>; null means the embedded model.
    /// </summary>
    public TaggingStage(PosConvention convention = PosConvention.PerDT, PosTagger? posTagger = null, NerTagger? nerTagger = null)
    {
        Convention = convention;
        _posTagger = posTagger;
        _nerTagger = nerTagger;
    }

    /// <summary>The UPOS annotation convention.</summary>
    public PosConvention Convention { get; }

    /// <inheritdoc />
    public string Name => "tag";

    /// <inheritdoc />
    public IReadOnlyList<Type> Requires { get; } = [typeof(SegmentedText)];

    /// <inheritdoc />
    public IReadOnlyList<Type> Provides { get; } = [typeof(PosTags), typeof(EntityTags)];

    /// <inheritdoc />
    public void Run(AnalysisDocument document, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(document);
        var segmented = document.Get<SegmentedText>();
        var words = segmented.Words;
        var upos = new UniversalPos[words.Count];
        // Entries stay null where the convention has no XPOS model.
        var xpos = new string[words.Count];
        var entities = new EntityTag[words.Count];
        string[] forms = ArrayPool<string>.Shared.Rent(Math.Min(Math.Max(words.Count, 1), MaxWindowWords));
        try
        {
            foreach (var sentence in segmented.Sentences)
            {
                cancellationToken.ThrowIfCancellationRequested();
                int first = segmented.FirstWord(sentence.FirstToken), end = segmented.FirstWord(sentence.EndToken);
                for (int start = first; start < end; start += MaxWindowWords)
                {
                    int length = Math.Min(MaxWindowWords, end - start);
                    for (int i = 0; i < length; i++)
                    {
                        forms[i] = segmented.Form(words[start + i]).ToString();
                    }
                    Tag(forms.AsSpan(0, length), upos.AsSpan(start, length), xpos.AsSpan(start, length), entities.AsSpan(start, length));
                }
            }
        }
        finally
        {
            ArrayPool<string>.Shared.Return(forms, clearArray: true);
        }
        document.Set(new PosTags(upos, xpos, Convention.ToString()));
        document.Set(new EntityTags(entities));
    }

    /// <summary>Tags one window of words into the given spans (all of the same length).</summary>
    public void Tag(ReadOnlySpan<string> words, Span<UniversalPos> upos, Span<string> xpos, Span<EntityTag> entities)
    {
        int n = words.Length;
        if (upos.Length < n || xpos.Length < n || entities.Length < n)
        {
            throw new ArgumentException("The tag spans are shorter than the word list.", nameof(words));
        }
        // Entities first: the UPOS model reads them (PerDT tags the nouns inside names PROPN); one call runs both and
        // prepares the words once.
        (_posTagger ?? PosTagger.Default).TagWithEntities(words, upos[..n], entities[..n], Convention, _nerTagger ?? NerTagger.Default);
        // XPOS ships for PerDT and Seraji only; other conventions leave it null ('_').
        if (Convention is PosConvention.PerDT or PosConvention.Seraji)
        {
            XposTagger.For(Convention).Tag(words, upos[..n], xpos[..n]);
        }
    }
}

/// <summary>The Models stages as builder extensions.</summary>
public static class ModelsPipelineExtensions
{
    /// <summary>Adds the taggers (entities, UPOS in <paramref name="convention"/>, XPOS).</summary>
    public static DocumentPipelineBuilder UseTaggers(this DocumentPipelineBuilder builder, PosConvention convention = PosConvention.PerDT)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.Add(new TaggingStage(convention));
    }
}
