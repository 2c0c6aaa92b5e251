namespace Dabir.Models.Data;

/// <summary>
/// The Universal POS tag set, and the map from Bijankhan's fine tags to the UPOS tags they may stand for.
/// Where one Bijankhan tag covers several UPOS tags in the UD treebanks (e.g. every V_* tag is VERB or AUX,
/// DET-like quantifiers are DET, ADJ or PRON), the map gives the set, and training picks the member that fits
/// the context best (ambiguous-label perceptron). Documented in docs/models.md.
/// </summary>
internal static class UposMapping
{
    /// <summary>UPOS tags in model order.</summary>
    public static readonly string[] Tags =
        ["ADJ", "ADP", "ADV", "AUX", "CCONJ", "DET", "INTJ", "NOUN", "NUM", "PART", "PRON", "PROPN", "PUNCT", "SCONJ", "SYM", "VERB", "X"];

    public static uint Bit(string upos)
    {
        int i = Array.IndexOf(Tags, upos);
        return i < 0 ? throw new ArgumentException($"Unknown UPOS tag {upos}", nameof(upos)) : 1u << i;
    }

    public static uint Bits(params string[] upos)
    {
        uint bits = 0;
        foreach (var u in upos)
        {
            bits |= Bit(u);
        }
        return bits;
    }

    /// <summary>The allowed UPOS set for a Bijankhan tag, or 0 when the token should be dropped (SUBJ, 0).</summary>
    public static uint FromBijankhan(string tag)
    {
        static bool Is(string tag, string prefix) => tag.StartsWith(prefix, StringComparison.Ordinal);
        return tag switch
        {
            "DELM" => Bits("PUNCT", "SYM"),
            "SUBJ" or "0" => 0,
            "P_DEFI" => Bits("ADP", "PART"),
            "PP" or "CON_COMP" or "CON_GEN" or "ADV_EXM_GEN" => Bits("ADP"),
            "CON_RELC" or "CON_RELC_AZ" or "IF" => Bits("SCONJ"),
            "CON_GCOR" => Bits("CCONJ"),
            "CON_GMC" or "CON" or "CON_COR" or "CON_COR_GEN" or "CON_DCOR" or "CON_NLI" or "CON_PLI" => Bits("CCONJ", "SCONJ", "ADV"),
            "CON_OSC" => Bits("PART", "ADV"),
            "DET" => Bits("DET", "PRON"),
            "QUA" or "QUA_GEN" or "SPEC" or "MQUA" => Bits("DET", "ADJ", "PRON", "NOUN", "ADV"),
            "INT" or "OH" or "PS" or "ADV_WISH" => Bits("INTJ"),
            "AR" => Bits("X"),
            "N_SING_LAT" or "N_SING_LAT_GEN" => Bits("X", "PROPN"),
            "N_SING_NPR" => Bits("NOUN", "X", "SYM"),
            "N_SING_CN" or "N_SING_CN_GEN" or "N_SING_CN_INYA" => Bits("NUM"),
            "N_PL_CN" => Bits("NUM", "NOUN", "DET"),
            "PRO_DEF_NR_NIS" or "PRO_DEF_NR_NIS_3" or "PRO_INDF_NRS" or "PRO_INDF_NRP" => Bits("PRON", "DET"),
            "ADV_EXM" => Bits("ADP", "SCONJ", "ADV"),
            "ADV_I_GENR" => Bits("ADV", "PRON", "DET"),
            "ADV_LOC" or "ADV_TIME" or "ADV_TIME_GEN" or "ADV_REPT" => Bits("ADV", "NOUN"),
            "ADV_NI_NQ_SIM" or "ADV_NI_Q_SIM" or "ADV_NI_NQ_CMPR" or "ADV_NI_Q_CMPR" or "ADV_NEGG" => Bits("ADV", "ADJ"),
            "P_GEN" => Bits("ADP", "NOUN", "ADJ"),
            _ when Is(tag, "ADJ_INO") || Is(tag, "ADJ_PINO") => Bits("VERB", "AUX", "ADJ"),
            _ when Is(tag, "ADJ_ORD") => Bits("ADJ", "NUM"),
            _ when Is(tag, "ADJ") => Bits("ADJ"),
            _ when Is(tag, "MORP") => Bits("ADJ", "NOUN"),
            _ when Is(tag, "ADV") => Bits("ADV"),
            _ when Is(tag, "N_") && tag.Contains("_PR", StringComparison.Ordinal) && !tag.Contains("_PRO", StringComparison.Ordinal) => Bits("PROPN"),
            _ when Is(tag, "N_") => Bits("NOUN"),
            _ when Is(tag, "PRO_") => Bits("PRON"),
            _ when Is(tag, "P_") => Bits("ADP"),
            _ when Is(tag, "V_PRE_SIM") => Bits("AUX", "VERB"),
            _ when Is(tag, "V_PRE") => Bits("AUX", "VERB", "ADJ", "NOUN", "PRON"),
            _ when Is(tag, "V_") => Bits("VERB", "AUX"),
            _ => Bits("NOUN", "ADJ", "ADV", "X"),
        };
    }
}
