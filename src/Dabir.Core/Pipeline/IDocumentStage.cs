namespace Dabir.Pipeline;

/// <summary>
/// One step of a <see cref="DocumentPipeline"/>: reads the layers it <see cref="Requires"/> from an
/// <see cref="AnalysisDocument"/> and adds the layers it <see cref="Provides"/>. The builder checks the order of
/// stages from these declarations, so a pipeline that cannot run fails when it is built, not on the first document.
/// </summary>
/// <remarks>
/// A stage is immutable and thread-safe: one instance serves every document on every thread (per-document working
/// memory lives in locals or in thread-local caches). A stage reports bad input with
/// <see cref="IO.InputException"/>; any other exception is a bug.
/// </remarks>
public interface IDocumentStage
{
    /// <summary>A short stable name (<c>repair</c>, <c>segment</c>, <c>tag</c>, …) used in messages and timings.</summary>
    string Name { get; }

    /// <summary>Layer types that must be on the document before this stage runs.</summary>
    IReadOnlyList<Type> Requires { get; }

    /// <summary>Layer types this stage adds.</summary>
    IReadOnlyList<Type> Provides { get; }

    /// <summary>
    /// Layer types this stage reads when they are present and does without otherwise (segmentation keeps only the
    /// <c>TextRegions</c> an article reader marked; actor linking reads the article's agency). The builder refuses a
    /// pipeline where such a layer is provided only by a later stage, since it would silently be missed.
    /// </summary>
    IReadOnlyList<Type> Uses => [];

    /// <summary>Reads the required layers of <paramref name="document"/> and adds the provided ones.</summary>
    void Run(AnalysisDocument document, CancellationToken cancellationToken);
}
