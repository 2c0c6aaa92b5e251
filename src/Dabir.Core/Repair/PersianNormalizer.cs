using System.Text;
using Dabir.Text;

namespace Dabir.Repair;

/// <summary>
/// Repairs Persian text: characters, spacing and half-spaces, line by line, so the output always has the
/// input's lines. Immutable and thread-safe once built; build it once and reuse it for every document.
/// </summary>
/// <remarks>
/// <c>Normalize(Normalize(x)) == Normalize(x)</c> for every input. <see cref="NormalizeAligned"/> also returns
/// the alignment from every output character back to the source.
/// </remarks>
public sealed class PersianNormalizer
{
    private readonly IRepairPass[] _passes;

    /// <summary>Creates a normalizer with the given rules (the defaults when null).</summary>
    public PersianNormalizer(NormalizerOptions? options = null)
        : this(options ?? NormalizerOptions.Default, [])
    {
    }

    internal PersianNormalizer(NormalizerOptions options, IReadOnlyList<IRepairPass> wordPasses)
    {
        ArgumentNullException.ThrowIfNull(options);
        Options = options;
        var passes = new List<IRepairPass> { new CharacterPass(options) };
        if (options.CleanHalfSpaces)
        {
            passes.Add(new HalfSpaceCleanupPass());
        }
        passes.Add(new SpacingPass(options));
        if (options.JoinSpacedAffixes && !options.RestoreHalfSpaces)
        {
            passes.Add(new SpacedAffixJoiner()); // the half-space stage's learned merge step supersedes it
        }
        if (options.RestoreHalfSpaces || options.RestoreHamza)
        {
            passes.Add(new HalfSpace.HalfSpacePass(options));
        }
        passes.AddRange(wordPasses);
        _passes = [.. passes];
    }

    /// <summary>The rules this normalizer applies.</summary>
    public NormalizerOptions Options { get; }

    /// <summary>Returns the repaired text.</summary>
    public string Normalize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        using var output = new AlignedTextBuilder(text.Length + 16, trackAlignment: false);
        Run(text, output);
        return output.ToText();
    }

    /// <summary>Returns the repaired text with its alignment to <paramref name="text"/>.</summary>
    public AlignedText NormalizeAligned(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        using var output = new AlignedTextBuilder(text.Length + 16, trackAlignment: true);
        Run(text, output);
        return output.ToAlignedText(text);
    }

    /// <summary>The line terminator written for <paramref name="terminator"/> as read: a lone CR becomes LF.</summary>
    public static string OutputLineBreak(string terminator) => terminator == "\r" ? "\n" : terminator;

    /// <summary>
    /// Repairs one line (it must not contain a line break) and appends the result to <paramref name="output"/>.
    /// The streaming entry point: no alignment is kept.
    /// </summary>
    public void NormalizeLine(ReadOnlySpan<char> line, StringBuilder output)
    {
        ArgumentNullException.ThrowIfNull(output);
        using var a = new AlignedTextBuilder(line.Length + 16, trackAlignment: false);
        using var b = new AlignedTextBuilder(line.Length + 16, trackAlignment: false);
        a.AppendSource(line, 0);
        output.Append(RunPasses(a, b).Chars);
    }

    private void Run(ReadOnlySpan<char> text, AlignedTextBuilder output)
    {
        using var a = new AlignedTextBuilder(Math.Min(text.Length, 4096) + 16, output.TrackAlignment);
        using var b = new AlignedTextBuilder(Math.Min(text.Length, 4096) + 16, output.TrackAlignment);
        int lineStart = 0;
        while (lineStart <= text.Length)
        {
            int rel = text[lineStart..].IndexOfAny('\n', '\r');
            int lineEnd = rel < 0 ? text.Length : lineStart + rel;
            a.Clear();
            a.AppendSource(text[lineStart..lineEnd], lineStart);
            var result = RunPasses(a, b);
            output.CopyRange(result, 0, result.Length);
            if (rel < 0)
            {
                break;
            }
            int terminatorEnd = text[lineEnd] == '\r' && lineEnd + 1 < text.Length && text[lineEnd + 1] == '\n' ? lineEnd + 2 : lineEnd + 1;
            for (int i = lineEnd; i < terminatorEnd; i++)
            {
                // A lone CR (old Mac line end) becomes LF: a CR kept beside a following emptied line and its
                // LF would read as one CRLF, and a line would be lost.
                output.Append(terminatorEnd - lineEnd == 1 ? '\n' : text[i], i, i + 1);
            }
            lineStart = terminatorEnd;
        }
    }

    // Ping-pongs between the two scratch builders; returns the one holding the final line.
    private AlignedTextBuilder RunPasses(AlignedTextBuilder a, AlignedTextBuilder b)
    {
        foreach (var pass in _passes)
        {
            if (pass is ISkippableRepairPass skippable && !skippable.MayChange(a.Chars))
            {
                continue;
            }
            b.Clear();
            pass.Apply(a, b);
            (a, b) = (b, a);
        }
        return a;
    }
}
