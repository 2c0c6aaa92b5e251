namespace Dabir.Text;

/// <summary>
/// How <see cref="PersianFold"/> departs from its default fold. <see cref="None"/> is the fold to use for
/// matching: letter variants to the Persian letter, half-spaces, invisible format controls, diacritics and the
/// kashida removed, Persian and Arabic-Indic digits to ASCII, lower case. Each other member keeps one thing
/// the default folds, or removes one more thing, for a caller whose stored data was built on that fold; the
/// composite members name those callers (as <see cref="System.Globalization.NumberStyles"/> names its composites).
/// </summary>
[Flags]
public enum PersianFoldOptions
{
    /// <summary>The default fold.</summary>
    None = 0,

    /// <summary>Keeps ئ and ؤ instead of folding them to ی and و.</summary>
    KeepHamzaCarriers = 1 << 0,

    /// <summary>Keeps أ, إ and ٱ instead of folding them to ا.</summary>
    KeepAlefVariants = 1 << 1,

    /// <summary>Keeps ة instead of folding it to ه.</summary>
    KeepTehMarbuta = 1 << 2,

    /// <summary>Keeps ە, ہ and ھ (Kurdish and Urdu heh shapes) instead of folding them to ه.</summary>
    KeepRareHehForms = 1 << 3,

    /// <summary>Keeps Persian and Arabic-Indic digits instead of folding them to ASCII digits.</summary>
    KeepDigits = 1 << 4,

    /// <summary>Keeps letter case.</summary>
    KeepCase = 1 << 5,

    /// <summary>Lower-cases only ASCII A–Z (the default lower-cases every letter, invariantly).</summary>
    LowercaseAsciiOnly = 1 << 6,

    /// <summary>
    /// Removes only ZWNJ, ZWJ, LRM, RLM and the BOM among the format controls; bidi embeddings and isolates, the
    /// soft hyphen, the word joiner and the other invisible controls are kept.
    /// </summary>
    KeepRareFormatControls = 1 << 7,

    /// <summary>Also removes the space and the no-break space.</summary>
    RemoveSpaces = 1 << 8,

    /// <summary>Also removes the stand-alone hamza ء.</summary>
    RemoveHamza = 1 << 9,

    /// <summary>Also removes everything that is not a letter or a digit (spaces, punctuation, symbols).</summary>
    LettersAndDigitsOnly = 1 << 10,

    /// <summary>
    /// Also folds آ to ا: crawled names drop the madda («امریکا», «اسه‌آن»), so a name dictionary matches both; a
    /// word lexicon keeps it (آب and اب are two words).
    /// </summary>
    FoldAlefMadda = 1 << 11,

    /// <summary>The fold names and aliases are matched on (the actor dictionary): ء and the madda removed, ASCII lower case.</summary>
    NameKey = RemoveHamza | FoldAlefMadda | LowercaseAsciiOnly,

    /// <summary>
    /// The fold the shipped taggers hash their features on (UPOS, XPOS, NER, word clusters, tagger lexicon).
    /// Their training corpora hold ئ, ؤ, ة and bidi embeddings inside tokens, so folding any of those would change
    /// the features of trained words: the models would no longer match a retraining. Spaces are removed so that a
    /// multiword lexicon entry folds like its joined form.
    /// </summary>
    TaggerFeatures = KeepHamzaCarriers | KeepTehMarbuta | KeepRareHehForms | LowercaseAsciiOnly | KeepRareFormatControls | RemoveSpaces,

    /// <summary>
    /// The lookup key of the lemma lexicon (<c>Models/lemma-lexicon.bin.br</c>): hamza forms, alef variants, digits
    /// and case are kept because lemmas differ on them and the lexicon is keyed on them; the bidi embeddings some
    /// treebank tokens carry are kept for the same reason.
    /// </summary>
    LemmaKey = KeepHamzaCarriers | KeepAlefVariants | KeepRareHehForms | KeepDigits | KeepCase | KeepRareFormatControls,

    /// <summary>
    /// The key of the half-space model (<c>Models/zwnj.bin.br</c>): the default fold without the stand-alone hamza,
    /// so that spellings with and without ء (ezafe hamza, «رؤسای»/«روسای») share the decisions learned for the word.
    /// </summary>
    HalfSpaceKey = RemoveHamza,

    /// <summary>
    /// The key two copies of the same text are compared on (titles, leads, agency names, boilerplate): letters and
    /// digits only, so spacing and punctuation changes between crawls do not count.
    /// </summary>
    ComparisonKey = LettersAndDigitsOnly,
}
