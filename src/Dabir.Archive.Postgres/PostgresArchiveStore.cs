using System.Globalization;
using System.Text;
using Dabir.Archive.Query;
using Npgsql;
using NpgsqlTypes;

namespace Dabir.Archive.Postgres;

/// <summary>
/// The archive in PostgreSQL, shared by many writers (workers on many machines) and readers. Documents are partitioned
/// by publication month (a default partition holds the undated); their terms are a GIN-indexed <c>tsvector</c> of
/// Dabir's own folded forms and lemmas (<see cref="TermVectors"/>), and search ranks the GIN candidates with the same
/// BM25 as the embedded store (<see cref="MatchExpression"/>), from term statistics kept here (documents, terms). Each
/// <see cref="Add"/> is one transaction, serialised with the other writers by an advisory lock, so that identity (one
/// current version per key), the corpus counts and the near-duplicate union-find never see two writers at once: a
/// redelivered or concurrent copy of a document finds the committed one and changes nothing.
/// </summary>
public sealed class PostgresArchiveStore : IArchiveStore
{
    /// <summary>The schema this code reads and writes.</summary>
    public const string SchemaVersion = "dabir.archive.pg/1";

    // Advisory lock ids (pg_advisory_xact_lock): every write transaction, partition creation, schema creation.
    private const long WriteLock = 0x0DAB1_0001;
    private const long PartitionLock = 0x0DAB1_0002;
    private const long SchemaLock = 0x0DAB1_0003;

    private readonly NpgsqlDataSource _source;
    private readonly string _display;
    private readonly bool _readOnly;
    private readonly HashSet<DateOnly> _partitions = [];

    private PostgresArchiveStore(NpgsqlDataSource source, string display, bool readOnly)
    {
        _source = source;
        _display = display;
        _readOnly = readOnly;
    }

