namespace Dabir.Models.Training;

/// <summary>A training sentence: tokens and, per token, the set of tags the gold annotation allows (a single
/// bit for ordinary labels; several bits for ambiguous mappings or labels the source corpus does not annotate).</summary>
internal sealed record TrainingSentence(string[] Tokens, uint[] Allowed, string Source)
{
    /// <summary>Annotation convention id fed to the domain-conjoined features (0 = none).</summary>
    public int Domain { get; init; }

    /// <summary>Per-token external hints (see <c>FeatureExtractor.Extract</c>), or null.</summary>
    public byte[]? Hints { get; init; }

    /// <summary>One gold tag id per token instead of <see cref="Allowed"/> sets: lets a tag set grow past the 32
    /// tags a set mask holds (PerDT's XPOS has 35). When set, <see cref="Allowed"/> is not read.</summary>
    public int[]? Gold { get; init; }
}
