using System.CommandLine;
using Dabir.Repair;

namespace Dabir.Cli.Commands;

/// <summary>The command-line switches that mirror <see cref="NormalizerOptions"/>, shared by every command that repairs text.</summary>
internal sealed class NormalizerRuleOptions
{
    private readonly Option<bool> _keepLetters = new("--keep-letters") { Description = "Do not unify Arabic letter variants (ي ى ك ۀ) to Persian." };
    private readonly Option<bool> _keepPresentation = new("--keep-presentation-forms") { Description = "Do not decompose Arabic presentation forms (U+FB50–U+FEFF)." };
    private readonly Option<bool> _keepKashida = new("--keep-kashida") { Description = "Keep the kashida (U+0640)." };
    private readonly Option<DigitConversion> _digits = new("--digits")
    {
        Description = $"Digit conversion: {string.Join(", ", Enum.GetNames<DigitConversion>())}.",
        DefaultValueFactory = _ => DigitConversion.ArabicIndicToPersian,
        // The default parser's message names the .NET type; a user needs the values.
        CustomParser = result =>
        {
            string value = result.Tokens.Count > 0 ? result.Tokens[^1].Value : "";
            if (Enum.TryParse<DigitConversion>(value, ignoreCase: true, out var digits) && Enum.IsDefined(digits) && !int.TryParse(value, out _))
            {
                return digits;
            }
            result.AddError($"--digits: '{value}' is not one of {string.Join(", ", Enum.GetNames<DigitConversion>())}");
            return default;
        },
    };
    private readonly Option<bool> _keepControls = new("--keep-controls") { Description = "Keep invisible and bidi control characters." };
    private readonly Option<bool> _keepBadZwnj = new("--keep-misplaced-zwnj") { Description = "Keep half-spaces after non-joining letters, doubled or at word edges." };
    private readonly Option<bool> _keepWhitespace = new("--keep-whitespace") { Description = "Do not collapse whitespace runs or trim line ends." };
    private readonly Option<bool> _keepPunctuation = new("--keep-punctuation-spacing") { Description = "Do not fix spacing around punctuation." };
    private readonly Option<bool> _keepDigitsGlued = new("--keep-digits-glued") { Description = "Do not separate Persian digits from letters glued to them («۹کیلومتر»)." };
    private readonly Option<bool> _removeDiacritics = new("--remove-diacritics") { Description = "Remove diacritics (harakat, tanwin, shadda)." };
    private readonly Option<bool> _reduceRepeats = new("--reduce-repeats") { Description = "Shorten letters repeated three or more times («خیییلی» → «خیلی»)." };
    private readonly Option<bool> _noAffixJoin = new("--no-affix-join") { Description = "Do not rejoin spaced affixes («می شود», «کتاب ها»)." };

    private readonly Option<bool> _noZwnjRestore = new("--no-zwnj-restore") { Description = "Do not restore missing half-spaces («نامههای» → «نامه‌های») or join half-spaces typed as spaces." };
    private readonly Option<bool> _hamza = new("--hamza") { Description = "Restore hamza where the plain spelling is not how the word is written («روسای» → «رؤسای»)." };

    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { _keepLetters, _keepPresentation, _keepKashida, _digits, _keepControls, _keepBadZwnj, _keepWhitespace, _keepPunctuation, _keepDigitsGlued, _removeDiacritics, _reduceRepeats, _noAffixJoin, _noZwnjRestore, _hamza })
        {
            command.Options.Add(option);
        }
    }

    public NormalizerOptions Read(ParseResult parse) => new()
    {
        UnifyLetters = !parse.GetValue(_keepLetters),
        DecomposePresentationForms = !parse.GetValue(_keepPresentation),
        RemoveKashida = !parse.GetValue(_keepKashida),
        Digits = parse.GetValue(_digits),
        RemoveControlCharacters = !parse.GetValue(_keepControls),
        CleanHalfSpaces = !parse.GetValue(_keepBadZwnj),
        CollapseWhitespace = !parse.GetValue(_keepWhitespace),
        FixPunctuationSpacing = !parse.GetValue(_keepPunctuation),
        SeparateDigitsFromLetters = !parse.GetValue(_keepDigitsGlued),
        RemoveDiacritics = parse.GetValue(_removeDiacritics),
        ReduceRepeatedLetters = parse.GetValue(_reduceRepeats),
        JoinSpacedAffixes = !parse.GetValue(_noAffixJoin),
        RestoreHalfSpaces = !parse.GetValue(_noZwnjRestore),
        RestoreHamza = parse.GetValue(_hamza),
    };
}
