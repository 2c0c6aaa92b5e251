using System.Text.RegularExpressions;
using Dabir.Segmentation;

namespace Dabir.Core.Tests;

/// <summary>
/// Namespaces of Core depend one way: Text at the bottom, Morphology below Segmentation. Read off the sources
/// (a method body's references are not visible through reflection).
/// </summary>
public class LayeringTests
{
    [Theory]
    [InlineData("Morphology", "Dabir.Segmentation")]
    [InlineData("Text", "Dabir.Segmentation")]
    [InlineData("Text", "Dabir.Morphology")]
    [InlineData("Text", "Dabir.Repair")]
    public void Lower_namespace_does_not_use_higher(string folder, string higher)
    {
        var types = typeof(Tokenizer).Assembly.GetTypes()
            .Where(t => t.Namespace == higher && !t.Name.Contains('<', StringComparison.Ordinal))
            .Select(t => t.Name.Split('`')[0]).Distinct().ToList();
        Assert.NotEmpty(types);
        var pattern = new Regex(@"(?<![.\w])(" + string.Join('|', types) + @")\b(?!\s*=[^=>])|" + Regex.Escape(higher), RegexOptions.CultureInvariant);
        foreach (var file in Directory.GetFiles(Path.Combine(CoreSources(), folder), "*.cs"))
        {
            // Comments may name a higher layer; code may not. A member access («Options.LemmaKey») or a member
            // declaration («LemmaKey = ...») of the same name as a higher type is not a use of it.
            var code = string.Join('\n', File.ReadLines(file).Where(l => !l.TrimStart().StartsWith("//", StringComparison.Ordinal)));
            var hit = pattern.Match(code);
            Assert.False(hit.Success, $"{Path.GetFileName(file)} uses {hit.Value} of {higher}");
        }
    }

    // Found from the test's output folder: CI builds map source paths (/_/…), so the caller's file path is no guide.
    private static string CoreSources()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Dabir.slnx")))
            {
                return Path.Combine(dir.FullName, "src", "Dabir.Core");
            }
        }
        throw new DirectoryNotFoundException("the repository root (Dabir.slnx) is not above the test folder");
    }
}
