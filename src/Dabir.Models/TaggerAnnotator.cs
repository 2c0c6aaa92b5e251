using System.Runtime.InteropServices;
using Dabir.Morphology;

namespace Dabir.Models;

/// <summary>
/// Fills <see cref="TokenAnnotation.Upos"/>, <see cref="TokenAnnotation.Ner"/> (BIO: «B-PER», «I-ORG», «O») and,
/// for the PerDT and Seraji conventions, <see cref="TokenAnnotation.Xpos"/> (that treebank's tag set, decoded within
/// the word's UPOS; see <see cref="XposTagger"/>) with the taggers of this assembly. The one tagging stage of <c>dabir tag</c> and of
/// <c>dabir analyze</c>. Thread-safe; the embedded models load on first use, not at construction.
/// </summary>
/// <remarks>
/// The tokens it is given are UD syntactic words (a pronominal clitic split from its host is its own word), as
/// the UPOS model was trained on. The NER model reads the same sequence.
/// </remarks>
public sealed class TaggerAnnotator : ITokenAnnotator
{
    // Sentences up to this length are tagged with stack buffers; longer ones rent arrays.
    private const int StackLimit = 256;

    // Longest run of tokens tagged in one go; real sentences are far shorter (PerDT dev: at most a few hundred).
    private const int MaxWindowTokens = 1024;

    private readonly PosTagger? _posTagger;
    private readonly NerTagger? _nerTagger;

    /// <summary>
    /// Creates an annotator that tags UPOS in <paramref name="convention"/> (PerDT: names as PROPN; Seraji: names
    /// as NOUN) with <paramref name="posTagger"/> and entities with <paramref name="nerTagger"/>; null means the
    /// embedded model, loaded lazily when the first sentence is tagged.
    /// </summary>
    public TaggerAnnotator(PosConvention convention = PosConvention.PerDT, PosTagger? posTagger = null, NerTagger? nerTagger = null)
    {
        Convention = convention;
        _posTagger = posTagger;
        _nerTagger = nerTagger;
    }

    /// <summary>The embedded taggers with PerDT conventions.</summary>
    public static TaggerAnnotator Default { get; } = new();

    /// <summary>The UPOS annotation convention.</summary>
    public PosConvention Convention { get; }

    /// <summary>
    /// The full token pipeline of <c>dabir tag</c> and <c>dabir analyze --level full</c>: this tagger (UPOS, NER)
    /// followed by the lemmatizer, which then sees the sentence the tagger has annotated.
    /// </summary>
    public static IReadOnlyList<ITokenAnnotator> WithLemmas(PosConvention convention = PosConvention.PerDT) =>
        [convention == PosConvention.PerDT ? Default : new TaggerAnnotator(convention), LemmaAnnotator.Default];

    /// <inheritdoc />
    public void Annotate(IReadOnlyList<string> tokens, Span<TokenAnnotation> annotations)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        int n = tokens.Count;
        if (annotations.Length < n)
        {
            throw new ArgumentException("The annotation span is shorter than the token list.", nameof(annotations));
        }
        ReadOnlySpan<string> words = tokens switch
        {
            string[] array => array,
            List<string> list => CollectionsMarshal.AsSpan(list),
            _ => tokens.ToArray(),
        };
        // A "sentence" with no end (a crawled line without punctuation) is tagged in windows: the taggers' working
        // memory grows with the sentence (features, lattice), and a 600K-token line took 1 GB more than segmenting it.
        for (int start = 0; start < n; start += MaxWindowTokens)
        {
            int length = Math.Min(MaxWindowTokens, n - start);
            AnnotateWindow(words.Slice(start, length), annotations.Slice(start, length));
        }
    }

    private void AnnotateWindow(ReadOnlySpan<string> words, Span<TokenAnnotation> annotations)
    {
        int n = words.Length;
        Span<UniversalPos> pos = n <= StackLimit ? stackalloc UniversalPos[n] : new UniversalPos[n];
        Span<EntityTag> entities = n <= StackLimit ? stackalloc EntityTag[n] : new EntityTag[n];
        // Entities first: the UPOS model reads them (PerDT tags the nouns inside names PROPN); one call runs both
        // and prepares the tokens once.
        (_posTagger ?? PosTagger.Default).TagWithEntities(words, pos, entities, Convention, _nerTagger ?? NerTagger.Default);
        // XPOS ships for PerDT and Seraji only; other conventions leave it null ('_').
        var xposTagger = Convention is PosConvention.PerDT or PosConvention.Seraji ? XposTagger.For(Convention) : null;
        // Pooled: string slots cannot live on the stack. They only ever hold the model's shared tag strings.
        string[]? xpos = xposTagger is null ? null : System.Buffers.ArrayPool<string>.Shared.Rent(n);
        xposTagger?.Tag(words, pos, xpos);
        for (int i = 0; i < n; i++)
        {
            annotations[i].Upos = PosTagger.Name(pos[i]);
            annotations[i].Ner = entities[i].ToString();
            annotations[i].Xpos = xpos?[i];
        }
        if (xpos is not null)
        {
            System.Buffers.ArrayPool<string>.Shared.Return(xpos);
        }
    }
}
