using System.Text;
using Dabir.Text;

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
        FirstName, LastName, PersonTitle, Location, Organization, Entity, Job, Person, Demonym,
        /// <summary>Entity phrases annotated in the NER training corpora (seen at least twice).</summary>
        AnnotatedPerson, AnnotatedOrganization, AnnotatedLocation,
    }

    internal const int GazetteerTypeCount = 12;

    /// <summary>Longest gazetteer phrase, in tokens.</summary>
    internal const int MaxPhraseTokens = 6;

    private readonly KeyedBits _words;
    private readonly KeyedBits _phrases;
    private readonly KeyedBits _clusters;

    public TaggerLexicon(KeyedBits words, KeyedBits phrases, KeyedBits clusters)
    {
        _words = words;
        _phrases = phrases;
        _clusters = clusters;
    }

    /// <summary>An empty lexicon (for tests and lexicon-free training).</summary>
    public static TaggerLexicon Empty { get; } = new(new KeyedBits(new Dictionary<uint, uint>()), new KeyedBits(new Dictionary<uint, uint>()), new KeyedBits(new Dictionary<uint, uint>()));

    public int WordCount => _words.Count;

    /// <summary>Identifies the lexicon's content when read from a model file (SHA-256 of its bytes, first 8); 0 for a
    /// lexicon built in memory. Models whose lexicons share a fingerprint compute identical per-token information.</summary>
    public ulong Fingerprint { get; private init; }

    public int PhraseCount => _phrases.Count;

    public int ClusterCount => _clusters.Count;

    /// <summary>Word-cluster code of a folded word's hash (see <see cref="WordClusters"/>; 0 = none).</summary>
    public uint ClusterOf(ulong foldedWordHash) => _clusters.Get(FeatureHash.Key32(foldedWordHash));

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
        _clusters.Write(writer);
    }

    public static TaggerLexicon Read(BinaryReader reader)
    {
        long start = reader.BaseStream.CanSeek ? reader.BaseStream.Position : -1;
        var words = KeyedBits.Read(reader);
        var phrases = KeyedBits.Read(reader);
        var clusters = KeyedBits.Read(reader);
        ulong fingerprint = 0;
        if (start >= 0 && reader.BaseStream is MemoryStream memory && memory.TryGetBuffer(out var buffer))
        {
            var bytes = buffer.AsSpan((int)start, (int)(memory.Position - start));
            fingerprint = System.Buffers.Binary.BinaryPrimitives.ReadUInt64LittleEndian(System.Security.Cryptography.SHA256.HashData(bytes));
        }
        return new TaggerLexicon(words, phrases, clusters) { Fingerprint = fingerprint };
    }

    /// <summary>Builds the lexicon from the shared data folder (hazm words.dat, gazetteer lists, the actor
    /// dictionary) and learns word clusters from <paramref name="clusterText"/> (unlabeled sentences; none when null).</summary>
    public static TaggerLexicon Build(string dataDirectory, IEnumerable<IReadOnlyList<string>>? clusterText = null, Action<string>? log = null,
        IEnumerable<(string[] Tokens, GazetteerType Type)>? annotatedPhrases = null)
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
            int n = PersianFold.Fold(columns[0], folded, PersianFoldOptions.TaggerFeatures);
            uint key = FeatureHash.Key32(FeatureHash.OfChars(folded.AsSpan(0, n)));
            words[key] = words.GetValueOrDefault(key) | bits;
        }

        var phrases = new Dictionary<uint, uint>();
        string gazetteers = Path.Combine(dataDirectory, "gazetteers");
        void AddList(string file, GazetteerType type, int column = 0, Func<string[], GazetteerType?>? typeOf = null)
        {
            string path = Path.Combine(gazetteers, file);
            if (!File.Exists(path))
            {
                return;
            }
            foreach (var line in File.ReadLines(path, Encoding.UTF8))
            {
                if (line.StartsWith('#'))
                {
                    continue;
                }
                var columns = line.Split('\t');
                if (column >= columns.Length)
                {
                    continue;
                }
                if (typeOf is not null)
                {
                    if (typeOf(columns) is not { } rowType)
                    {
                        continue;
                    }
                    type = rowType;
                }
                // Split at spaces only: a ZWNJ stays inside its token, and folding removes it on both sides.
                var tokens = columns[column].Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                if (tokens.Length == 0 || tokens.Length > MaxPhraseTokens)
                {
                    continue;
                }
                ulong h = 0;
                foreach (var token in tokens)
                {
                    int n = PersianFold.Fold(token, folded, PersianFoldOptions.TaggerFeatures);
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
        // The project's actor dictionary (../shared/data/events/actors, compiled for the project): countries,
        // capitals, demonyms, organisations and people as they are written in Persian news.
        AddList("../events/actors/actors-countries.tsv", GazetteerType.Location, typeOf: c => c.Length > 4 && c[4] == "demonym" ? GazetteerType.Demonym
            : c.Length > 4 && c[4] == "government-metonym" ? GazetteerType.Organization : GazetteerType.Location);
        AddList("../events/actors/actors-organizations.tsv", GazetteerType.Organization);
        AddList("../events/actors/actors-people.tsv", GazetteerType.Person);
        if (annotatedPhrases is not null)
        {
            var seen = new Dictionary<uint, (int Count, uint Types)>();
            foreach (var (tokens, type) in annotatedPhrases)
            {
                if (tokens.Length == 0 || tokens.Length > MaxPhraseTokens)
                {
                    continue;
                }
                ulong h = 0;
                foreach (var token in tokens)
                {
                    int n = token.Length <= folded.Length ? PersianFold.Fold(token, folded, PersianFoldOptions.TaggerFeatures) : 0;
                    h = PhraseHash(h, FeatureHash.OfChars(folded.AsSpan(0, n)));
                }
                uint key = FeatureHash.Key32(h);
                var entry = seen.GetValueOrDefault(key);
                seen[key] = (entry.Count + 1, entry.Types | (1u << (int)type));
            }
            int added = 0;
            foreach (var (key, entry) in seen)
            {
                if (entry.Count >= 2)
                {
                    phrases[key] = phrases.GetValueOrDefault(key) | entry.Types;
                    added++;
                }
            }
            log?.Invoke($"gazetteer: {added} entity phrases from the NER training corpora");
        }
        var clusters = clusterText is null ? [] : WordClusters.Learn(clusterText, seed: 17, log);
        return new TaggerLexicon(new KeyedBits(words), new KeyedBits(phrases), new KeyedBits(clusters));
    }
}
