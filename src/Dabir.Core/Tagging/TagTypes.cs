namespace Dabir.Tagging;

/// <summary>Universal part-of-speech tags (UD v2).</summary>
public enum UniversalPos : byte
{
    /// <summary>Adjective.</summary>
    ADJ,
    /// <summary>Adposition.</summary>
    ADP,
    /// <summary>Adverb.</summary>
    ADV,
    /// <summary>Auxiliary.</summary>
    AUX,
    /// <summary>Coordinating conjunction.</summary>
    CCONJ,
    /// <summary>Determiner.</summary>
    DET,
    /// <summary>Interjection.</summary>
    INTJ,
    /// <summary>Noun.</summary>
    NOUN,
    /// <summary>Numeral.</summary>
    NUM,
    /// <summary>Particle.</summary>
    PART,
    /// <summary>Pronoun.</summary>
    PRON,
    /// <summary>Proper noun.</summary>
    PROPN,
    /// <summary>Punctuation.</summary>
    PUNCT,
    /// <summary>Subordinating conjunction.</summary>
    SCONJ,
    /// <summary>Symbol.</summary>
    SYM,
    /// <summary>Verb.</summary>
    VERB,
    /// <summary>Other.</summary>
    X,
}

/// <summary>UPOS names.</summary>
public static class UniversalPosNames
{
    private static readonly string[] Names = Enum.GetNames<UniversalPos>();

    /// <summary>The tag's name («NOUN»), a cached string.</summary>
    public static string Name(UniversalPos tag) => Names[(int)tag];
}

/// <summary>Named-entity types.</summary>
public enum EntityLabel : byte
{
    /// <summary>Not an entity.</summary>
    None,
    /// <summary>Person (PER).</summary>
    Person,
    /// <summary>Organisation (ORG).</summary>
    Organization,
    /// <summary>Location (LOC).</summary>
    Location,
    /// <summary>Facility (FAC).</summary>
    Facility,
    /// <summary>Event (EVENT).</summary>
    Event,
    /// <summary>Date (DATE).</summary>
    Date,
    /// <summary>Time (TIME).</summary>
    Time,
    /// <summary>Money (MONEY).</summary>
    Money,
    /// <summary>Percent (PERCENT).</summary>
    Percent,
}

/// <summary>One token's entity tag: the label and whether the token begins the entity (BIO scheme).</summary>
/// <param name="Label">Entity type, <see cref="EntityLabel.None"/> outside entities.</param>
/// <param name="Begins">True on the first token of an entity.</param>
public readonly record struct EntityTag(EntityLabel Label, bool Begins)
{
    private static readonly string[] Codes = ["O", "PER", "ORG", "LOC", "FAC", "EVENT", "DATE", "TIME", "MONEY", "PERCENT"];
    private static readonly string[] BeginNames = [.. Codes.Select(c => c == "O" ? "O" : "B-" + c)];
    private static readonly string[] InsideNames = [.. Codes.Select(c => c == "O" ? "O" : "I-" + c)];

    /// <summary>True inside an entity.</summary>
    public bool IsEntity => Label != EntityLabel.None;

    /// <summary>The code of a label: "PER", "ORG", …, "O" for none (cached strings).</summary>
    public static string Code(EntityLabel label) => Codes[(int)label];

    /// <summary>BIO form: "O", "B-PER", "I-ORG", … (cached strings, no allocation).</summary>
    public override string ToString() => Begins ? BeginNames[(int)Label] : InsideNames[(int)Label];
}

