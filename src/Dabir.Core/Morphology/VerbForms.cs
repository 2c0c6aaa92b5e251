using Dabir.Text;

namespace Dabir.Morphology;

/// <summary>
/// Generates the one-token inflections of a Persian verb from its past and present stems, as lemma keys
/// (no half-spaces): simple and continuous past, perfect participle with its attached person endings,
/// present, subjunctive and imperative, each with its negative and the prefixes می/نمی/ب/ن. Multi-token
/// tenses (perfect, passive, future, light-verb constructions) are made of these forms and auxiliaries,
/// which are verbs in their own right («خواهد» → «خواست», «شده» → «شد»), so every word of them is covered.
/// </summary>
public static class VerbForms
{
    private static readonly string[] PastEndings = ["م", "ی", "", "یم", "ید", "ند"];
    private static readonly string[] PresentEndings = ["م", "ی", "د", "یم", "ید", "ند"];
    private static readonly string[] VowelPresentEndings = ["یم", "یی", "ید", "ییم", "یید", "یند"];
    private static readonly string[] PerfectEndings = ["", "ام", "ای", "ایم", "اید", "اند", "است", "ایست"];

    /// <summary>Calls <paramref name="emit"/> with the key of every one-token form of the verb.</summary>
    /// <param name="past">Past stem («رفت»), the UD lemma.</param>
    /// <param name="present">Present stem («رو»); empty when unknown.</param>
    /// <param name="emit">Receives each form key.</param>
    public static void Generate(string past, string present, Action<string> emit)
    {
        ArgumentNullException.ThrowIfNull(emit);
        Generate(past, present, (key, _) => emit(key));
    }

    /// <summary>
    /// Calls <paramref name="emit"/> with the key of every one-token form of the verb and whether it carries a
    /// prefix (می، نمی، ب، ن): unprefixed forms («روی», «درد») are often nouns as well, prefixed ones rarely.
    /// </summary>
    /// <param name="past">Past stem («رفت»), the UD lemma.</param>
    /// <param name="present">Present stem («رو»); empty when unknown.</param>
    /// <param name="emit">Receives each form key and whether it is prefixed.</param>
    public static void Generate(string past, string present, Action<string, bool> emit)
    {
        ArgumentNullException.ThrowIfNull(past);
        ArgumentNullException.ThrowIfNull(present);
        ArgumentNullException.ThrowIfNull(emit);
        past = PersianFold.Fold(past, PersianFoldOptions.LemmaKey);
        present = PersianFold.Fold(present, PersianFoldOptions.LemmaKey);
        if (past.Length == 0)
        {
            return;
        }
        foreach (var prefix in (ReadOnlySpan<string>)["", "ن", "می", "نمی"])
        {
            string stem = Prefixed(prefix, past);
            foreach (var ending in PastEndings)
            {
                emit(stem + ending, prefix.Length > 0);
            }
            foreach (var ending in PerfectEndings)
            {
                emit(stem + "ه" + ending, prefix.Length > 0);
            }
        }
        if (present.Length == 0)
        {
            return;
        }
        bool vowelFinal = present[^1] is 'ا' or 'و' or 'ی';
        foreach (var prefix in (ReadOnlySpan<string>)["", "ن", "می", "نمی", "ب"])
        {
            string stem = Prefixed(prefix, present);
            foreach (var ending in PresentEndings)
            {
                emit(stem + ending, prefix.Length > 0);
            }
            if (vowelFinal)
            {
                foreach (var ending in VowelPresentEndings)
                {
                    emit(stem + ending, prefix.Length > 0);
                }
            }
            if (prefix is "ب" or "ن" or "")
            {
                emit(stem, prefix.Length > 0); // imperative: برو، نرو؛ bare in light verbs: «کمک کن»
            }
            if (prefix is "ب" or "ن" && present[0] == 'ا')
            {
                string alef = Prefixed(prefix, present, keepAlef: true);
                foreach (var ending in PresentEndings)
                {
                    emit(alef + ending, true);
                }
                emit(alef, true);
            }
        }
    }

    /// <summary>Joins a prefix to a stem the way Persian writes it: «ب» + «آور» → «بیاور», «ن» + «انداز» → «نینداز».</summary>
    private static string Prefixed(string prefix, string stem) => Prefixed(prefix, stem, keepAlef: false);

    /// <summary>«بیانداز» beside «بینداز»: both spellings of a prefix before «ا» are common.</summary>
    private static string Prefixed(string prefix, string stem, bool keepAlef)
    {
        if (prefix.Length == 0)
        {
            return stem;
        }
        if (prefix is "ب" or "ن")
        {
            if (stem[0] == 'آ')
            {
                return prefix + "یا" + stem[1..];
            }
            if (stem[0] == 'ا')
            {
                return prefix + "ی" + (keepAlef ? stem : stem[1..]);
            }
        }
        return prefix + stem;
    }
}
