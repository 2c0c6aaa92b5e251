namespace Dabir.Repair.HalfSpace;

/// <summary>
/// The shipped half-space model (<c>Models/zwnj.bin.br</c>, built by <c>dabir train zwnj</c>), read once per
/// process on first use and shared read-only, with one restorer per switch combination so the memo of
/// analysed words is shared too.
/// </summary>
internal static class EmbeddedHalfSpaceModel
{
    public const string ResourceName = "Dabir.Models.zwnj.bin.br";

    private static readonly Lazy<HalfSpaceModel> Model = new(Load, LazyThreadSafetyMode.ExecutionAndPublication);
    private static readonly Lazy<HalfSpaceRestorer>[] Restorers = CreateRestorers();

    public static HalfSpaceModel Instance => Model.Value;

    /// <summary>The shared restorer for a switch combination.</summary>
    public static HalfSpaceRestorer Restorer(bool insert, bool merge, bool hamza) =>
        Restorers[(insert ? 1 : 0) | (merge ? 2 : 0) | (hamza ? 4 : 0)].Value;

    private static Lazy<HalfSpaceRestorer>[] CreateRestorers()
    {
        var restorers = new Lazy<HalfSpaceRestorer>[8];
        for (int i = 0; i < restorers.Length; i++)
        {
            int flags = i;
            restorers[i] = new(() => new HalfSpaceRestorer(Instance, (flags & 1) != 0, (flags & 2) != 0, (flags & 4) != 0), LazyThreadSafetyMode.ExecutionAndPublication);
        }
        return restorers;
    }

    private static HalfSpaceModel Load()
    {
        using var stream = typeof(EmbeddedHalfSpaceModel).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The embedded resource {ResourceName} is missing.");
        return HalfSpaceModel.Read(stream);
    }
}

/// <summary>The pipeline's half-space stage: resolves the shared restorer (and so loads the model) on first use.</summary>
internal sealed class HalfSpacePass(NormalizerOptions options) : IRepairPass
{
    private readonly bool _insert = options.RestoreHalfSpaces;
    private readonly bool _merge = options.RestoreHalfSpaces && options.JoinSpacedAffixes;
    private readonly bool _hamza = options.RestoreHamza;

    public void Apply(Text.AlignedTextBuilder input, Text.AlignedTextBuilder output) =>
        EmbeddedHalfSpaceModel.Restorer(_insert, _merge, _hamza).Apply(input, output);
}
