using System.Collections.Frozen;
using System.IO.Compression;
using System.Text;

namespace Dabir.Events;

/// <summary>A malformed actor dictionary line: the message names the file and the line.</summary>
public sealed class ActorDictionaryException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ActorDictionaryException() { }

    /// <summary>Creates the exception with a message.</summary>
    public ActorDictionaryException(string message) : base(message) { }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public ActorDictionaryException(string message, Exception inner) : base(message, inner) { }
}

/// <summary>
/// The actor dictionary: Persian aliases (folded, so half-spaces, letter variants, hamza forms and spacing do not
/// matter) of states, capitals, demonyms, organizations, people in role spells, role phrases and anaphors. The
/// shipped dictionary (<see cref="Default"/>) is compiled from <c>shared/data/events/actors/*.tsv</c> by
/// <c>dabir train actors</c> and embedded as a Brotli resource; <see cref="WithUserFile"/> extends or overrides it.
/// Immutable and thread-safe.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1711", Justification = "A dictionary in the lexicographer's sense (aliases to actors), the name the project's data uses.")]
public sealed class ActorDictionary
{
    private const string Magic = "DBACT1";
    private static readonly Lazy<ActorDictionary> Embedded = new(LoadEmbedded);

    private readonly FrozenDictionary<string, int[]> _aliases;
    private readonly FrozenDictionary<string, int[]>.AlternateLookup<ReadOnlySpan<char>> _lookup;

    internal ActorDictionary(IReadOnlyList<ActorRecord> records, IReadOnlyDictionary<string, int[]> aliases)
    {
        Records = records;
        _aliases = aliases.ToFrozenDictionary(StringComparer.Ordinal);
        _lookup = _aliases.GetAlternateLookup<ReadOnlySpan<char>>();
        MaxKeyLength = _aliases.Count == 0 ? 0 : _aliases.Keys.Max(k => k.Length);
    }

    /// <summary>The shipped dictionary (loaded once per process).</summary>
    public static ActorDictionary Default => Embedded.Value;

    /// <summary>Number of distinct folded aliases.</summary>
    public int AliasCount => _aliases.Count;

    /// <summary>Number of compiled rows.</summary>
    public int RowCount => Records.Count;

    internal IReadOnlyList<ActorRecord> Records { get; }

    internal int MaxKeyLength { get; }

    internal IEnumerable<KeyValuePair<string, int[]>> Aliases => _aliases;

    /// <summary>The rows a folded key names, or null.</summary>
    internal int[]? Lookup(ReadOnlySpan<char> foldedKey) => _lookup.TryGetValue(foldedKey, out var rows) ? rows : null;

    /// <summary>The rows an alias (as written) names; empty when unknown.</summary>
    internal IEnumerable<ActorRecord> Find(string alias) => (Lookup(Fold.Key(alias)) ?? []).Select(i => Records[i]);

    /// <summary>
    /// Compiles the dictionary from the four TSV files of a folder (<c>actors-*.tsv</c>, <c>roles.tsv</c>) and any
    /// <paramref name="extraFiles"/> (Dabir's own additions, <c>Resources/actors-extra.tsv</c>), in that order.
    /// </summary>
    public static ActorDictionary FromFolder(string folder, params string[] extraFiles)
    {
        ArgumentNullException.ThrowIfNull(extraFiles);
        var builder = new ActorDictionaryBuilder();
        foreach (var file in Directory.GetFiles(folder, "*.tsv").Order(StringComparer.Ordinal))
        {
            builder.AddFile(file);
        }
        foreach (var file in extraFiles)
        {
            builder.AddFile(file);
        }
        builder.AddBuiltIns();
        return builder.Build();
    }

    /// <summary>
    /// This dictionary extended by a user file in any of the four layouts (the header line or the number of columns
    /// tells which): its aliases override the same aliases here, new aliases are added.
    /// </summary>
    /// <exception cref="ActorDictionaryException">A line is malformed (the message names the file and the line).</exception>
    public ActorDictionary WithUserFile(string path)
    {
        var user = new ActorDictionaryBuilder();
        user.AddFile(path);
        return ActorDictionaryBuilder.Merge(this, user);
    }

