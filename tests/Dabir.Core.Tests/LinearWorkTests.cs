using CsCheck;
using Dabir.Repair;
using Dabir.Segmentation;

namespace Dabir.Core.Tests;

/// <summary>
/// Time linearity without timing (issue 12): for random texts, the work (bytes allocated) of the normalizer and
/// the segmenter on 4n characters is at most ~5x their work on n, for one long line and for many short lines.
/// </summary>
public class LinearWorkTests
{
    private static readonly PersianNormalizer Normalizer = new();
    private static readonly Segmenter Segmenter = new();

    // A random piece of Persian-like text, repeated to make inputs of n and 4n pieces.
    private static readonly Gen<string> Piece = Gen.Char["كيىۀةـ٠١٢۳۴٫abc ،؛؟!.:«»()\u200c\u200c\u00a0 ﻛﺘﺎﺏ#@/wh.xمینهاکتابدرآسهیشانمت"]
        .Array[20, 120].Select(a => new string(a));

    public static TheoryData<string> Shapes() => new("one line", "short lines");

    private static string Make(string piece, int count, string shape) =>
        string.Join(shape == "one line" ? " " : "\n", Enumerable.Repeat(piece, count));

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Normalizer_work_is_linear(string shape) =>
        Piece.Sample(piece =>
        {
            double ratio = LinearWork.Ratio(s => Normalizer.NormalizeAligned(s), Make(piece, 150, shape), Make(piece, 600, shape));
            Assert.True(ratio <= LinearWork.MaxRatio, $"{shape}: 4x input cost {ratio:F1}x");
        }, iter: 15);

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Segmenter_work_is_linear(string shape) =>
        Piece.Sample(piece =>
        {
            double ratio = LinearWork.Ratio(s => Segmenter.Segment(s), Make(piece, 150, shape), Make(piece, 600, shape));
            Assert.True(ratio <= LinearWork.MaxRatio, $"{shape}: 4x input cost {ratio:F1}x");
        }, iter: 15);
}
