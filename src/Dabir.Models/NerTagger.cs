using Dabir.Models.Tagging;

namespace Dabir.Models;

/// <summary>An entity over tokens [<paramref name="Start"/>, <paramref name="End"/>).</summary>
/// <param name="Start">First token index.</param>
/// <param name="End">One past the last token index.</param>
/// <param name="Label">Entity type.</param>
public readonly record struct EntityMention(int Start, int End, EntityLabel Label);

/// <summary>
/// Persian named-entity tagger (PER, ORG, LOC, FAC, EVENT, DATE, TIME, MONEY, PERCENT): an averaged structured
/// perceptron with BIO-constrained Viterbi decoding, trained in-house (see docs/models.md), embedded in this
/// assembly. Thread-safe; <see cref="Default"/> loads once, lazily.
/// </summary>
public sealed class NerTagger
{
    /// <summary>Codes of the labels, index = <see cref="EntityLabel"/> value.</summary>
    internal static readonly string[] Codes = ["O", "PER", "ORG", "LOC", "FAC", "EVENT", "DATE", "TIME", "MONEY", "PERCENT"];

    private static readonly Lazy<NerTagger> LazyDefault = new(() => new NerTagger(SequenceModel.LoadEmbedded("ner")));

    private readonly SequenceModel _model;
    private readonly EntityTag[] _tagOf;

    internal NerTagger(SequenceModel model)
    {
        _model = model;
        _tagOf = [.. model.Tags.Select(Parse)];
    }

    /// <summary>The embedded model.</summary>
    public static NerTagger Default => LazyDefault.Value;

    /// <summary>Loads a model written by <c>dabir train ner</c>.</summary>
    public static NerTagger Load(string path) => new(SequenceModel.LoadFile(path));

    /// <summary>Training data and settings of the model.</summary>
    public string Description => _model.Description;

    internal SequenceModel Model => _model;

    /// <summary>The tag set in BIO form (model order).</summary>
    internal static string[] BioTags { get; } = ["O", .. Codes.Skip(1).SelectMany(c => new[] { "B-" + c, "I-" + c })];

    /// <summary>Tags one sentence of tokens; <paramref name="tags"/> receives one tag per token.</summary>
    public void Tag(ReadOnlySpan<string> tokens, Span<EntityTag> tags)
    {
        if (tags.Length < tokens.Length)
        {
            throw new ArgumentException("The output span is shorter than the token span.", nameof(tags));
        }
        Span<int> ids = tokens.Length <= 256 ? stackalloc int[tokens.Length] : new int[tokens.Length];
        _model.Tag(tokens, ids);
        for (int i = 0; i < tokens.Length; i++)
        {
            tags[i] = _tagOf[ids[i]];
        }
    }

    /// <summary>Identifies the model's content (SHA-256 of the decompressed model file, first 16 hex digits); a UPOS
    /// model trained on this model's tags names it in its description.</summary>
    internal string Checksum => _model.Checksum;

    /// <summary>The entity tag of a model tag id.</summary>
    internal EntityTag TagOf(int id) => _tagOf[id];

    /// <summary>The index of a tag in <see cref="BioTags"/> (O, B-PER, I-PER, B-ORG, …): the hint value the UPOS model reads.</summary>
    internal static byte TagId(EntityTag tag) => tag.Label == EntityLabel.None ? (byte)0 : (byte)(2 * (int)tag.Label - (tag.Begins ? 1 : 0));

    /// <summary>Writes the model's tag id (BIO tag index, 0 = O) per token: the hints the UPOS model reads.</summary>
    internal void TagIds(ReadOnlySpan<string> tokens, Span<byte> hints)
    {
        Span<int> ids = tokens.Length <= 256 ? stackalloc int[tokens.Length] : new int[tokens.Length];
        _model.Tag(tokens, ids);
        for (int i = 0; i < tokens.Length; i++)
        {
            hints[i] = (byte)ids[i];
        }
    }

    /// <summary>The entities of one sentence, in order.</summary>
    public IReadOnlyList<EntityMention> FindEntities(IReadOnlyList<string> tokens)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        var array = tokens as string[] ?? [.. tokens];
        var tags = new EntityTag[array.Length];
        Tag(array, tags);
        return Mentions(tags);
    }

    /// <summary>Groups BIO tags into entity mentions (a B tag, or an I tag of another label, starts a new one).</summary>
    public static IReadOnlyList<EntityMention> Mentions(ReadOnlySpan<EntityTag> tags)
    {
        var result = new List<EntityMention>();
        int start = -1;
        var label = EntityLabel.None;
        for (int i = 0; i <= tags.Length; i++)
        {
            var t = i < tags.Length ? tags[i] : default;
            if (t.Label == EntityLabel.None || t.Begins || t.Label != label)
            {
                if (start >= 0)
                {
                    result.Add(new EntityMention(start, i, label));
                }
                (start, label) = t.Label != EntityLabel.None ? (i, t.Label) : (-1, EntityLabel.None);
            }
        }
        return result;
    }

    /// <summary>The code of a label: "PER", "ORG", …, "O" for none.</summary>
    public static string Code(EntityLabel label) => EntityTag.Code(label);

    internal static string BioName(EntityTag tag) => tag.ToString();

    private static EntityTag Parse(string bio)
    {
        if (bio == "O")
        {
            return default;
        }
        int label = Array.IndexOf(Codes, bio[2..]);
        return label <= 0 ? throw new InvalidDataException($"Unknown entity tag {bio}") : new EntityTag((EntityLabel)label, bio[0] == 'B');
    }
}