    /// <summary>Writes the compiled dictionary (Brotli), byte-identical for the same input.</summary>
    public void Write(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var brotli = new BrotliStream(stream, CompressionLevel.SmallestSize, leaveOpen: true);
        using var writer = new BinaryWriter(brotli, Encoding.UTF8, leaveOpen: true);
        writer.Write(Magic);
        writer.Write(Records.Count);
        foreach (var r in Records)
        {
            writer.Write(r.Id);
            writer.Write(r.Name);
            writer.Write(r.Cameo);
            writer.Write(r.Country);
            writer.Write(r.Sector);
            writer.Write((byte)r.Kind);
            writer.Write((byte)r.Rule);
            writer.Write(r.Start);
            writer.Write(r.End);
            writer.Write(r.Role);
            writer.Write(r.Nationality);
            writer.Write((byte)r.Flags);
        }
        var keys = _aliases.Keys.Order(StringComparer.Ordinal).ToArray();
        writer.Write(keys.Length);
        foreach (var key in keys)
        {
            writer.Write(key);
            var rows = _aliases[key];
            writer.Write(rows.Length);
            foreach (int row in rows)
            {
                writer.Write(row);
            }
        }
    }

    /// <summary>Reads a dictionary written by <see cref="Write"/>.</summary>
    public static ActorDictionary Read(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var brotli = new BrotliStream(stream, CompressionMode.Decompress, leaveOpen: true);
        using var reader = new BinaryReader(brotli, Encoding.UTF8, leaveOpen: true);
        if (reader.ReadString() != Magic)
        {
            throw new InvalidDataException("Not a Dabir actor dictionary (rebuild it with dabir train actors).");
        }
        int count = reader.ReadInt32();
        var records = new ActorRecord[count];
        for (int i = 0; i < count; i++)
        {
            records[i] = new ActorRecord(
                reader.ReadString(), reader.ReadString(), reader.ReadString(), reader.ReadString(), reader.ReadString(),
                (ActorKind)reader.ReadByte(), (RoleRule)reader.ReadByte(), reader.ReadInt32(), reader.ReadInt32(),
                reader.ReadString(), reader.ReadString(), (ActorFlags)reader.ReadByte());
        }
        int keys = reader.ReadInt32();
        var aliases = new Dictionary<string, int[]>(keys, StringComparer.Ordinal);
        for (int i = 0; i < keys; i++)
        {
            string key = reader.ReadString();
            var rows = new int[reader.ReadInt32()];
            for (int j = 0; j < rows.Length; j++)
            {
                rows[j] = reader.ReadInt32();
            }
            aliases[key] = rows;
        }
        return new ActorDictionary(records, aliases);
    }

    private static ActorDictionary LoadEmbedded()
    {
        using var stream = typeof(ActorDictionary).Assembly.GetManifestResourceStream("Dabir.Events.actors.bin.br")
            ?? throw new InvalidOperationException("The actor dictionary is not embedded: run dabir train actors and rebuild.");
        return Read(stream);
    }
}

/// <summary>Compiles dictionary rows from TSV files.</summary>
internal sealed class ActorDictionaryBuilder
{
    private readonly List<ActorRecord> _records = [];
    private readonly List<(string Key, int Row)> _aliases = [];

    public void AddFile(string path)
    {
        if (!File.Exists(path))
        {
            throw new ActorDictionaryException($"{path}: no such file");
        }
        string? layout = null;
        int lineNumber = 0;
        foreach (var raw in File.ReadLines(path))
        {
            lineNumber++;
            string line = raw.TrimEnd('\r');
            if (line.Length == 0)
            {
                continue;
            }
            if (line[0] == '#')
            {
                if (line.StartsWith("#alias_fa\tactor_id\tcanonical_en\tcameo_code\tkind\tcountry", StringComparison.Ordinal))
                {
                    layout = "organizations";
                }
                else if (line.StartsWith("#alias_fa\tactor_id", StringComparison.Ordinal))
                {
                    layout = "countries";
                }
                else if (line.StartsWith("#alias_fa\tperson_id", StringComparison.Ordinal))
                {
                    layout = "people";
                }
                else if (line.StartsWith("#role_fa", StringComparison.Ordinal))
                {
                    layout = "roles";
                }
                continue;
            }
            var cols = line.Split('\t');
            string kind = layout ?? cols.Length switch
            {
                5 => "roles",
                6 => "countries",
                7 => "organizations",
                9 => "people",
                _ => "",
            };
            try
            {
                AddRow(kind, cols);
            }
            catch (FormatException e)
            {
                throw new ActorDictionaryException($"{path}:{lineNumber}: {e.Message}", e);
            }
        }
    }

