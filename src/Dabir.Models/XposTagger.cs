using Dabir.Models.Tagging;

namespace Dabir.Models;

/// <summary>
/// Language-specific part-of-speech tags (XPOS) in the tag set of one treebank convention: PerDT's 35 tags
/// (N_IANM, N_ANM, PREP, V_ACT, ADJ_AJP, PR_SEPER, …) or Seraji's 28 (N_SING, N_PL, P, DELM, V_PRS, V_PA,
/// CLITIC, …). One averaged-perceptron sequence model per convention (see docs/models.md), decoded with the
/// words' UPOS as evidence: each token may only take the XPOS tags the training treebank shows with its UPOS
/// (NOUN → N_ANM or N_IANM in PerDT), so the XPOS model only has to make the finer distinction.
/// Thread-safe; the embedded models load once, lazily.
/// </summary>
public sealed class XposTagger
{
    private const uint Magic = 0x50584244; // "DBXP"
    private const int Version = 1;

    private static readonly Lazy<XposTagger> LazyPerdt = new(() => LoadEmbedded("xpos-perdt"));
    private static readonly Lazy<XposTagger> LazySeraji = new(() => LoadEmbedded("xpos-seraji"));
    private static readonly int UposCount = Enum.GetValues<UniversalPos>().Length;

    private readonly SequenceModel _model;
    private readonly ulong[] _allowedByUpos;
    private readonly int _domain;

    /// <param name="model">The XPOS sequence model (at most 64 tags).</param>
    /// <param name="convention">Whose tag set the model emits.</param>
    /// <param name="domain">The convention id fed to the feature extractor when tagging (0 = none).</param>
    /// <param name="allowedByUpos">Per UPOS (index = <see cref="UniversalPos"/>), the XPOS tag ids seen with it in
    /// training, as bits; 0 = no constraint.</param>
    internal XposTagger(SequenceModel model, PosConvention convention, int domain, ulong[] allowedByUpos)
    {
        if (model.Tags.Length > 64)
        {
            throw new ArgumentException("An XPOS model has at most 64 tags.", nameof(model));
        }
        if (allowedByUpos.Length != UposCount)
        {
            throw new ArgumentException($"Expected one mask per UPOS tag ({UposCount}).", nameof(allowedByUpos));
        }
        _model = model;
        Convention = convention;
        _domain = domain;
        _allowedByUpos = allowedByUpos;
    }

    /// <summary>The embedded XPOS tagger of a convention (<see cref="PosConvention.PerDT"/> or <see cref="PosConvention.Seraji"/>).</summary>
    /// <exception cref="ArgumentOutOfRangeException">No XPOS model ships for the convention (iPerUDT).</exception>
    public static XposTagger For(PosConvention convention) => convention switch
    {
        PosConvention.PerDT => LazyPerdt.Value,
        PosConvention.Seraji => LazySeraji.Value,
        _ => throw new ArgumentOutOfRangeException(nameof(convention), convention, "XPOS models ship for PerDT and Seraji only."),
    };

    /// <summary>Loads a model written by <c>dabir train xpos</c>.</summary>
    public static XposTagger Load(string path)
    {
        using var stream = File.OpenRead(path);
        return Load(stream);
    }

    /// <summary>The convention whose XPOS tag set this tagger emits.</summary>
    public PosConvention Convention { get; }

    /// <summary>Training data and settings of the model.</summary>
    public string Description => _model.Description;

    /// <summary>The XPOS tags the model can emit.</summary>
    public IReadOnlyList<string> Tags => _model.Tags;

    internal SequenceModel Model => _model;

    internal int Domain => _domain;

    /// <summary>The XPOS tags the training treebank shows with a UPOS tag (all tags when it shows none).</summary>
    public IReadOnlyList<string> TagsCompatibleWith(UniversalPos upos)
    {
        ulong mask = _allowedByUpos[(int)upos];
        return mask == 0 ? _model.Tags : [.. _model.Tags.Where((_, t) => (mask & (1UL << t)) != 0)];
    }

