using System.Text;

namespace Dabir.Models.Features;

/// <summary>
/// Word-level knowledge shared by the taggers: lexicon classes of a folded word (from Hazm's words.dat, MIT)
/// and gazetteer phrases with their entity types (from ../shared/data/gazetteers, MIT). Both are stored
/// hashed inside the model file, never as word lists.
/// </summary>
internal sealed class TaggerLexicon
{
    /// <summary>Hazm lexicon classes, one bit each; bit 0 means "listed in the lexicon".</summary>
    internal static readonly string[] LexiconClasses =
        ["*known", "N", "AJ", "NUM", "ADV", "PL", "RES", "CL", "AJC", "P", "CONJ", "DET", "ZVR", "PRO", "PR", "PS", "INT", "POSTP", "NIN", "COMP", "V"];

    /// <summary>Gazetteer entity types, one bit each (a phrase may carry several).</summary>
    internal enum GazetteerType
    {
        FirstName, LastName, PersonTitle, Location, Organization, Entity, Job,
    }

    internal const int GazetteerTypeCount = 7;

    /// <summary>Longest gazetteer phrase, in tokens.</summary>
    internal const int MaxPhraseTokens = 6;

    private readonly KeyedBits _words;
    private readonly KeyedBits _phrases;

    public TaggerLexicon(KeyedBits words, KeyedBits phrases)
    {
        _words = words;
        _phrases = phrases;
    }

    /// <summary>An empty lexicon (for tests and lexicon-free training).</summary>
    public static TaggerLexicon Empty { get; } = new(new KeyedBits(new Dictionary<uint, uint>()), new KeyedBits(new Dictionary<uint, uint>()));

    public int WordCount => _words.Count;

    public int PhraseCount => _phrases.Count;

    /// <summary>Lexicon class bits of a folded word's hash.</summary>
    public uint WordBits(ulong foldedWordHash) => _words.Get(FeatureHash.Key32(foldedWordHash));

    /// <summary>Gazetteer type bits of a phrase hash (see <see cref="PhraseHash"/>).</summary>
    public uint PhraseBits(ulong phraseHash) => _phrases.Get(FeatureHash.Key32(phraseHash));

    /// <summary>Extends a phrase hash by one more folded token hash.</summary>
    public static ulong PhraseHash(ulong phraseSoFar, ulong tokenHash) => FeatureHash.Mix(phraseSoFar * 31 + tokenHash);

    public void Write(BinaryWriter writer)
    {
        _words.Write(writer);
        _phrases.Write(writer);
    }

    public static TaggerLexicon Read(BinaryReader reader)
    {
        var words = KeyedBits.Read(reader);
        var phrases = KeyedBits.Read(reader);
        return new TaggerLexicon(words, phrases);
    }

    /// <summary>Builds the lexicon from the shared data folder (hazm words.dat and gazetteer lists).</summary>
    public static TaggerLexicon Build(string dataDirectory)
    {
        var words = new Dictionary<uint, uint>();
        string wordsPath = Path.Combine(dataDirectory, "lexicons", "hazm", "words.dat");
        var folded = new char[256];
        foreach (var line in File.ReadLines(wordsPath, Encoding.UTF8))
        {
            var columns = line.Split('\t');
            if (columns[0].Length == 0 || columns[0].Length > 200)
            {
                continue;
            }
            uint bits = 1;
            foreach (var tag in columns[^1].Split(','))
            {
                int index = Array.IndexOf(LexiconClasses, tag.Trim());
                if (index > 0)
                {
                    bits |= 1u << index;
                }
            }
            int n = TokenFolding.Fold(columns[0], folded);
            uint key = FeatureHash.Key32(FeatureHash.OfChars(folded.AsSpan(0, n)));
            words[key] = words.GetValueOrDefault(key) | bits;
        }

        var phrases = new Dictionary<uint, uint>();
        string gazetteers = Path.Combine(dataDirectory, "gazetteers");
        void AddList(string file, GazetteerType type, int column = 0)
        {
            string path = Path.Combine(gazetteers, file);
            if (!File.Exists(path))
            {
                return;
            }
            foreach (var line in File.ReadLines(path, Encoding.UTF8))
            {
                var columns = line.Split('\t');
                if (column >= columns.Length)
                {
                    continue;
                }
                var tokens = columns[column].Split([' ', '\u200C'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                if (tokens.Length == 0 || tokens.Length > MaxPhraseTokens)
                {
                    continue;
                }
                ulong h = 0;
                foreach (var token in tokens)
                {
                    int n = TokenFolding.Fold(token, folded);
                    h = PhraseHash(h, FeatureHash.OfChars(folded.AsSpan(0, n)));
                }
                uint key = FeatureHash.Key32(h);
                phrases[key] = phrases.GetValueOrDefault(key) | (1u << (int)type);
            }
        }
        AddList("faker_person_first_names_female.txt", GazetteerType.FirstName);
        AddList("faker_person_first_names_male.txt", GazetteerType.FirstName);
        AddList("faker_person_last_names.txt", GazetteerType.LastName);
        AddList("faker_person_prefixes_female.txt", GazetteerType.PersonTitle);
        AddList("faker_person_prefixes_male.txt", GazetteerType.PersonTitle);
        AddList("faker_job_jobs.txt", GazetteerType.Job);
        AddList("faker_address_countries.txt", GazetteerType.Location);
        AddList("faker_address_states.txt", GazetteerType.Location);
        AddList("iran_provinces.txt", GazetteerType.Location);
        AddList("iran_cities_by_province.tsv", GazetteerType.Location);
        AddList("countries_fa.tsv", GazetteerType.Location, column: 1);
        AddList("faker_company_company_names.txt", GazetteerType.Organization);
        AddList("parstwiner_entities_arman_manual.txt", GazetteerType.Entity);
        return new TaggerLexicon(new KeyedBits(words), new KeyedBits(phrases));
    }
}