    private void AddRow(string layout, string[] c)
    {
        int expected = layout switch { "roles" => 5, "countries" => 6, "organizations" => 7, "people" => 9, _ => -1 };
        if (expected < 0)
        {
            throw new FormatException($"{c.Length} columns: expected 5 (roles), 6 (countries), 7 (organizations) or 9 (people)");
        }
        if (c.Length < expected - 1 || c.Length > expected)
        {
            throw new FormatException($"{c.Length} columns where the {layout} layout has {expected}");
        }
        string Col(int i) => i < c.Length ? c[i].Trim() : "";
        string alias = Col(0).Replace('|', '\u200C');
        if (alias.Length == 0)
        {
            throw new FormatException("empty alias");
        }
        ActorRecord record;
        switch (layout)
        {
            case "countries":
            {
                string id = Col(1), cameo = Col(3), kindText = Col(4), notes = Col(5);
                RequireCode(id, "actor_id");
                var kind = kindText switch
                {
                    "country" => ActorKind.Country,
                    "capital-metonym" => ActorKind.Capital,
                    "demonym" => ActorKind.Demonym,
                    "government-metonym" => ActorKind.Government,
                    "region" => ActorKind.Region,
                    _ => throw new FormatException($"unknown kind '{kindText}' (country, capital-metonym, demonym, government-metonym, region)"),
                };
                string country = id.Split('-')[0];
                string sector = kind is ActorKind.Capital or ActorKind.Government ? "GOV" : SectorOf(cameo, country);
                // A region without a state («خاورمیانه» MEA, «غرب» WST) is no actor's country.
                var flags = FlagsOf(notes) | (kind == ActorKind.Region && !id.Contains('-', StringComparison.Ordinal) ? ActorFlags.Vague : ActorFlags.None);
                record = new ActorRecord(id, Col(2), cameo.Length > 0 ? cameo : id, country, sector, kind, RoleRule.None, 0, int.MaxValue, "", country, flags);
                break;
            }
            case "organizations":
            {
                string id = Col(1), cameo = Col(3), kindText = Col(4), own = Col(5), notes = Col(6);
                RequireCode(id, "actor_id");
                string country = CountryOf(cameo, own);
                record = new ActorRecord(id, Col(2), cameo, country, SectorOf(cameo, country, kindText), ActorKind.Organization,
                    RoleRule.None, 0, int.MaxValue, kindText, own, FlagsOf(notes));
                break;
            }
            case "people":
            {
                string id = Col(1), nationality = Col(3), cameo = Col(5);
                RequireCode(id, "person_id");
                int start = Month(Col(6), false), end = Month(Col(7), true);
                string country = CountryOf(cameo, nationality);
                record = new ActorRecord(id, Col(2), cameo, country, SectorOf(cameo, country), ActorKind.Person, RoleRule.None,
                    start, end, Col(4), nationality, FlagsOf(Col(8)));
                break;
            }
            default:
            {
                string roleEn = Col(1), sector = Col(2), resolves = Col(3);
                var (kind, rule, fixedCountry) = RoleRuleOf(alias, resolves);
                string sec = sector.Length > 0 ? PloverSector(sector) : "";
                // A fixed role names its code first («IGOAFRAFU; person by date», «IRN; person by date»).
                string code = rule == RoleRule.Fixed ? resolves.Split(';', ' ', ':')[0] : "";
                string cameo = code.Length > 3 && code.All(char.IsAsciiLetterUpper) ? code : code.Length == 3 && code != "IGO" ? code + (sector.Length > 0 ? sector : "GOV") : "";
                var flags = (resolves.Contains("publisher", StringComparison.Ordinal) ? ActorFlags.PublisherRelative : ActorFlags.None)
                    | (resolves.Contains("unspecified", StringComparison.Ordinal) ? ActorFlags.Vague : ActorFlags.None)
                    | (resolves.Contains("acting country", StringComparison.Ordinal) ? ActorFlags.Domestic : ActorFlags.None);
                record = new ActorRecord("role:" + roleEn, roleEn, cameo, fixedCountry, sec, kind, rule, 0, int.MaxValue, roleEn, "", flags);
                break;
            }
        }
        _records.Add(record);
        _aliases.Add((Fold.Key(alias), _records.Count - 1));
    }

