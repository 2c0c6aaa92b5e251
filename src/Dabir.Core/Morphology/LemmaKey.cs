namespace Dabir.Morphology;

/// <summary>
/// Limits of the lemma lookup. The key itself is <see cref="Dabir.Text.PersianFold"/> with
/// <see cref="Dabir.Text.PersianFoldOptions.LemmaKey"/>: half-spaces, joiners, diacritics and kashidas removed,
/// Arabic yeh, kaf and teh marbuta folded, so «می‌روند», «میروند» and «مي‌روند» share one key.
/// </summary>
public static class LemmaKey
{
    /// <summary>Longest word the lemmatizer analyses; longer tokens are their own lemma.</summary>
    public const int MaxLength = 64;
}