    /// <summary>
    /// Tags one sentence of tokens (UD syntactic words) with XPOS. <paramref name="upos"/> holds the words' UPOS
    /// in this tagger's convention (e.g. from <see cref="PosTagger.Tag(ReadOnlySpan{string}, Span{UniversalPos}, PosConvention)"/>),
    /// or is empty to let the XPOS model decide alone. <paramref name="xpos"/> receives the model's tag strings
    /// (shared instances; nothing is allocated per token).
    /// </summary>
    public void Tag(ReadOnlySpan<string> tokens, ReadOnlySpan<UniversalPos> upos, Span<string> xpos)
    {
        if (xpos.Length < tokens.Length)
        {
            throw new ArgumentException("The output span is shorter than the token span.", nameof(xpos));
        }
        if (!upos.IsEmpty && upos.Length < tokens.Length)
        {
            throw new ArgumentException("The UPOS span is shorter than the token span.", nameof(upos));
        }
        if (tokens.IsEmpty)
        {
            return;
        }
        int n = tokens.Length;
        Span<int> ids = n <= 256 ? stackalloc int[n] : new int[n];
        if (upos.IsEmpty)
        {
            _model.Tag(tokens, ids, _domain);
        }
        else
        {
            Span<ulong> allowed = n <= 256 ? stackalloc ulong[n] : new ulong[n];
            for (int i = 0; i < n; i++)
            {
                allowed[i] = _allowedByUpos[(int)upos[i]];
            }
            _model.Tag(tokens, ids, _domain, allowed);
        }
        var names = _model.Tags;
        for (int i = 0; i < n; i++)
        {
            xpos[i] = names[ids[i]];
        }
    }

    /// <summary>Tags one sentence with the embedded UPOS tagger (in this convention) and then XPOS; returns the XPOS tags.</summary>
    public string[] Tag(IReadOnlyList<string> tokens)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        var array = tokens as string[] ?? [.. tokens];
        var upos = new UniversalPos[array.Length];
        PosTagger.Default.Tag(array, upos, Convention);
        var xpos = new string[array.Length];
        Tag(array, upos, xpos);
        return xpos;
    }

    /// <summary>Writes the model: a small uncompressed header (convention, domain, UPOS→XPOS masks) followed by the
    /// Brotli-compressed sequence model.</summary>
    internal void Save(Stream destination)
    {
        using (var writer = new BinaryWriter(destination, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(Magic);
            writer.Write(Version);
            writer.Write((int)Convention);
            writer.Write(_domain);
            writer.Write(_allowedByUpos.Length);
            foreach (ulong mask in _allowedByUpos)
            {
                writer.Write(mask);
            }
        }
        _model.Save(destination);
    }

    internal static XposTagger Load(Stream source)
    {
        // The header is read field by field straight from the stream (BinaryReader takes exactly the bytes of
        // each primitive), so the sequence model starts where the header ends.
        using var reader = new BinaryReader(source, System.Text.Encoding.UTF8, leaveOpen: true);
        if (reader.ReadUInt32() != Magic || reader.ReadInt32() != Version)
        {
            throw new InvalidDataException("Not a Dabir XPOS model (bad magic or version).");
        }
        var convention = (PosConvention)reader.ReadInt32();
        int domain = reader.ReadInt32();
        var masks = new ulong[reader.ReadInt32()];
        for (int i = 0; i < masks.Length; i++)
        {
            masks[i] = reader.ReadUInt64();
        }
        return new XposTagger(SequenceModel.Load(source), convention, domain, masks);
    }

    private static XposTagger LoadEmbedded(string name)
    {
        var assembly = typeof(XposTagger).Assembly;
        using var stream = assembly.GetManifestResourceStream($"Dabir.Models.{name}.bin.br")
            ?? throw new InvalidOperationException($"The embedded model '{name}' is missing from {assembly.GetName().Name}.");
        return Load(stream);
    }
}