    /// <summary>Pronouns and possessives the TSV files leave to the coder (documented in docs/events.md).</summary>
    public void AddBuiltIns()
    {
        foreach (var (alias, rule) in new[]
        {
            ("من", RoleRule.AnaphorSpeaker), ("وی", RoleRule.AnaphorPerson), ("ایشان", RoleRule.AnaphorPerson), ("او", RoleRule.AnaphorPerson),
            ("کشورش", RoleRule.AnaphorOwnCountry), ("کشور متبوعش", RoleRule.AnaphorOwnCountry), ("کشور متبوع خود", RoleRule.AnaphorOwnCountry),
            ("این کشورها", RoleRule.None),
            ("این سفارتخانه", RoleRule.AnaphorOrganization), ("این نهاد", RoleRule.AnaphorOrganization), ("این اتحادیه", RoleRule.AnaphorOrganization),
            ("این سازمان منطقه‌ای", RoleRule.AnaphorOrganization), ("این سازمان بین‌المللی", RoleRule.AnaphorOrganization),
            ("این جنبش", RoleRule.AnaphorGroup), ("این حزب", RoleRule.AnaphorGroup),
            ("این روزنامه", RoleRule.AnaphorMedia), ("این نشریه", RoleRule.AnaphorMedia), ("این رسانه", RoleRule.AnaphorMedia),
            ("این خبرگزاری", RoleRule.AnaphorMedia), ("این شبکه", RoleRule.AnaphorMedia),
        })
        {
            if (rule == RoleRule.None)
            {
                continue;
            }
            _records.Add(new ActorRecord("anaphor:" + alias, alias, "", "", "", ActorKind.Anaphor, rule, 0, int.MaxValue, "", "", ActorFlags.None));
            _aliases.Add((Fold.Key(alias), _records.Count - 1));
        }
    }

    public ActorDictionary Build()
    {
        var map = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        foreach (var (key, row) in _aliases)
        {
            if (key.Length == 0)
            {
                continue;
            }
            if (!map.TryGetValue(key, out var rows))
            {
                map[key] = rows = [];
            }
            if (!rows.Contains(row))
            {
                rows.Add(row);
            }
        }
        return new ActorDictionary(_records.ToArray(), map.ToDictionary(p => p.Key, p => p.Value.ToArray(), StringComparer.Ordinal));
    }

    /// <summary>The shipped rows with the user's rows added; a user alias replaces the shipped rows of the same alias.</summary>
    public static ActorDictionary Merge(ActorDictionary shipped, ActorDictionaryBuilder user)
    {
        var records = new List<ActorRecord>(shipped.Records);
        var map = shipped.Aliases.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
        var fresh = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        foreach (var (key, row) in user._aliases)
        {
            records.Add(user._records[row]);
            if (!fresh.TryGetValue(key, out var rows))
            {
                fresh[key] = rows = [];
            }
            rows.Add(records.Count - 1);
        }
        foreach (var (key, rows) in fresh)
        {
            map[key] = [.. rows];
        }
        return new ActorDictionary(records, map);
    }

    private static (ActorKind Kind, RoleRule Rule, string Country) RoleRuleOf(string alias, string resolves)
    {
        if (resolves.StartsWith("anaphor", StringComparison.Ordinal))
        {
            var rule = alias.Contains("کشور", StringComparison.Ordinal) ? RoleRule.AnaphorCountry
                : alias.Contains("رژیم", StringComparison.Ordinal) ? RoleRule.AnaphorRegime
                : alias.Contains("گروه", StringComparison.Ordinal) ? RoleRule.AnaphorGroup
                : RoleRule.AnaphorOrganization;
            return (ActorKind.Anaphor, rule, "");
        }
        if (resolves.StartsWith("honorific", StringComparison.Ordinal))
        {
            return (ActorKind.Honorific, RoleRule.None, "");
        }
        if (resolves.StartsWith("publisher-relative", StringComparison.Ordinal))
        {
            return (ActorKind.Role, RoleRule.Publisher, "");
        }
        if (resolves.StartsWith("IRN", StringComparison.Ordinal))
        {
            return (ActorKind.Role, RoleRule.Fixed, "IRN");
        }
        if (resolves.StartsWith("IGOUNO", StringComparison.Ordinal))
        {
            return (ActorKind.Role, RoleRule.Fixed, "UNO");
        }
        if (resolves.StartsWith("IGOEUREEC", StringComparison.Ordinal))
        {
            return (ActorKind.Role, RoleRule.Fixed, "EUR");
        }
        if (resolves.StartsWith("IGO", StringComparison.Ordinal))
        {
            return (ActorKind.Role, RoleRule.Fixed, "IGO");
        }
        if (resolves.Length == 3 && resolves.All(char.IsAsciiLetterUpper))
        {
            return (ActorKind.Role, RoleRule.Fixed, resolves);
        }
        if (resolves.StartsWith("USA", StringComparison.Ordinal))
        {
            return (ActorKind.Role, RoleRule.Fixed, "USA");
        }
        return (ActorKind.Role, RoleRule.Complement, "");
    }

