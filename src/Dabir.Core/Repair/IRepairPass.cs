using Dabir.Text;

namespace Dabir.Repair;

/// <summary>
/// One pass of the repair pipeline: reads one line (without its terminator) from the input builder
/// and writes the repaired line to the output builder, carrying the alignment through the builders.
/// Passes are immutable and thread-safe; they never see a line break, so lines always survive.
/// </summary>
internal interface IRepairPass
{
    void Apply(AlignedTextBuilder input, AlignedTextBuilder output);
}

/// <summary>
/// A pass that can tell, with one vectorized scan, that a line holds nothing it would change; the pipeline
/// then skips it without copying the line.
/// </summary>
internal interface ISkippableRepairPass : IRepairPass
{
    bool MayChange(ReadOnlySpan<char> line);
}
