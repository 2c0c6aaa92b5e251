namespace Dabir.Repair;

/// <summary>Which digits the normalizer converts.</summary>
public enum DigitConversion
{
    /// <summary>Leave every digit as written.</summary>
    None,

    /// <summary>Arabic-Indic digits (٠..٩) become Persian (۰..۹); Latin digits stay (the default).</summary>
    ArabicIndicToPersian,

    /// <summary>Arabic-Indic and Latin digits become Persian.</summary>
    ToPersian,

    /// <summary>Persian and Arabic-Indic digits become Latin.</summary>
    ToLatin,
}

/// <summary>
/// Switches for each repair rule. Every rule can be turned off on its own; the defaults follow the PerDT
/// treebank's orthography. Instances are immutable: use <c>with</c> to derive variants.
/// </summary>
public sealed record NormalizerOptions
{
    /// <summary>The default rules.</summary>
    public static NormalizerOptions Default { get; } = new();

    /// <summary>Every rule off: a base for turning on single rules (<c>None with { RemoveDiacritics = true }</c>).</summary>
    public static NormalizerOptions None { get; } = new()
    {
        UnifyLetters = false,
        DecomposePresentationForms = false,
        RemoveKashida = false,
        Digits = DigitConversion.None,
        RemoveControlCharacters = false,
        CleanHalfSpaces = false,
        CollapseWhitespace = false,
        FixPunctuationSpacing = false,
        SeparateDigitsFromLetters = false,
        JoinSpacedAffixes = false,
        RestoreHalfSpaces = false,
    };

    /// <summary>Arabic letter variants to Persian: ي ى → ی, ك → ک, ۀ → هٔ, ە ہ ھ → ه.</summary>
    public bool UnifyLetters { get; init; } = true;

    /// <summary>Arabic presentation forms (U+FB50–U+FEFF) to the letters they show, ligatures expanded.</summary>
    public bool DecomposePresentationForms { get; init; } = true;

    /// <summary>Removes the kashida (tatweel, U+0640) where it stretches a word; a kashida typed as a dash («تهران ـ شمال») stays.</summary>
    public bool RemoveKashida { get; init; } = true;

    /// <summary>Which digits are converted.</summary>
    public DigitConversion Digits { get; init; } = DigitConversion.ArabicIndicToPersian;

    /// <summary>Removes invisible and bidi control characters (ZWSP, ZWJ, LRM, RLM, embeddings, isolates, BOM, soft hyphen).</summary>
    public bool RemoveControlCharacters { get; init; } = true;

    /// <summary>Removes half-spaces that cannot be right: after a non-joining letter, doubled, or at a word edge.</summary>
    public bool CleanHalfSpaces { get; init; } = true;

    /// <summary>Collapses runs of spaces and tabs inside a line to one space and trims line ends.</summary>
    public bool CollapseWhitespace { get; init; } = true;

    /// <summary>Persian punctuation spacing: no space before « ، ؛ ؟ ! . : » and closing brackets, one after.</summary>
    public bool FixPunctuationSpacing { get; init; } = true;

    /// <summary>Puts a space between Persian digits and Persian letters glued to them («۹کیلومتر» → «۹ کیلومتر»), ordinals («۳ام») excepted.</summary>
    public bool SeparateDigitsFromLetters { get; init; } = true;

    /// <summary>Removes diacritics (harakat, tanwin, shadda, superscript alef). Off by default.</summary>
    public bool RemoveDiacritics { get; init; }

    /// <summary>Shortens a letter repeated three or more times to one («خیییلی» → «خیلی»). Off by default.</summary>
    public bool ReduceRepeatedLetters { get; init; }

    /// <summary>Rejoins affixes typed with a space where that is unambiguous («می شود» → «می‌شود», «کتاب ها» → «کتاب‌ها»).</summary>
    public bool JoinSpacedAffixes { get; init; } = true;

    /// <summary>
    /// Restores missing half-spaces inside words («نامههای» → «نامه‌های», «بینالمللی» → «بین‌المللی») with the
    /// embedded model; with <see cref="JoinSpacedAffixes"/> it also joins half-spaces typed as a space. An
    /// existing half-space is never removed or moved.
    /// </summary>
    public bool RestoreHalfSpaces { get; init; } = true;

    /// <summary>Restores hamza where the plain spelling is not how the word is written («روسای» → «رؤسای»). Off by default.</summary>
    public bool RestoreHamza { get; init; }
}
