using System.Globalization;
using System.Text;
using System.Text.Json;
using Dabir.Repair;

namespace Dabir.Core.Tests.Conformance;

/// <summary>
/// Runs the normalization vectors of other Persian toolkits (../shared/conformance) against Dabir, each
/// upstream function mapped to the Dabir rules that do the same job. Vectors of functions Dabir has no
/// counterpart for (filters that delete content, maskers, token-list APIs) are counted as not applicable.
/// Pass counts must not fall below Spec/conformance-baseline.tsv; the full report, with every differing
/// case, is written to conformance-report.md beside the test binaries (docs/conformance.md explains it).
/// </summary>
public class NormalizationConformanceTests
{
    private static readonly PersianNormalizer Default = new();
    private static readonly PersianNormalizer Letters = new(NormalizerOptions.None with { UnifyLetters = true, DecomposePresentationForms = true });
    private static readonly PersianNormalizer LettersOnly = new(NormalizerOptions.None with { UnifyLetters = true });
    private static readonly PersianNormalizer Diacritics = new(NormalizerOptions.None with { RemoveDiacritics = true });
    private static readonly PersianNormalizer Repeats = new(NormalizerOptions.None with { ReduceRepeatedLetters = true });
    private static readonly PersianNormalizer Spacing = new(NormalizerOptions.None with { CollapseWhitespace = true, CleanHalfSpaces = true });
    private static readonly PersianNormalizer Punctuation = new(NormalizerOptions.None with { CollapseWhitespace = true, FixPunctuationSpacing = true });
    private static readonly PersianNormalizer CharacterRefinement = new(NormalizerOptions.None with
    {
        UnifyLetters = true,
        DecomposePresentationForms = true,
        RemoveKashida = true,
        Digits = DigitConversion.ToPersian,
        RemoveControlCharacters = true,
        CollapseWhitespace = true,
    });

    private static PersianNormalizer Digits(DigitConversion d) => new(NormalizerOptions.None with { Digits = d });

    internal sealed record Case(string File, string Function, string Input, string Expected, PersianNormalizer? Dabir, string Note);

    // Maps one upstream function to the Dabir normalizer doing the same job (null: no counterpart, with why).
    private static (PersianNormalizer? Dabir, string Note) Map(string file, string function, JsonElement vector)
    {
        switch (file)
        {
            case "hazm_normalizer.json" or "hazm_doctest_normalizer.json":
                return function switch
                {
                    "normalize" or "correct_spacing" or "seperate_mi" => (Default, "default"),
                    "remove_diacritics" => (Diacritics, "RemoveDiacritics"),
                    "decrease_repeated_chars" => (Repeats, "ReduceRepeatedLetters"),
                    "persian_number" => (Digits(DigitConversion.ToPersian), "Digits=ToPersian"),
                    "unicodes_replacement" => (Letters, "UnifyLetters+DecomposePresentationForms"),
                    "remove_specials_chars" => (null, "Dabir expands presentation-form symbols (ﷺ) instead of deleting them"),
                    "persian_style" => (null, "quote, ellipsis and decimal-point restyling is not a Dabir rule"),
                    _ => (null, "token-list API; half-space joining is covered by restoration"),
                };
            case "shekar_normalizer.json":
                return function switch
                {
                    "normalizer" or "normalizer.normalize" => (Default, "default"),
                    "alphabet_normalizer" or "arabic_unicode_normalizer" => (Letters, "UnifyLetters+DecomposePresentationForms"),
                    "numeric_normalizer" => (Digits(DigitConversion.ToPersian), "Digits=ToPersian"),
                    "spacing_normalizer" => (Spacing, "CollapseWhitespace+CleanHalfSpaces"),
                    "punct_space_normalizer" => (Punctuation, "FixPunctuationSpacing"),
                    "n" => (Repeats, "ReduceRepeatedLetters"),
                    "diacritics_Filter" => (Diacritics, "RemoveDiacritics"),
                    "ya_normalizer" => (null, "ezafe style: Dabir follows PerDT («خانهٔ», «خانه‌ی» as written), Shekar rewrites to «خانۀ»"),
                    "punct_normalizer" => (null, "Dabir keeps Latin punctuation as typed (? stays ?)"),
                    _ => (null, "filter or masker that deletes content; Dabir never deletes text"),
                };
            case "virastar_cleanup.json":
                return vector.TryGetProperty("options", out var o) && o.ValueKind == JsonValueKind.Object && o.EnumerateObject().Any()
                    ? (null, "virastar-specific option")
                    : (Default, "default");
            case "persiantools_halfspace.json" or "dadmatools_readme_normalizer.json":
                return (Default, "default");
            case "persiantools_topersianchars.json":
                return (LettersOnly, "UnifyLetters");
            case "persiantools_digits.json":
                return function switch
                {
                    "digitsArToFa" => (Digits(DigitConversion.ArabicIndicToPersian), "Digits=ArabicIndicToPersian"),
                    "digitsEnToFa" => (Digits(DigitConversion.ToPersian), "Digits=ToPersian"),
                    "digitsFaToEn" or "digitsArToEn" => (Digits(DigitConversion.ToLatin), "Digits=ToLatin"),
                    _ => (null, "Dabir never writes Arabic-Indic digits"),
                };
            case "nhazm_normalizer.json" or "jhazm_normalizer.json":
                return function switch
                {
                    "Normalizer(true, false, false)" => (CharacterRefinement, "character refinement rules"),
                    "Normalizer(false, true, false)" => (Punctuation, "FixPunctuationSpacing"),
                    _ => (Default, "default (affix spacing)"),
                };
            case "parsivar_readme_examples.json":
                return function == "Normalizer().normalize" ? (Default, "default") : (null, "not a normalizer call");
            default:
                return (null, "unmapped");
        }
    }

