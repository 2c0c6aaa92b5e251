using Dabir.Models.Tagging;

namespace Dabir.Models;

/// <summary>Which treebank's annotation conventions the tags follow where Persian UD treebanks disagree (e.g.
/// PerDT tags «وقتی» NOUN and multi-word names PROPN; Seraji has no PROPN).</summary>
public enum PosConvention
{
    /// <summary>UD Persian PerDT (the default).</summary>
    PerDT = 1,
    /// <summary>UD Persian Seraji (and the Bijankhan corpus it was converted from).</summary>
    Seraji = 2,
    /// <summary>iPerUDT (informal Persian).</summary>
    IPerUdt = 3,
}

/// <summary>
/// Persian UPOS tagger: an averaged structured perceptron trained in-house (see docs/models.md), embedded in
/// this assembly. Thread-safe; <see cref="Default"/> loads once, lazily.
/// </summary>
public sealed class PosTagger
{
    private static readonly Lazy<PosTagger> LazyDefault = new(() => new PosTagger(SequenceModel.LoadEmbedded("upos")));
    private static readonly string[] Names = Enum.GetNames<UniversalPos>();

    /// <summary>Model kind of a UPOS model without hints.</summary>
    internal const string PlainKind = "pos";

    /// <summary>Model kind of a UPOS model trained with a NER tagger's labels as hints, followed by that NER model's
    /// <see cref="NerTagger.Checksum"/> (<c>pos+entities:0123456789abcdef</c>).</summary>
    internal const string EntityHintedKind = "pos+entities:";

    /// <summary>The kind a UPOS model trained on <paramref name="entityTagger"/>'s tags carries.</summary>
    internal static string EntityHintedKindFor(NerTagger entityTagger) => EntityHintedKind + entityTagger.Checksum;

    private readonly SequenceModel _model;
    private readonly UniversalPos[] _tagOf;
    private readonly bool _usesEntityHints;
    private readonly NerTagger? _entityTagger;
    private readonly string _entityChecksum = "";

    /// <param name="model">The UPOS model.</param>
    /// <param name="entityTagger">The NER tagger whose tags the model reads (when it reads any); null means
    /// <see cref="NerTagger.Default"/>. It must be the model the UPOS model was trained against.</param>
    internal PosTagger(SequenceModel model, NerTagger? entityTagger = null)
    {
        _model = model;
        _tagOf = [.. model.Tags.Select(Enum.Parse<UniversalPos>)];
        _usesEntityHints = model.Kind.StartsWith(EntityHintedKind, StringComparison.Ordinal);
        if (_usesEntityHints)
        {
            _entityChecksum = model.Kind[EntityHintedKind.Length..];
            VerifyEntityTagger(entityTagger ?? NerTagger.Default);
            _entityTagger = entityTagger;
        }
    }

    /// <summary>A UPOS model fed the tags of another NER model degrades silently: refuse it with a clear message.</summary>
    private void VerifyEntityTagger(NerTagger tagger)
    {
        if (!string.Equals(_entityChecksum, tagger.Checksum, StringComparison.Ordinal) && tagger.Checksum.Length > 0)
        {
            throw new InvalidDataException(
                $"The UPOS model was trained on the tags of NER model {_entityChecksum}, but the NER model given is {tagger.Checksum}: retrain it (dabir train pos) after dabir train ner, or pass the NER model it was trained with.");
        }
    }

    /// <summary>True when the model reads named-entity tags (from <see cref="NerTagger.Default"/> unless the caller
    /// passes them): PerDT tags the nouns inside names PROPN, and the entity tagger knows where names are.</summary>
    public bool UsesEntityTags => _usesEntityHints;

    /// <summary>The embedded model.</summary>
    public static PosTagger Default => LazyDefault.Value;

    /// <summary>Loads a model written by <c>dabir train pos</c>; <paramref name="entityTagger"/> is the NER model it was
    /// trained against (<c>--ner-model</c>), <see cref="NerTagger.Default"/> when null.</summary>
    /// <exception cref="InvalidDataException">The model reads entity tags of another NER model.</exception>
    public static PosTagger Load(string path, NerTagger? entityTagger = null) => new(SequenceModel.LoadFile(path), entityTagger);

    /// <summary>Training data and settings of the model.</summary>
    public string Description => _model.Description;

    internal SequenceModel Model => _model;

    /// <summary>Tags one sentence of tokens (UD syntactic words); <paramref name="tags"/> receives one tag per token.</summary>
    public void Tag(ReadOnlySpan<string> tokens, Span<UniversalPos> tags) => Tag(tokens, tags, PosConvention.PerDT);

    /// <summary>Tags one sentence following the given treebank's conventions.</summary>
    public void Tag(ReadOnlySpan<string> tokens, Span<UniversalPos> tags, PosConvention convention) => Tag(tokens, tags, convention, default);