    private static ActorFlags FlagsOf(string notes) =>
        (notes.Contains("PUBLISHER-RELATIVE", StringComparison.Ordinal) ? ActorFlags.PublisherRelative : ActorFlags.None)
        | (notes.Contains("AMBIGUOUS", StringComparison.Ordinal) ? ActorFlags.Ambiguous : ActorFlags.None);

    private static void RequireCode(string id, string column)
    {
        if (id.Length == 0)
        {
            throw new FormatException($"empty {column}");
        }
    }

    /// <summary>A month as months since year 0; empty = unknown (0 for a start, open for an end).</summary>
    private static int Month(string text, bool end)
    {
        if (text.Length == 0)
        {
            return end ? int.MaxValue : 0;
        }
        var parts = text.Split('-');
        if (parts.Length > 2 || !int.TryParse(parts[0], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int year)
            || year < 1800 || year > 2200)
        {
            throw new FormatException($"bad date '{text}' (YYYY or YYYY-MM)");
        }
        int month = end ? 12 : 1;
        if (parts.Length == 2 && (!int.TryParse(parts[1], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out month) || month < 1 || month > 12))
        {
            throw new FormatException($"bad month in '{text}'");
        }
        return year * 12 + month - 1;
    }

    /// <summary>The events convention's country of a CAMEO code: UNO for the UN family, EUR for the EU, IGO for other IGOs, else the state.</summary>
    internal static string CountryOf(string cameo, string own)
    {
        if (cameo.StartsWith("IGOUNO", StringComparison.Ordinal))
        {
            return "UNO";
        }
        if (cameo.StartsWith("IGOEUREEC", StringComparison.Ordinal))
        {
            return "EUR";
        }
        if (cameo.StartsWith("IGO", StringComparison.Ordinal))
        {
            return "IGO";
        }
        if (cameo.Length >= 3 && cameo[..3].All(char.IsAsciiLetterUpper) && !IsSectorCode(cameo[..3])
            && cameo[..3] is not ("NGO" or "IMG" or "MNC"))
        {
            return cameo[..3];
        }
        return own;
    }

    private static bool IsSectorCode(string code) => code is "MED" or "GOV" or "MIL" or "REB" or "OPP" or "CVL" or "BUS" or "EDU" or "REL" or "HLH" or "JUD" or "LEG";

    internal static string SectorOf(string cameo, string country, string orgKind = "")
    {
        if (country is "IGO" or "UNO" or "EUR" && cameo.StartsWith("IGO", StringComparison.Ordinal))
        {
            return "IGO";
        }
        string rest = cameo.Length <= 3 ? IsSectorCode(cameo) ? cameo : "" : !IsSectorCode(cameo[..3]) ? cameo[3..] : cameo;
        if (rest.Length >= 3)
        {
            return PloverSector(rest[..3]);
        }
        return orgKind switch
        {
            "media" => "JRN",
            "party" => "PTY",
            "ngo" => "NGO",
            "armed-group" => "REB",
            _ => "",
        };
    }

    /// <summary>CAMEO's sector names where PLOVER renamed them: MED (media) is JRN, HLH (health) is MED.</summary>
    internal static string PloverSector(string cameoSector) => cameoSector switch
    {
        "MED" => "JRN",
        "HLH" => "MED",
        "IMG" or "INS" or "SEP" => "REB",
        _ => cameoSector,
    };
}