    /// <summary>True when <paramref name="store"/> names a PostgreSQL store (<c>postgres://</c> or <c>postgresql://</c>).</summary>
    public static bool IsUrl(string store) =>
        store is not null && (store.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase) || store.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase));

    /// <summary>The Npgsql connection string of a <c>postgres://user:password@host:port/database?Key=Value</c> URL.</summary>
    /// <exception cref="ArchiveStoreException">Not such a URL.</exception>
    public static string ConnectionString(string url)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (!IsUrl(url) || !Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Host.Length == 0)
        {
            throw new ArchiveStoreException($"{Redact(url)}: not a PostgreSQL URL (postgres://user:password@host:port/database)");
        }
        var b = new NpgsqlConnectionStringBuilder
        {
            Host = uri.Host,
            Port = uri.IsDefaultPort || uri.Port <= 0 ? 5432 : uri.Port,
            Database = uri.AbsolutePath.Trim('/') is { Length: > 0 } db ? Uri.UnescapeDataString(db) : "postgres",
            // A restarting server: commands wait for a connection rather than fail at once.
            Timeout = 15,
            CommandTimeout = 300,
        };
        if (uri.UserInfo.Length > 0)
        {
            var parts = uri.UserInfo.Split(':', 2);
            b.Username = Uri.UnescapeDataString(parts[0]);
            if (parts.Length > 1)
            {
                b.Password = Uri.UnescapeDataString(parts[1]);
            }
        }
        foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var kv = pair.Split('=', 2);
            try
            {
                b[Uri.UnescapeDataString(kv[0])] = kv.Length > 1 ? Uri.UnescapeDataString(kv[1]) : "true";
            }
            catch (ArgumentException e)
            {
                throw new ArchiveStoreException($"{Redact(url)}: unknown connection setting '{kv[0]}' ({e.Message})", e);
            }
        }
        return b.ConnectionString;
    }

    /// <summary>The URL without its password, for messages.</summary>
    public static string Redact(string url) =>
        url is null ? "" : System.Text.RegularExpressions.Regex.Replace(url, "://([^:/@]*):[^@/]*@", "://$1:***@");

    /// <summary>Opens (and creates the schema in, unless <paramref name="readOnly"/>) the database <paramref name="url"/> names.</summary>
    /// <exception cref="ArchiveStoreException">The server cannot be reached, or the database holds something else.</exception>
    public static PostgresArchiveStore Open(string url, bool readOnly = false)
    {
        var source = NpgsqlDataSource.Create(ConnectionString(url));
        var store = new PostgresArchiveStore(source, Redact(url), readOnly);
        try
        {
            store.Initialize();
            return store;
        }
        catch (NpgsqlException e)
        {
            store.Dispose();
            throw new ArchiveStoreException($"{store._display}: cannot open the archive ({e.Message})", e);
        }
        catch
        {
            store.Dispose();
            throw;
        }
    }

    private void Initialize()
    {
        using var conn = _source.OpenConnection();
        string? schema = Meta(conn);
        if (schema is null)
        {
            if (_readOnly)
            {
                throw new ArchiveStoreException($"{_display}: no archive in this database (create it with dabir ingest or dabir worker)");
            }
            using var tx = conn.BeginTransaction();
            Exec(conn, tx, $"SELECT pg_advisory_xact_lock({SchemaLock})");
            if (Meta(conn, tx) is null)
            {
                if (Scalar<long>(conn, tx, "SELECT count(*) FROM pg_tables WHERE schemaname = current_schema() AND tablename = 'documents'") > 0)
                {
                    throw new ArchiveStoreException($"{_display}: the database has a 'documents' table but is not a Dabir archive");
                }
                foreach (var sql in Schema)
                {
                    Exec(conn, tx, sql);
                }
                Exec(conn, tx, $"INSERT INTO meta(key, value) VALUES ('schema', '{SchemaVersion}')");
            }
            tx.Commit();
            schema = Meta(conn);
        }
        if (schema != SchemaVersion)
        {
            throw new ArchiveStoreException($"{_display}: archive schema '{schema}' is not {SchemaVersion}");
        }
    }

    private static string? Meta(NpgsqlConnection conn, NpgsqlTransaction? tx = null)
    {
        if (Scalar<long>(conn, tx, "SELECT count(*) FROM pg_tables WHERE schemaname = current_schema() AND tablename = 'meta'") == 0)
        {
            return null;
        }
        return Scalar<string?>(conn, tx, "SELECT value FROM meta WHERE key = 'schema'");
    }

    private static readonly string[] Schema =
    [
        "CREATE TABLE meta(key text PRIMARY KEY, value text NOT NULL)",
        "CREATE SEQUENCE documents_seq",
        // Partitioned by publication month; month is null for the undated (and for dates outside 1900–2199).
        """
        CREATE TABLE documents(
          id bigint NOT NULL DEFAULT nextval('documents_seq'),
          month date,
          doc_key text NOT NULL,
          version int NOT NULL,
          current boolean NOT NULL,
          content_hash text NOT NULL,
          record_id text NOT NULL,
          url text,
          title text,
          agency text,
          published text,
          analysis_version text NOT NULL,
          ingested_at timestamptz NOT NULL DEFAULT now(),
          length int NOT NULL,
          title_f text NOT NULL,
          title_l text NOT NULL,
          body_f text NOT NULL,
          body_l text NOT NULL,
          tsv tsvector NOT NULL,
          source_text bytea NOT NULL,
          record bytea NOT NULL
        ) PARTITION BY RANGE (month)
        """,
        // The check lets a new month's partition be attached without scanning the default one.
        "CREATE TABLE documents_undated PARTITION OF documents (CONSTRAINT undated CHECK (month IS NULL)) DEFAULT",
        "CREATE INDEX documents_id ON documents(id)",
        "CREATE INDEX documents_current_key ON documents(doc_key) WHERE current",
        "CREATE INDEX documents_record ON documents(record_id) WHERE current",
        "CREATE INDEX documents_url ON documents(url) WHERE current",
        "CREATE INDEX documents_agency ON documents(agency, published) WHERE current",
        "CREATE INDEX documents_published ON documents(published) WHERE current",
        "CREATE INDEX documents_terms ON documents USING gin(tsv) WHERE current",
        // The identity registry: one row per key, the current version's id (primary key: one per key, whatever the month).
        "CREATE TABLE document_keys(doc_key text PRIMARY KEY, id bigint NOT NULL, month date, version int NOT NULL, content_hash text NOT NULL)",
        "CREATE TABLE signatures(doc bigint PRIMARY KEY, shingles bytea NOT NULL)",
        "CREATE TABLE entities(doc bigint NOT NULL, label text NOT NULL, text text NOT NULL, key text NOT NULL)",
        "CREATE INDEX entities_key ON entities(key, doc)",
        "CREATE INDEX entities_doc ON entities(doc)",
        "CREATE TABLE actors(doc bigint NOT NULL, actor_id text, name text, key text, country text)",
        "CREATE INDEX actors_id ON actors(actor_id, doc)",
        "CREATE INDEX actors_name ON actors(lower(name), doc)",
        "CREATE INDEX actors_key ON actors(key, doc)",
        "CREATE INDEX actors_country ON actors(country, doc)",
        "CREATE INDEX actors_doc ON actors(doc)",
        "CREATE TABLE events(id bigserial PRIMARY KEY, doc bigint NOT NULL, type text NOT NULL, actor_id text, actor_country text, recipient_ids text, recipient_countries text, json bytea NOT NULL)",
        "CREATE INDEX events_type ON events(type, doc)",
        "CREATE INDEX events_doc ON events(doc)",
        "CREATE TABLE event_parties(event bigint NOT NULL, doc bigint NOT NULL, role int NOT NULL, actor_id text, country text)",
        "CREATE INDEX event_parties_actor ON event_parties(actor_id, event)",
        "CREATE INDEX event_parties_country ON event_parties(country, event)",
        "CREATE INDEX event_parties_doc ON event_parties(doc)",
        "CREATE TABLE lsh(key bigint NOT NULL, doc bigint NOT NULL, PRIMARY KEY(key, doc))",
        "CREATE TABLE clusters(doc bigint PRIMARY KEY, root bigint NOT NULL)",
        "CREATE INDEX clusters_root ON clusters(root)",
        "CREATE TABLE inputs(locator text PRIMARY KEY, input_hash text NOT NULL, doc bigint, done_at timestamptz NOT NULL DEFAULT now())",
        // BM25's corpus statistics: current documents and their terms (all four columns), kept by the writers.
        "CREATE TABLE corpus(id int PRIMARY KEY, documents bigint NOT NULL, terms bigint NOT NULL)",
        "INSERT INTO corpus VALUES (1, 0, 0)",
    ];

    /// <inheritdoc />
    public IReadOnlyDictionary<string, string> DoneInputs()
    {
        var done = new Dictionary<string, string>(StringComparer.Ordinal);
        using var conn = _source.OpenConnection();
        using var cmd = new NpgsqlCommand("SELECT locator, input_hash FROM inputs", conn);
        using var r = cmd.ExecuteReader();
        while (r.Read())
        {
            done[r.GetString(0)] = r.GetString(1);
        }
        return done;
    }

    /// <inheritdoc />
    /// <remarks>
    /// One transaction under the writers' advisory lock; safe to call from many processes at once and to repeat (a
    /// document already stored with the same content is <see cref="BatchResult.Unchanged"/>).
    /// </remarks>
    public BatchResult Add(IReadOnlyList<IngestItem> batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (_readOnly)
        {
            throw new InvalidOperationException("the store was opened read-only");
        }
        // Work that needs no lock happens before it: the month partitions, the term vectors.
        var prepared = batch.Select(i => (Item: i, Month: MonthOf(i.Document.Published), Vector: TermVectors.Vector(i.Document.TitleForms, i.Document.TitleLemmas, i.Document.BodyForms, i.Document.BodyLemmas))).ToList();
        foreach (var month in prepared.Select(p => p.Month).OfType<DateOnly>().Distinct())
        {
            EnsurePartition(month);
        }
        int added = 0, versions = 0, unchanged = 0;
        using var conn = _source.OpenConnection();
        using var tx = conn.BeginTransaction();
        Exec(conn, tx, $"SELECT pg_advisory_xact_lock({WriteLock})");
        var w = new Writer(conn, tx);
        foreach (var (item, month, vector) in prepared)
        {
            var doc = item.Document;
            long id;
            var current = w.Current(doc.Key);
            if (current is { } c && c.Hash == doc.ContentHash)
            {
                unchanged++;
                id = c.Id;
            }
            else
            {
                int version = 1;
                if (current is { } old)
                {
                    w.Retire(old.Id, old.Month);
                    version = old.Version + 1;
                    versions++;
                }
                else
                {
                    added++;
                }
                id = w.Insert(doc, version, month, vector);
            }
            w.MarkInput(item.Locator, item.InputHash, id);
        }
        tx.Commit();
        return new BatchResult(added, versions, unchanged);
    }

    private static DateOnly? MonthOf(string? published) =>
        published is { Length: >= 7 }
        && int.TryParse(published.AsSpan(0, 4), NumberStyles.None, CultureInfo.InvariantCulture, out int y)
        && int.TryParse(published.AsSpan(5, 2), NumberStyles.None, CultureInfo.InvariantCulture, out int m)
        && y is >= 1900 and < 2200 && m is >= 1 and <= 12
            ? new DateOnly(y, m, 1)
            : null;

    // A month's partition, created once by whichever writer needs it first (an advisory lock orders the creators).
    private void EnsurePartition(DateOnly month)
    {
        lock (_partitions)
        {
            if (_partitions.Contains(month))
            {
                return;
            }
        }
        string name = $"documents_{month.Year:D4}_{month.Month:D2}";
        using (var conn = _source.OpenConnection())
        {
            using var tx = conn.BeginTransaction();
            Exec(conn, tx, $"SELECT pg_advisory_xact_lock({PartitionLock})");
            var next = month.AddMonths(1);
            Exec(conn, tx, string.Create(CultureInfo.InvariantCulture,
                $"CREATE TABLE IF NOT EXISTS {name} PARTITION OF documents FOR VALUES FROM ('{month:yyyy-MM-dd}') TO ('{next:yyyy-MM-dd}')"));
            tx.Commit();
        }
        lock (_partitions)
        {
            _partitions.Add(month);
        }
    }

    // The statements of one write transaction.
    private sealed class Writer(NpgsqlConnection conn, NpgsqlTransaction tx)
    {
        private NpgsqlCommand Cmd(string sql, params object?[] values)
        {
            var cmd = new NpgsqlCommand(sql, conn, tx);
            foreach (var v in values)
            {
                cmd.Parameters.Add(v switch
                {
                    null => new NpgsqlParameter { Value = DBNull.Value },
                    DateOnly d => new NpgsqlParameter { Value = d, NpgsqlDbType = NpgsqlDbType.Date },
                    _ => new NpgsqlParameter { Value = v },
                });
            }
            return cmd;
        }

        private void Run(string sql, params object?[] values)
        {
            using var cmd = Cmd(sql, values);
            cmd.ExecuteNonQuery();
        }

        private object? One(string sql, params object?[] values)
        {
            using var cmd = Cmd(sql, values);
            return cmd.ExecuteScalar();
        }

        public (long Id, string Hash, int Version, DateOnly? Month)? Current(string key)
        {
            using var cmd = Cmd("SELECT id, content_hash, version, month FROM document_keys WHERE doc_key = $1", key);
            using var r = cmd.ExecuteReader();
            return r.Read() ? (r.GetInt64(0), r.GetString(1), r.GetInt32(2), r.IsDBNull(3) ? null : r.GetFieldValue<DateOnly>(3)) : null;
        }

        // A new version replaces this one: out of search, fingerprints, clusters and counts; its row and record stay.
        public void Retire(long id, DateOnly? month)
        {
            int length = Convert.ToInt32(One(month is null
                ? "UPDATE documents SET current = false WHERE id = $1 AND month IS NULL RETURNING length"
                : "UPDATE documents SET current = false WHERE id = $1 AND month = $2 RETURNING length",
                month is null ? [id] : [id, month.Value]), CultureInfo.InvariantCulture);
            Run("UPDATE corpus SET documents = documents - 1, terms = terms - $1 WHERE id = 1", (long)length);
            if (One("SELECT shingles FROM signatures WHERE doc = $1", id) is byte[] bytes)
            {
                Run("DELETE FROM lsh WHERE key = ANY($1) AND doc = $2", MinHash.BandKeys(MinHash.FromBytes(bytes)), id);
            }
            Run("DELETE FROM entities WHERE doc = $1", id);
            Run("DELETE FROM actors WHERE doc = $1", id);
            Run("DELETE FROM events WHERE doc = $1", id);
            Run("DELETE FROM event_parties WHERE doc = $1", id);
            long root = Convert.ToInt64(One("DELETE FROM clusters WHERE doc = $1 RETURNING root", id), CultureInfo.InvariantCulture);
            if (root == id && One("SELECT min(doc) FROM clusters WHERE root = $1", id) is long next)
            {
                // The smallest remaining member becomes the root of what is left of the cluster.
                Run("UPDATE clusters SET root = $1 WHERE root = $2", next, id);
            }
        }

        public long Insert(ArchiveDocument doc, int version, DateOnly? month, string vector)
        {
            int length = MatchExpression.TokenCount(doc.TitleForms) + MatchExpression.TokenCount(doc.TitleLemmas)
                + MatchExpression.TokenCount(doc.BodyForms) + MatchExpression.TokenCount(doc.BodyLemmas);
            long id = Convert.ToInt64(One("""
                INSERT INTO documents(month, doc_key, version, current, content_hash, record_id, url, title, agency, published, analysis_version,
                  length, title_f, title_l, body_f, body_l, tsv, source_text, record)
                VALUES ($1, $2, $3, true, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16::tsvector, $17, $18) RETURNING id
                """, month, doc.Key, version, doc.ContentHash, doc.RecordId, doc.Url, doc.Title, doc.Agency, doc.Published, doc.AnalysisVersion,
                length, doc.TitleForms, doc.TitleLemmas, doc.BodyForms, doc.BodyLemmas, vector, doc.StoredSource, doc.StoredRecord), CultureInfo.InvariantCulture);
            Run("""
                INSERT INTO document_keys(doc_key, id, month, version, content_hash) VALUES ($1, $2, $3, $4, $5)
                ON CONFLICT (doc_key) DO UPDATE SET id = excluded.id, month = excluded.month, version = excluded.version, content_hash = excluded.content_hash
                """, doc.Key, id, month, version, doc.ContentHash);
            Run("UPDATE corpus SET documents = documents + 1, terms = terms + $1 WHERE id = 1", (long)length);
            Run("INSERT INTO signatures(doc, shingles) VALUES ($1, $2)", id, MinHash.ToBytes(doc.Shingles));
            if (doc.Entities.Count > 0)
            {
                Run("INSERT INTO entities(doc, label, text, key) SELECT $1, * FROM unnest($2::text[], $3::text[], $4::text[])",
                    id, doc.Entities.Select(e => e.Label).ToArray(), doc.Entities.Select(e => e.Text).ToArray(), doc.Entities.Select(e => e.Key).ToArray());
            }
            if (doc.Actors.Count > 0)
            {
                Run("INSERT INTO actors(doc, actor_id, name, key, country) SELECT $1, * FROM unnest($2::text[], $3::text[], $4::text[], $5::text[])",
                    id, doc.Actors.Select(a => a.ActorId).ToArray(), doc.Actors.Select(a => a.Name).ToArray(),
                    doc.Actors.Select(a => a.Key).ToArray(), doc.Actors.Select(a => a.Country).ToArray());
            }
            foreach (var e in doc.Events)
            {
                long eventId = Convert.ToInt64(One("""
                    INSERT INTO events(doc, type, actor_id, actor_country, recipient_ids, recipient_countries, json)
                    VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id
                    """, id, e.Type, e.ActorId, e.ActorCountry, Joined(e.RecipientIds), Joined(e.RecipientCountries), e.Json.ToArray()), CultureInfo.InvariantCulture);
                var roles = new List<int>();
                var actorIds = new List<string?>();
                var countries = new List<string?>();
                if (e.ActorId is not null || e.ActorCountry is not null)
                {
                    roles.Add(0);
                    actorIds.Add(e.ActorId);
                    countries.Add(e.ActorCountry);
                }
                foreach (var rid in e.RecipientIds)
                {
                    roles.Add(1);
                    actorIds.Add(rid);
                    countries.Add(null);
                }
                foreach (var rc in e.RecipientCountries.Distinct(StringComparer.Ordinal))
                {
                    roles.Add(1);
                    actorIds.Add(null);
                    countries.Add(rc);
                }
                if (roles.Count > 0)
                {
                    Run("INSERT INTO event_parties(event, doc, role, actor_id, country) SELECT $1, $2, * FROM unnest($3::int[], $4::text[], $5::text[])",
                        eventId, id, roles.ToArray(), actorIds.ToArray(), countries.ToArray());
                }
            }
            Run("INSERT INTO clusters(doc, root) VALUES ($1, $1)", id);
            if (doc.BandKeys.Length == MinHash.Bands)
            {
                // Each row is one shared band (the most recent MinHash.BucketLimit documents of each bucket).
                var shared = new Dictionary<long, int>();
                using (var cmd = Cmd($"""
                    SELECT l.doc FROM unnest($1::bigint[]) AS k(key)
                    CROSS JOIN LATERAL (SELECT doc FROM lsh WHERE lsh.key = k.key ORDER BY doc DESC LIMIT {MinHash.BucketLimit}) l
                    """, doc.BandKeys))
                using (var r = cmd.ExecuteReader())
                {
                    while (r.Read())
                    {
                        long other = r.GetInt64(0);
                        shared[other] = shared.GetValueOrDefault(other) + 1;
                    }
                }
                var candidates = MinHash.CandidatesToCheck(shared).ToArray();
                if (candidates.Length > 0)
                {
                    var sets = new Dictionary<long, byte[]>();
                    using (var cmd = Cmd("SELECT doc, shingles FROM signatures WHERE doc = ANY($1)", candidates))
                    using (var r = cmd.ExecuteReader())
                    {
                        while (r.Read())
                        {
                            sets[r.GetInt64(0)] = (byte[])r.GetValue(1);
                        }
                    }
                    foreach (long other in candidates)
                    {
                        // Confirmed on the exact shingle sets: LSH proposes, the sets decide.
                        if (sets.TryGetValue(other, out var bytes) && MinHash.Confirms(doc.Shingles, MinHash.FromBytes(bytes)))
                        {
                            Union(id, other);
                        }
                    }
                }
                Run("INSERT INTO lsh(key, doc) SELECT k, $2 FROM unnest($1::bigint[]) AS k ON CONFLICT DO NOTHING", doc.BandKeys, id);
            }
            return id;
        }

        private static string? Joined(IReadOnlyList<string> values) => values.Count == 0 ? null : string.Join(' ', values);

        private long RootOf(long doc) => Convert.ToInt64(One("SELECT root FROM clusters WHERE doc = $1", doc), CultureInfo.InvariantCulture);

        // Union by relabelling the later root's members (every member points at its root, so a find is one lookup).
        private void Union(long a, long b)
        {
            long ra = RootOf(a), rb = RootOf(b);
            if (ra != rb)
            {
                Run("UPDATE clusters SET root = $1 WHERE root = $2", Math.Min(ra, rb), Math.Max(ra, rb));
            }
        }

        public void MarkInput(string locator, string hash, long doc) => Run("""
            INSERT INTO inputs(locator, input_hash, doc, done_at) VALUES ($1, $2, $3, now())
            ON CONFLICT (locator) DO UPDATE SET input_hash = excluded.input_hash, doc = excluded.doc, done_at = excluded.done_at
            """, locator, hash, doc);
    }

    /// <inheritdoc />
    public IReadOnlyList<SearchHit> Search(SearchRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        using var conn = _source.OpenConnection();
        var (rows, totalTerms) = Corpus(conn);
        var compiler = new QueryCompiler(null, term => DocumentFrequency(conn, $"'{term}'"), rows);
        var expression = MatchExpression.Parse(compiler.Compile(request.Query));
        var withPhrase = expression.Phrases.Select(p => DocumentFrequency(conn, TermVectors.Phrase(p))).ToList();
        using var cmd = new NpgsqlCommand("", conn);
        var where = new StringBuilder("d.current AND d.tsv @@ $1::tsquery");
        cmd.Parameters.Add(new NpgsqlParameter { Value = TermVectors.Query(expression.Root) });
        string Param(object value)
        {
            cmd.Parameters.Add(new NpgsqlParameter { Value = value });
            return "$" + cmd.Parameters.Count.ToString(CultureInfo.InvariantCulture);
        }
        AppendDateFilter(where, Param, request.From, request.To);
        if (request.Agency is { Length: > 0 } agency)
        {
            where.Append($" AND lower(d.agency) = lower({Param(agency)})");
        }
        if (request.Entity is { Length: > 0 } entity)
        {
            where.Append($" AND d.id IN (SELECT doc FROM entities WHERE key = {Param(ArchiveDocument.EntityKey(entity))})");
        }
        if (request.Actor is { Length: > 0 } actor)
        {
            string a = Param(actor);
            where.Append($" AND d.id IN (SELECT doc FROM actors WHERE actor_id = {a} OR lower(name) = lower({a}) OR key = {Param(ArchiveDocument.EntityKey(actor))})");
        }
        if (request.Country is { Length: > 0 } country)
        {
            string c = Param(country);
            where.Append($" AND d.id IN (SELECT doc FROM actors WHERE country = upper({c}) UNION SELECT doc FROM event_parties WHERE country = upper({c}))");
        }
        if (request.Event is { Length: > 0 } ev)
        {
            where.Append($" AND d.id IN (SELECT doc FROM events WHERE upper(type) = upper({Param(ev)}))");
        }
        cmd.CommandText = $"""
            SELECT d.id, c.root, d.record_id, d.url, d.title, d.agency, d.published, d.title_f, d.title_l, d.body_f, d.body_l
            FROM documents d LEFT JOIN clusters c ON c.doc = d.id
            WHERE {where}
            """;
        // The GIN index finds the candidates; the expression decides the match and ranks with the embedded store's BM25.
        var scored = new List<(double Score, long Id, long Root, SearchHit Hit)>();
        using (var r = cmd.ExecuteReader())
        {
            while (r.Read())
            {
                var terms = new MatchExpression.DocumentTerms(r.GetString(7), r.GetString(8), r.GetString(9), r.GetString(10));
                if (!expression.Matches(terms))
                {
                    continue;
                }
                long id = r.GetInt64(0);
                double score = expression.Score(terms, withPhrase, rows, totalTerms);
                scored.Add((score, id, r.IsDBNull(1) ? id : r.GetInt64(1), new SearchHit
                {
                    RowId = id,
                    Score = score,
                    Id = r.GetString(2),
                    Url = NullableString(r, 3),
                    Title = NullableString(r, 4),
                    Agency = NullableString(r, 5),
                    Published = NullableString(r, 6),
                }));
            }
        }
        scored.Sort((x, y) => y.Score != x.Score ? y.Score.CompareTo(x.Score) : x.Id.CompareTo(y.Id));
        int limit = Math.Max(1, request.Limit);
        var seenRoots = new HashSet<long>();
        var result = new List<SearchHit>(limit);
        foreach (var (score, id, root, h) in scored)
        {
            if (result.Count >= limit)
            {
                break;
            }
            if (request.Collapse && !seenRoots.Add(root))
            {
                continue;
            }
            int copies = request.Collapse ? (int)Scalar<long>(conn, null, "SELECT count(*) FROM clusters WHERE root = $1", root) : 1;
            result.Add(new SearchHit
            {
                RowId = h.RowId,
                Score = h.Score,
                Copies = Math.Max(1, copies),
                Id = h.Id,
                Url = h.Url,
                Title = h.Title,
                Agency = h.Agency,
                Published = h.Published,
                Snippet = request.Snippets ? Snippets.Make(RecordOf(conn, id), compiler.Terms) : null,
            });
        }
        return result;
    }

    private static (long Rows, long Terms) Corpus(NpgsqlConnection conn)
    {
        using var cmd = new NpgsqlCommand("SELECT documents, terms FROM corpus WHERE id = 1", conn);
        using var r = cmd.ExecuteReader();
        return r.Read() ? (r.GetInt64(0), r.GetInt64(1)) : (0, 0);
    }

    // Current documents matching a tsquery (a term, or one phrase within its columns): BM25's n(q).
    private static long DocumentFrequency(NpgsqlConnection conn, string tsquery) =>
        Scalar<long>(conn, null, "SELECT count(*) FROM documents WHERE current AND tsv @@ $1::tsquery", tsquery);

    private static byte[] RecordOf(NpgsqlConnection conn, long id) =>
        SqliteArchiveStore.Decompress(Scalar<byte[]>(conn, null, "SELECT record FROM documents WHERE id = $1", id));

    /// <inheritdoc />
    public IEnumerable<IReadOnlyList<string>> Clusters()
    {
        using var conn = _source.OpenConnection();
        using var cmd = new NpgsqlCommand("""
            SELECT c.root, coalesce(d.url, d.record_id) FROM clusters c JOIN documents d ON d.id = c.doc AND d.current
            WHERE c.root IN (SELECT root FROM clusters GROUP BY root HAVING count(*) > 1)
            ORDER BY c.root, c.doc
            """, conn);
        using var r = cmd.ExecuteReader();
        foreach (var members in StoreRows.Clusters(r))
        {
            yield return members;
        }
    }

    /// <inheritdoc />
    public ArchiveStats Stats(int top = 20)
    {
        using var conn = _source.OpenConnection();
        List<KeyValuePair<string, long>> Pairs(string sql)
        {
            var list = new List<KeyValuePair<string, long>>();
            using var cmd = new NpgsqlCommand(sql, conn);
            using var r = cmd.ExecuteReader();
            while (r.Read())
            {
                list.Add(new(r.IsDBNull(0) ? "" : r.GetString(0), r.GetInt64(1)));
            }
            return list;
        }
        long Count(string sql) => Scalar<long>(conn, null, sql);
        return new ArchiveStats
        {
            Documents = Count("SELECT count(*) FROM documents WHERE current"),
            Versions = Count("SELECT count(*) FROM documents"),
            Clusters = Count("SELECT count(*) FROM (SELECT root FROM clusters GROUP BY root HAVING count(*) > 1) x"),
            ClusteredDocuments = Count("SELECT coalesce(sum(n), 0)::bigint FROM (SELECT count(*) AS n FROM clusters GROUP BY root HAVING count(*) > 1) x"),
            Inputs = Count("SELECT count(*) FROM inputs"),
            // Ordered as the embedded store orders (SQLite's binary collation: byte order, NULL first).
            ByAgency = Pairs("SELECT agency, count(*) AS n FROM documents WHERE current GROUP BY agency ORDER BY n DESC, agency COLLATE \"C\" NULLS FIRST"),
            ByMonth = Pairs("SELECT substr(published, 1, 7), count(*) FROM documents WHERE current GROUP BY substr(published, 1, 7) ORDER BY substr(published, 1, 7) COLLATE \"C\" NULLS FIRST"),
            TopEntities = Pairs($"SELECT max(text COLLATE \"C\"), count(DISTINCT doc) AS n FROM entities GROUP BY key ORDER BY n DESC, key COLLATE \"C\" LIMIT {top}"),
            TopActors = Pairs($"SELECT coalesce(actor_id, name, key), count(DISTINCT doc) AS n FROM actors GROUP BY coalesce(actor_id, name, key) ORDER BY n DESC, coalesce(actor_id, name, key) COLLATE \"C\" LIMIT {top}"),
            EventTypesByMonth = Pairs("SELECT coalesce(substr(d.published, 1, 7), '') || ' ' || e.type, count(*) FROM events e JOIN documents d ON d.id = e.doc GROUP BY 1 ORDER BY (coalesce(substr(d.published, 1, 7), '') || ' ' || e.type) COLLATE \"C\""),
        };
    }

    /// <inheritdoc />
    public IEnumerable<StoredDocument> Export()
    {
        using var conn = _source.OpenConnection();
        using var cmd = new NpgsqlCommand("SELECT doc_key, version, record FROM documents WHERE current ORDER BY id", conn);
        using var r = cmd.ExecuteReader();
        while (r.Read())
        {
            yield return new StoredDocument(r.GetString(0), r.GetInt32(1), SqliteArchiveStore.Decompress((byte[])r.GetValue(2)));
        }
    }

    /// <inheritdoc />
    public StoredDocument? Document(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        using var conn = _source.OpenConnection();
        using var cmd = new NpgsqlCommand("""
            SELECT doc_key, version, record FROM documents
            WHERE current AND (record_id = $1 OR doc_key = $1 OR doc_key = $2 OR url = $1)
            ORDER BY id LIMIT 1
            """, conn);
        cmd.Parameters.Add(new NpgsqlParameter { Value = id });
        cmd.Parameters.Add(new NpgsqlParameter { Value = Uri.TryCreate(id, UriKind.Absolute, out _) ? "url:" + UrlKey.Normalize(id) : "" });
        using var r = cmd.ExecuteReader();
        return r.Read() ? new StoredDocument(r.GetString(0), r.GetInt32(1), SqliteArchiveStore.Decompress((byte[])r.GetValue(2))) : null;
    }

    /// <inheritdoc />
    public IReadOnlyList<StoredEvent> Events(EventQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        using var conn = _source.OpenConnection();
        using var cmd = new NpgsqlCommand("", conn);
        string Param(object value)
        {
            cmd.Parameters.Add(new NpgsqlParameter { Value = value });
            return "$" + cmd.Parameters.Count.ToString(CultureInfo.InvariantCulture);
        }
        var where = new StringBuilder("d.current");
        if (query.Actor is { Length: > 0 } actor)
        {
            where.Append($" AND e.id IN (SELECT event FROM event_parties WHERE actor_id = {Param(ResolveActor(conn, actor) ?? actor)})");
        }
        if (query.Country is { Length: > 0 } country)
        {
            where.Append($" AND e.id IN (SELECT event FROM event_parties WHERE country = {Param(country.ToUpperInvariant())})");
        }
        if (query.Type is { Length: > 0 } type)
        {
            where.Append($" AND e.type = {Param(type.ToUpperInvariant())}");
        }
        AppendDateFilter(where, Param, query.From, query.To);
        cmd.CommandText = $"""
            SELECT d.record_id, d.url, d.title, d.published, e.type, e.actor_id, e.actor_country, e.recipient_ids, e.json
            FROM events e JOIN documents d ON d.id = e.doc
            WHERE {where}
            ORDER BY d.published IS NULL, d.published COLLATE "C" DESC, d.id DESC, e.id
            LIMIT {Math.Max(0, query.Limit).ToString(CultureInfo.InvariantCulture)} OFFSET {Math.Max(0, query.Offset).ToString(CultureInfo.InvariantCulture)}
            """;
        var events = new List<StoredEvent>();
        using var r = cmd.ExecuteReader();
        while (r.Read())
        {
            events.Add(new StoredEvent(r.GetString(0), NullableString(r, 1), NullableString(r, 2), NullableString(r, 3), r.GetString(4),
                NullableString(r, 5), NullableString(r, 6), NullableString(r, 7)?.Split(' ') ?? [], (byte[])r.GetValue(8)));
        }
        return events;
    }

    /// <inheritdoc />
    public ActorActivity? Actor(string actor, int top = 20)
    {
        ArgumentNullException.ThrowIfNull(actor);
        using var conn = _source.OpenConnection();
        if (ResolveActor(conn, actor) is not { } id)
        {
            return null;
        }
        string? name = null, country = null;
        using (var cmd = new NpgsqlCommand("SELECT name, country FROM actors WHERE actor_id = $1 AND name IS NOT NULL ORDER BY doc DESC LIMIT 1", conn))
        {
            cmd.Parameters.Add(new NpgsqlParameter { Value = id });
            using var r = cmd.ExecuteReader();
            if (r.Read())
            {
                (name, country) = (NullableString(r, 0), NullableString(r, 1));
            }
        }
        long documents = Scalar<long>(conn, null,
            "SELECT count(DISTINCT a.doc) FROM actors a JOIN documents d ON d.id = a.doc WHERE a.actor_id = $1 AND d.current", id);
        var months = new List<ActorMonth>();
        using (var cmd = new NpgsqlCommand("""
            SELECT coalesce(substr(d.published, 1, 7), '') AS m, e.type, count(*) FILTER (WHERE p.role = 0), count(*) FILTER (WHERE p.role = 1)
            FROM event_parties p JOIN events e ON e.id = p.event JOIN documents d ON d.id = p.doc
            WHERE p.actor_id = $1 AND d.current
            GROUP BY m, e.type ORDER BY coalesce(substr(d.published, 1, 7), '') COLLATE "C", e.type COLLATE "C"
            """, conn))
        {
            cmd.Parameters.Add(new NpgsqlParameter { Value = id });
            using var r = cmd.ExecuteReader();
            while (r.Read())
            {
                months.Add(new ActorMonth(r.GetString(0), r.GetString(1), r.GetInt64(2), r.GetInt64(3)));
            }
        }
        var counterparts = new List<Counterpart>();
        using (var cmd = new NpgsqlCommand("""
            SELECT o.actor_id, (SELECT name FROM actors WHERE actor_id = o.actor_id AND name IS NOT NULL LIMIT 1), count(DISTINCT o.event) AS n
            FROM event_parties p JOIN event_parties o ON o.event = p.event AND o.role <> p.role JOIN documents d ON d.id = p.doc
            WHERE p.actor_id = $1 AND o.actor_id IS NOT NULL AND o.actor_id <> $1 AND d.current
            GROUP BY o.actor_id ORDER BY n DESC, o.actor_id COLLATE "C" LIMIT $2
            """, conn))
        {
            cmd.Parameters.Add(new NpgsqlParameter { Value = id });
            cmd.Parameters.Add(new NpgsqlParameter { Value = (long)Math.Max(0, top) });
            using var r = cmd.ExecuteReader();
            while (r.Read())
            {
                counterparts.Add(new Counterpart(r.GetString(0), NullableString(r, 1), r.GetInt64(2)));
            }
        }
        if (documents == 0 && months.Count == 0)
        {
            return null;
        }
        return new ActorActivity(id, name, country, documents, months, counterparts);
    }

    // An actor as a user names it: a dictionary id, a canonical name, or an alias as written (matched on its folded key).
    private static string? ResolveActor(NpgsqlConnection conn, string actor)
    {
        using var cmd = new NpgsqlCommand("""
            (SELECT actor_id FROM actors WHERE actor_id = $1 LIMIT 1)
            UNION ALL (SELECT actor_id FROM actors WHERE lower(name) = lower($1) AND actor_id IS NOT NULL LIMIT 1)
            UNION ALL (SELECT actor_id FROM actors WHERE key = $2 AND actor_id IS NOT NULL LIMIT 1)
            UNION ALL (SELECT actor_id FROM event_parties WHERE actor_id = $1 LIMIT 1)
            LIMIT 1
            """, conn);
        cmd.Parameters.Add(new NpgsqlParameter { Value = actor });
        cmd.Parameters.Add(new NpgsqlParameter { Value = ArchiveDocument.EntityKey(actor) });
        return cmd.ExecuteScalar() as string;
    }

    private static void AppendDateFilter(StringBuilder where, Func<object, string> param, DateOnly? from, DateOnly? to)
    {
        if (from is { } f)
        {
            where.Append($" AND d.published >= {param(f.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))}");
        }
        if (to is { } t)
        {
            where.Append($" AND d.published <= {param(t.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))}");
        }
    }

    private static string? NullableString(NpgsqlDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);

    private static void Exec(NpgsqlConnection conn, NpgsqlTransaction? tx, string sql)
    {
        using var cmd = new NpgsqlCommand(sql, conn, tx);
        cmd.ExecuteNonQuery();
    }

    private static T Scalar<T>(NpgsqlConnection conn, NpgsqlTransaction? tx, string sql, params object[] values)
    {
        using var cmd = new NpgsqlCommand(sql, conn, tx);
        foreach (var v in values)
        {
            cmd.Parameters.Add(new NpgsqlParameter { Value = v });
        }
        object? value = cmd.ExecuteScalar();
        return value is null or DBNull ? default! : (T)value;
    }

    /// <inheritdoc />
    public void Dispose() => _source.Dispose();
}