    /// <summary>
    /// Tags one sentence following the given treebank's conventions, reading the sentence's entity tags from
    /// <paramref name="entities"/> (as <see cref="NerTagger.Tag(ReadOnlySpan{string}, Span{EntityTag})"/> gave them, one per token)
    /// instead of running <see cref="NerTagger.Default"/> again; empty means "run it" when <see cref="UsesEntityTags"/>.
    /// </summary>
    public void Tag(ReadOnlySpan<string> tokens, Span<UniversalPos> tags, PosConvention convention, ReadOnlySpan<EntityTag> entities)
    {
        if (tags.Length < tokens.Length)
        {
            throw new ArgumentException("The output span is shorter than the token span.", nameof(tags));
        }
        if (!entities.IsEmpty && entities.Length < tokens.Length)
        {
            throw new ArgumentException("The entity span is shorter than the token span.", nameof(entities));
        }
        Span<int> ids = tokens.Length <= 256 ? stackalloc int[tokens.Length] : new int[tokens.Length];
        Span<byte> hints = tokens.Length <= 256 ? stackalloc byte[tokens.Length] : new byte[tokens.Length];
        if (!_usesEntityHints)
        {
            _model.Tag(tokens, ids, (int)convention);
        }
        else if (!entities.IsEmpty)
        {
            for (int i = 0; i < tokens.Length; i++)
            {
                hints[i] = NerTagger.TagId(entities[i]);
            }
            _model.Tag(tokens, ids, (int)convention, default, hints);
        }
        else
        {
            TagWithEntityModel(tokens, (_entityTagger ?? NerTagger.Default).Model, ids, hints, convention);
        }
        WriteTags(ids, tags, convention);
    }

    /// <summary>
    /// Tags UPOS and entities of one sentence, preparing the tokens once when both models share a lexicon (they do
    /// when trained together: `dabir train` builds one lexicon from the same data).
    /// </summary>
    internal void TagWithEntities(ReadOnlySpan<string> tokens, Span<UniversalPos> tags, Span<EntityTag> entities, PosConvention convention, NerTagger ner)
    {
        if (tags.Length < tokens.Length || entities.Length < tokens.Length)
        {
            throw new ArgumentException("An output span is shorter than the token span.");
        }
        Span<int> ids = tokens.Length <= 256 ? stackalloc int[tokens.Length] : new int[tokens.Length];
        Span<byte> hints = tokens.Length <= 256 ? stackalloc byte[tokens.Length] : new byte[tokens.Length];
        if (_usesEntityHints)
        {
            if (!ReferenceEquals(ner, _entityTagger ?? NerTagger.Default))
            {
                VerifyEntityTagger(ner);
            }
            TagWithEntityModel(tokens, ner.Model, ids, hints, convention);
            for (int i = 0; i < tokens.Length; i++)
            {
                entities[i] = ner.TagOf(hints[i]);
            }
        }
        else
        {
            ner.Tag(tokens, entities);
            _model.Tag(tokens, ids, (int)convention);
        }
        WriteTags(ids, tags, convention);
    }

    /// <summary>Runs the entity model (its tag ids land in <paramref name="hints"/>) and then this model reading them.</summary>
    private void TagWithEntityModel(ReadOnlySpan<string> tokens, SequenceModel entityModel, Span<int> ids, Span<byte> hints, PosConvention convention)
    {
        bool shared = _model.SharesPreparationWith(entityModel);
        if (shared)
        {
            var scratch = SequenceModel.ThreadScratch;
            _model.Extractor.Prepare(tokens, scratch, Math.Max(_model.Tags.Length, entityModel.Tags.Length));
            entityModel.TagPrepared(tokens.Length, scratch, ids);
        }
        else
        {
            entityModel.Tag(tokens, ids);
        }
        for (int i = 0; i < tokens.Length; i++)
        {
            hints[i] = (byte)ids[i];
        }
        if (shared)
        {
            _model.TagPrepared(tokens.Length, SequenceModel.ThreadScratch, ids, (int)convention, default, hints);
        }
        else
        {
            _model.Tag(tokens, ids, (int)convention, default, hints);
        }
    }

    private void WriteTags(ReadOnlySpan<int> ids, Span<UniversalPos> tags, PosConvention convention)
    {
        for (int i = 0; i < ids.Length; i++)
        {
            var tag = _tagOf[ids[i]];
            // Seraji has no PROPN: names are NOUN there.
            tags[i] = convention == PosConvention.Seraji && tag == UniversalPos.PROPN ? UniversalPos.NOUN : tag;
        }
    }

    /// <summary>Tags one sentence and returns the tags.</summary>
    public UniversalPos[] Tag(IReadOnlyList<string> tokens)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        var array = tokens as string[] ?? [.. tokens];
        var tags = new UniversalPos[array.Length];
        Tag(array, tags);
        return tags;
    }

    /// <summary>The UD name of a tag ("NOUN"), without allocating.</summary>
    public static string Name(UniversalPos tag) => Names[(int)tag];
}