    internal static readonly string[] Files =
    [
        "hazm_normalizer.json", "hazm_doctest_normalizer.json", "shekar_normalizer.json", "virastar_cleanup.json",
        "persiantools_halfspace.json", "persiantools_topersianchars.json", "persiantools_digits.json",
        "nhazm_normalizer.json", "jhazm_normalizer.json", "dadmatools_readme_normalizer.json", "parsivar_readme_examples.json",
    ];

    internal static List<Case> LoadCases(string folder)
    {
        var cases = new List<Case>();
        foreach (var file in Files)
        {
            using var doc = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(folder, file)));
            foreach (var v in doc.RootElement.GetProperty("vectors").EnumerateArray())
            {
                string function = FunctionName(v);
                string? input = v.TryGetProperty("input", out var i) && i.ValueKind == JsonValueKind.String ? i.GetString()
                    : v.TryGetProperty("where", out _) ? DoctestInput(v) : null;
                string? expected = v.TryGetProperty("expected", out var e) && e.ValueKind == JsonValueKind.String ? e.GetString()
                    : v.TryGetProperty("expected_value", out var ev) && ev.ValueKind == JsonValueKind.String ? ev.GetString() : null;
                if (input is null || expected is null)
                {
                    continue; // list inputs/outputs or no recorded input: not a string-to-string vector
                }
                var (dabir, note) = Map(file, function, v);
                cases.Add(new Case(file, function, input, expected, dabir, note));
            }
        }
        return cases;
    }

    private static string FunctionName(JsonElement v)
    {
        if (v.TryGetProperty("function", out var f) && f.ValueKind == JsonValueKind.String)
        {
            var s = f.GetString()!; // «Normalizer().correct_spacing» or «halfSpace»
            int call = s.LastIndexOf("().", StringComparison.Ordinal);
            return call >= 0 ? s[(call + 3)..] : s;
        }
        if (v.TryGetProperty("component", out var component))
        {
            return component.GetString()!; // «Normalizer(true, false, false)»
        }
        if (!v.TryGetProperty("code", out var codeElement))
        {
            return "cleanup"; // virastar: every vector is a cleanup() call
        }
        var code = codeElement.GetString()!; // «normalizer.correct_spacing("...")», «alphabet_normalizer.fit_transform(x)»
        int paren = code.IndexOf('(', StringComparison.Ordinal);
        var head = paren >= 0 ? code[..paren] : code;
        if (v.TryGetProperty("where", out _))
        {
            return head[(head.LastIndexOf('.') + 1)..]; // Hazm doctests: the method name
        }
        return head.EndsWith(".fit_transform", StringComparison.Ordinal) ? head[..^".fit_transform".Length] : head;
    }

    // Hazm doctests record the call, not the input: take the single string literal argument.
    private static string? DoctestInput(JsonElement v)
    {
        var code = v.GetProperty("code").GetString()!;
        int open = code.IndexOf('(', StringComparison.Ordinal), close = code.LastIndexOf(')');
        if (open < 0 || close <= open + 1)
        {
            return null;
        }
        var arg = code[(open + 1)..close].Trim();
        return arg.Length >= 2 && arg[0] is '\'' or '"' && arg[^1] == arg[0] && arg.IndexOf(arg[0], 1) == arg.Length - 1 ? arg[1..^1] : null;
    }

    [Fact]
    public void Pass_counts_meet_the_recorded_baseline()
    {
        var folder = SharedData.PathOf("conformance");
        var cases = LoadCases(folder);
        var groups = cases.GroupBy(c => c.File).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var report = new StringBuilder("| file | vectors | applicable | pass |\n|---|---|---|---|\n");
        var failures = new StringBuilder();
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var file in Files)
        {
            var list = groups.GetValueOrDefault(file) ?? [];
            int applicable = 0, pass = 0;
            foreach (var c in list.Where(c => c.Dabir is not null))
            {
                applicable++;
                var actual = c.Dabir!.Normalize(c.Input);
                if (actual == c.Expected)
                {
                    pass++;
                }
                else
                {
                    failures.Append(CultureInfo.InvariantCulture, $"| {file} | {c.Function} ({c.Note}) | `{Show(c.Input)}` | `{Show(c.Expected)}` | `{Show(actual)}` |\n");
                }
            }
            counts[file] = pass;
            report.Append(CultureInfo.InvariantCulture, $"| {file} | {list.Count} | {applicable} | {pass} |\n");
        }
        var notApplicable = cases.Where(c => c.Dabir is null).GroupBy(c => c.Note, StringComparer.Ordinal)
            .Select(g => $"- {g.Count()} × {g.Key}");
        File.WriteAllText(Path.Combine(AppContext.BaseDirectory, "conformance-report.md"),
            report + "\nNot applicable:\n" + string.Join('\n', notApplicable)
            + "\n\n| file | function | input | expected | Dabir |\n|---|---|---|---|---|\n" + failures);

        foreach (var line in File.ReadLines(Path.Combine(AppContext.BaseDirectory, "Spec", "conformance-baseline.tsv")))
        {
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }
            var parts = line.Split('\t');
            int minimum = int.Parse(parts[1], CultureInfo.InvariantCulture);
            Assert.True(counts[parts[0]] >= minimum, $"{parts[0]}: {counts[parts[0]]} vectors pass, the baseline is {minimum}");
        }
    }

    private static string Show(string s) => s.Replace("\u200c", "‹ZWNJ›", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal).Replace("|", "\\|", StringComparison.Ordinal).Replace("`", "'", StringComparison.Ordinal);
}
