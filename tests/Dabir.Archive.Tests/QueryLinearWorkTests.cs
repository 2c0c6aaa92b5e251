using CsCheck;
using Dabir.Archive.Query;

namespace Dabir.Archive.Tests;

/// <summary>
/// Time linearity without timing (issue 12): compiling a query 4x as long (words, OR chains, nesting) allocates at
/// most ~5x as much, within the parser's limits (QueryParser.MaxItems, MaxDepth).
/// </summary>
public sealed class QueryLinearWorkTests
{
    private static readonly QueryCompiler Compiler = new();

    private static readonly Gen<string> Word = Gen.Char["کتابدرآسهیشانمت"].Array[2, 8].Select(a => new string(a));

    private static void Compile(string q) => Compiler.Compile(q);

    private static void AssertLinear(Func<string, int, string> make, int n) =>
        Word.Sample(w =>
        {
            double ratio = LinearWork.Ratio(Compile, make(w, n), make(w, 4 * n));
            Assert.True(ratio <= LinearWork.MaxRatio, $"4x query cost {ratio:F1}x");
        }, iter: 10);

    [Fact]
    public void Words_side_by_side_are_linear() =>
        AssertLinear((w, n) => string.Join(' ', Enumerable.Range(0, n).Select(i => w + (char)('ا' + i % 20))), 50);

    [Fact]
    public void Or_chains_are_linear() =>
        AssertLinear((w, n) => string.Join(" OR ", Enumerable.Range(0, n).Select(i => w + (char)('ا' + i % 20))), 30);

    [Fact]
    public void Nesting_is_linear() =>
        AssertLinear((w, n) => new string('(', n) + w + " AND " + w + "ی" + new string(')', n), 6);
}
