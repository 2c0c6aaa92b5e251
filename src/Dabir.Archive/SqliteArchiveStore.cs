using System.Globalization;
using System.IO.Compression;
using System.Text;
using Dabir.Archive.Query;
using Microsoft.Data.Sqlite;

namespace Dabir.Archive;

/// <summary>
/// The archive in one SQLite file (WAL mode: readers search while the writer commits; a killed writer loses only its
/// open transaction). Search terms live in a contentless FTS5 table whose four columns are Dabir's own terms (title and
/// body, folded forms and lemmas, one per token so phrases hold), ranked with BM25. Near-duplicate fingerprints are
/// LSH band keys in an indexed table; clusters are a persisted union-find whose members all point at their root.
/// </summary>
public sealed class SqliteArchiveStore : IArchiveStore
{
    /// <summary>The schema this code reads and writes.</summary>
    public const string SchemaVersion = "dabir.archive/2";

    // BM25 weights of title_f, title_l, body_f, body_l (Query/MatchExpression.cs, Bm25.Weights, shared with the server
    // store): a headline word says more about the article than a body word; forms and lemmas weigh the same (an exact
    // form matches both columns, so it already counts twice). Dev MRR@10 is flat (0.985 ± 0.001) from 2:1 to 3:1
    // headline weight; lemmas at half weight lose 0.003.
    private static readonly string Bm25Call = Query.Bm25.Fts5Call;

    private readonly SqliteConnection _db;
    private readonly string _path;
    private readonly bool _readOnly;

    private SqliteArchiveStore(SqliteConnection db, string path, bool readOnly)
    {
        _db = db;
        _path = path;
        _readOnly = readOnly;
    }

    /// <summary>The store's file.</summary>
    public string Path => _path;

    /// <summary>Opens (and creates, unless <paramref name="readOnly"/>) the archive at <paramref name="path"/>.</summary>
    /// <exception cref="ArchiveStoreException">The file is not an archive, is damaged, or is missing when read-only.</exception>
    public static SqliteArchiveStore Open(string path, bool readOnly = false)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (readOnly && !File.Exists(path))
        {
            throw new ArchiveStoreException($"{path}: no such store (create it with dabir ingest)");
        }
        if (Directory.Exists(path))
        {
            throw new ArchiveStoreException($"{path}: is a directory, expected a store file");
        }
        if (File.Exists(path) && Truncated(path) is { } problem)
        {
            throw new ArchiveStoreException($"{path}: the database file is damaged: {problem}");
        }
        var builder = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = readOnly ? SqliteOpenMode.ReadOnly : SqliteOpenMode.ReadWriteCreate,
            Pooling = false,
            DefaultTimeout = 30,
        };
        var db = new SqliteConnection(builder.ToString());
        try
        {
            db.Open();
            var store = new SqliteArchiveStore(db, path, readOnly);
            store.Initialize();
            return store;
        }
        catch (SqliteException e)
        {
            db.Dispose();
            throw new ArchiveStoreException($"{path}: not a Dabir archive or damaged ({Describe(e)})", e);
        }
        catch
        {
            db.Dispose();
            throw;
        }
    }

    // A cut file (a copy interrupted, a full disk) is found from the header before SQLite reads a missing page:
    // the page count it records is valid when its version stamp matches the change counter (SQLite file format, 1.3).
    private static string? Truncated(string path)
    {
        Span<byte> header = stackalloc byte[100];
        long length;
        using (var f = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete))
        {
            length = f.Length;
            if (length == 0)
            {
                return null;
            }
            if (length < 100 || f.ReadAtLeast(header, 100, throwOnEndOfStream: false) < 100)
            {
                return "shorter than an SQLite header";
            }
        }
        if (!header[..16].SequenceEqual("SQLite format 3\0"u8))
        {
            return null; // not SQLite at all: SQLite itself says so
        }
        int pageSize = (header[16] << 8) | header[17];
        if (pageSize == 1)
        {
            pageSize = 65536;
        }
        uint changes = System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(header[24..]);
        uint pages = System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(header[28..]);
        uint validFor = System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(header[92..]);
        return validFor == changes && (long)pages * pageSize > length
            ? $"{length:N0} bytes where its header says {(long)pages * pageSize:N0} (truncated)"
            : null;
    }

    internal static string Describe(SqliteException e) => e.SqliteErrorCode switch
    {
        11 => "the database file is damaged: " + e.Message,
        26 => "not a database file",
        _ => e.Message,
    };

    private void Initialize()
    {
        Exec("PRAGMA busy_timeout = 30000");
        if (!_readOnly)
        {
            // WAL: readers never block the writer; synchronous NORMAL: a commit survives a killed process (the WAL
            // is written before the commit returns), only an OS crash may lose the last commits.
            Exec("PRAGMA journal_mode = WAL");
            Exec("PRAGMA synchronous = NORMAL");
        }
        Exec("PRAGMA temp_store = MEMORY");
        // 64 MB of page cache: the FTS5 and LSH b-trees take random inserts; the default 2 MB thrashes past a few thousand documents.
        Exec("PRAGMA cache_size = -65536");
        long tables = Scalar<long>("SELECT count(*) FROM sqlite_master");
        bool hasMeta = Scalar<long>("SELECT count(*) FROM sqlite_master WHERE type='table' AND name='meta'") == 1;
        if (!hasMeta)
        {
            if (tables > 0)
            {
                throw new ArchiveStoreException($"{_path}: an SQLite database, but not a Dabir archive");
            }
            if (_readOnly)
            {
                throw new ArchiveStoreException($"{_path}: an empty database, not a Dabir archive");
            }
            CreateSchema();
        }
        string? schema = Scalar<string?>("SELECT value FROM meta WHERE key='schema'");
        if (schema != SchemaVersion)
        {
            throw new ArchiveStoreException($"{_path}: archive schema '{schema}' is not {SchemaVersion}");
        }
    }

    private void CreateSchema()
    {
        using var tx = _db.BeginTransaction();
        foreach (var sql in Schema)
        {
            Exec(sql, tx);
        }
        Exec($"INSERT INTO meta(key, value) VALUES ('schema', '{SchemaVersion}')", tx);
        tx.Commit();
    }

    private static readonly string[] Schema =
    [
        "CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT) STRICT",
        """
        CREATE TABLE documents(
          id INTEGER PRIMARY KEY,
          doc_key TEXT NOT NULL,
          version INTEGER NOT NULL,
          current INTEGER NOT NULL,
          content_hash TEXT NOT NULL,
          record_id TEXT NOT NULL,
          url TEXT,
          title TEXT,
          agency TEXT,
          published TEXT,
          analysis_version TEXT NOT NULL,
          ingested_at TEXT NOT NULL,
          UNIQUE(doc_key, version)) STRICT
        """,
        // The large values apart: filters, joins and stats read narrow rows.
        "CREATE TABLE document_data(id INTEGER PRIMARY KEY, shingles BLOB NOT NULL, source_text BLOB NOT NULL, record BLOB NOT NULL) STRICT",
        "CREATE INDEX documents_current ON documents(doc_key) WHERE current = 1",
        "CREATE INDEX documents_agency ON documents(agency, published) WHERE current = 1",
        "CREATE INDEX documents_published ON documents(published) WHERE current = 1",
        "CREATE TABLE entities(doc INTEGER NOT NULL, label TEXT NOT NULL, text TEXT NOT NULL, key TEXT NOT NULL) STRICT",
        "CREATE INDEX entities_key ON entities(key, doc)",
        "CREATE INDEX entities_doc ON entities(doc)",
        // Filled from the record's actors/events sections (issue 13) when that layer runs; empty before.
        "CREATE TABLE actors(doc INTEGER NOT NULL, actor_id TEXT, name TEXT, key TEXT, country TEXT) STRICT",
        "CREATE INDEX actors_id ON actors(actor_id, doc)",
        "CREATE INDEX actors_name ON actors(name, doc)",
        "CREATE INDEX actors_key ON actors(key, doc)",
        "CREATE INDEX actors_country ON actors(country, doc)",
        "CREATE INDEX actors_doc ON actors(doc)",
        "CREATE TABLE events(id INTEGER PRIMARY KEY, doc INTEGER NOT NULL, type TEXT NOT NULL, actor_id TEXT, actor_country TEXT, recipient_ids TEXT, recipient_countries TEXT, json BLOB NOT NULL) STRICT",
        "CREATE INDEX events_type ON events(type, doc)",
        "CREATE INDEX events_doc ON events(doc)",
        // Each side of each event (role 0 the actor, 1 a recipient): the actor page and the actor/country filters seek here.
        "CREATE TABLE event_parties(event INTEGER NOT NULL, doc INTEGER NOT NULL, role INTEGER NOT NULL, actor_id TEXT, country TEXT) STRICT",
        "CREATE INDEX event_parties_actor ON event_parties(actor_id, event)",
        "CREATE INDEX event_parties_country ON event_parties(country, event)",
        "CREATE INDEX event_parties_doc ON event_parties(doc)",
        "CREATE TABLE lsh(key INTEGER NOT NULL, doc INTEGER NOT NULL, PRIMARY KEY(key, doc)) WITHOUT ROWID, STRICT",
        "CREATE TABLE clusters(doc INTEGER PRIMARY KEY, root INTEGER NOT NULL) STRICT",
        "CREATE INDEX clusters_root ON clusters(root)",
        "CREATE TABLE inputs(locator TEXT PRIMARY KEY, input_hash TEXT NOT NULL, doc INTEGER, done_at TEXT NOT NULL) STRICT",
        // Contentless: the terms are rebuilt from the record when needed; the ascii tokenizer splits only at ASCII
        // spaces and punctuation, which SearchTerms never leaves inside a term, so each term stays one token.
        "CREATE VIRTUAL TABLE terms USING fts5(title_f, title_l, body_f, body_l, content='', contentless_delete=1, tokenize='ascii', prefix='2 3')",
    ];

    /// <inheritdoc />
    public IReadOnlyDictionary<string, string> DoneInputs()
    {
        var done = new Dictionary<string, string>(StringComparer.Ordinal);
        using var cmd = Command("SELECT locator, input_hash FROM inputs");
        using var r = cmd.ExecuteReader();
        while (r.Read())
        {
            done[r.GetString(0)] = r.GetString(1);
        }
        return done;
    }

    /// <inheritdoc />
    public BatchResult Add(IReadOnlyList<IngestItem> batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (_readOnly)
        {
            throw new InvalidOperationException("the store was opened read-only");
        }
        int added = 0, versions = 0, unchanged = 0;
        using var tx = _db.BeginTransaction();
        using var w = new Writer(_db, tx);
        string now = DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
        foreach (var item in batch)
        {
            var doc = item.Document;
            long? id = null;
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
                    w.Retire(old.Id);
                    version = old.Version + 1;
                    versions++;
                }
                else
                {
                    added++;
                }
                id = w.Insert(doc, version, now);
            }
            w.MarkInput(item.Locator, item.InputHash, id, now);
        }
        tx.Commit();
        return new BatchResult(added, versions, unchanged);
    }

    // The writer's prepared statements for one transaction.
    private sealed class Writer : IDisposable
    {
        private readonly List<SqliteCommand> _made = [];

        private readonly SqliteConnection _db;
        private readonly SqliteTransaction _tx;
        private readonly SqliteCommand _current, _insert, _data, _terms, _entity, _actor, _event, _party, _lsh, _candidates, _shingles, _cluster, _rootOf, _reroot, _input;

        public Writer(SqliteConnection db, SqliteTransaction tx)
        {
            _db = db;
            _tx = tx;
            _current = Make("SELECT id, content_hash, version FROM documents WHERE doc_key = $k AND current = 1", "$k");
            _insert = Make("""
                INSERT INTO documents(doc_key, version, current, content_hash, record_id, url, title, agency, published, analysis_version, ingested_at)
                VALUES ($key, $version, 1, $hash, $rid, $url, $title, $agency, $published, $av, $at) RETURNING id
                """, "$key", "$version", "$hash", "$rid", "$url", "$title", "$agency", "$published", "$av", "$at");
            _data = Make("INSERT INTO document_data(id, shingles, source_text, record) VALUES ($d, $s, $t, $r)", "$d", "$s", "$t", "$r");
            _terms = Make("INSERT INTO terms(rowid, title_f, title_l, body_f, body_l) VALUES ($id, $tf, $tl, $bf, $bl)", "$id", "$tf", "$tl", "$bf", "$bl");
            _entity = Make("INSERT INTO entities(doc, label, text, key) VALUES ($d, $l, $t, $k)", "$d", "$l", "$t", "$k");
            _actor = Make("INSERT INTO actors(doc, actor_id, name, key, country) VALUES ($d, $i, $n, $k, $c)", "$d", "$i", "$n", "$k", "$c");
            _event = Make("""
                INSERT INTO events(doc, type, actor_id, actor_country, recipient_ids, recipient_countries, json)
                VALUES ($d, $t, $ai, $ac, $ri, $rc, $j) RETURNING id
                """, "$d", "$t", "$ai", "$ac", "$ri", "$rc", "$j");
            _party = Make("INSERT INTO event_parties(event, doc, role, actor_id, country) VALUES ($e, $d, $r, $a, $c)", "$e", "$d", "$r", "$a", "$c");
            _lsh = Make("INSERT OR IGNORE INTO lsh(key, doc) VALUES ($k, $d)", "$k", "$d");
            var keys = Enumerable.Range(0, MinHash.Bands).Select(i => "$b" + i.ToString(CultureInfo.InvariantCulture)).ToArray();
            // One seek per band over the primary key, the most recent MinHash.BucketLimit documents of each.
            _candidates = Make(string.Join(" UNION ALL ", keys.Select(k => $"SELECT * FROM (SELECT doc FROM lsh WHERE key = {k} ORDER BY doc DESC LIMIT {MinHash.BucketLimit})")), keys);
            _shingles = Make("SELECT shingles FROM document_data WHERE id = $d", "$d");
            _cluster = Make("INSERT OR REPLACE INTO clusters(doc, root) VALUES ($d, $r)", "$d", "$r");
            _rootOf = Make("SELECT root FROM clusters WHERE doc = $d", "$d");
            _reroot = Make("UPDATE clusters SET root = $to WHERE root = $from", "$to", "$from");
            _input = Make("INSERT OR REPLACE INTO inputs(locator, input_hash, doc, done_at) VALUES ($l, $h, $d, $at)", "$l", "$h", "$d", "$at");
        }

        private SqliteCommand Make(string sql, params string[] names)
        {
            var cmd = _db.CreateCommand();
            cmd.Transaction = _tx;
            cmd.CommandText = sql;
            _made.Add(cmd);
            foreach (var n in names)
            {
                cmd.Parameters.Add(new SqliteParameter(n, null));
            }
            return cmd;
        }

        private static SqliteCommand Bind(SqliteCommand cmd, params object?[] values)
        {
            for (int i = 0; i < values.Length; i++)
            {
                cmd.Parameters[i].Value = values[i] ?? DBNull.Value;
            }
            return cmd;
        }

        public (long Id, string Hash, int Version)? Current(string key)
        {
            using var r = Bind(_current, key).ExecuteReader();
            return r.Read() ? (r.GetInt64(0), r.GetString(1), r.GetInt32(2)) : null;
        }

        // A new version replaces this one: out of search, fingerprints and clusters; its row and record stay.
        public void Retire(long id)
        {
            Exec("UPDATE documents SET current = 0 WHERE id = $d", id);
            Exec("DELETE FROM terms WHERE rowid = $d", id);
            // The band keys come back from the stored shingles: no second index on lsh just for this rare delete.
            if (Bind(_shingles, id).ExecuteScalar() is byte[] bytes)
            {
                foreach (long key in MinHash.BandKeys(MinHash.FromBytes(bytes)))
                {
                    using var del = Make("DELETE FROM lsh WHERE key = $k AND doc = $d", "$k", "$d");
                    Bind(del, key, id).ExecuteNonQuery();
                }
            }
            Exec("DELETE FROM entities WHERE doc = $d", id);
            Exec("DELETE FROM actors WHERE doc = $d", id);
            Exec("DELETE FROM events WHERE doc = $d", id);
            Exec("DELETE FROM event_parties WHERE doc = $d", id);
            long root = Convert.ToInt64(Bind(_rootOf, id).ExecuteScalar(), CultureInfo.InvariantCulture);
            Exec("DELETE FROM clusters WHERE doc = $d", id);
            if (root == id)
            {
                // The smallest remaining member becomes the root of what is left of the cluster.
                var cmd = Make("SELECT min(doc) FROM clusters WHERE root = $d", "$d");
                if (Bind(cmd, id).ExecuteScalar() is long next)
                {
                    Bind(_reroot, next, id).ExecuteNonQuery();
                }
            }
        }

        private void Exec(string sql, long id)
        {
            var cmd = Make(sql, "$d");
            Bind(cmd, id).ExecuteNonQuery();
        }

        public long Insert(ArchiveDocument doc, int version, string now)
        {
            long id = Convert.ToInt64(Bind(_insert, doc.Key, version, doc.ContentHash, doc.RecordId, doc.Url, doc.Title, doc.Agency, doc.Published,
                doc.AnalysisVersion, now).ExecuteScalar(), CultureInfo.InvariantCulture);
            Bind(_data, id, MinHash.ToBytes(doc.Shingles), doc.StoredSource, doc.StoredRecord).ExecuteNonQuery();
            Bind(_terms, id, doc.TitleForms, doc.TitleLemmas, doc.BodyForms, doc.BodyLemmas).ExecuteNonQuery();
            foreach (var e in doc.Entities)
            {
                Bind(_entity, id, e.Label, e.Text, e.Key).ExecuteNonQuery();
            }
            foreach (var a in doc.Actors)
            {
                Bind(_actor, id, a.ActorId, a.Name, a.Key, a.Country).ExecuteNonQuery();
            }
            foreach (var e in doc.Events)
            {
                long eventId = Convert.ToInt64(Bind(_event, id, e.Type, e.ActorId, e.ActorCountry, Joined(e.RecipientIds), Joined(e.RecipientCountries),
                    e.Json.ToArray()).ExecuteScalar(), CultureInfo.InvariantCulture);
                if (e.ActorId is not null || e.ActorCountry is not null)
                {
                    Bind(_party, eventId, id, 0, e.ActorId, e.ActorCountry).ExecuteNonQuery();
                }
                foreach (var rid in e.RecipientIds)
                {
                    Bind(_party, eventId, id, 1, rid, null).ExecuteNonQuery();
                }
                foreach (var rc in e.RecipientCountries.Distinct(StringComparer.Ordinal))
                {
                    Bind(_party, eventId, id, 1, null, rc).ExecuteNonQuery();
                }
            }
            Bind(_cluster, id, id).ExecuteNonQuery();
            if (doc.BandKeys.Length == MinHash.Bands)
            {
                // Each row is one shared band; a pair of Jaccard J shares 42·J³ bands on average (5.3 at J = 0.5, 0.3 at 0.2).
                var shared = new Dictionary<long, int>();
                for (int b = 0; b < MinHash.Bands; b++)
                {
                    _candidates.Parameters[b].Value = doc.BandKeys[b];
                }
                using (var r = _candidates.ExecuteReader())
                {
                    while (r.Read())
                    {
                        long other = r.GetInt64(0);
                        shared[other] = shared.GetValueOrDefault(other) + 1;
                    }
                }
                foreach (long other in MinHash.CandidatesToCheck(shared))
                {
                    // Confirmed on the exact shingle sets: LSH proposes, the sets decide.
                    if (Bind(_shingles, other).ExecuteScalar() is byte[] bytes && MinHash.Confirms(doc.Shingles, MinHash.FromBytes(bytes)))
                    {
                        Union(id, other);
                    }
                }
                foreach (long key in doc.BandKeys)
                {
                    Bind(_lsh, key, id).ExecuteNonQuery();
                }
            }
            return id;
        }

        private static string? Joined(IReadOnlyList<string> values) => values.Count == 0 ? null : string.Join(' ', values);

        private long RootOf(long doc) => Convert.ToInt64(Bind(_rootOf, doc).ExecuteScalar(), CultureInfo.InvariantCulture);

        // Union by relabelling the later root's members (clusters are small; every member points at its root, so a find is one lookup).
        private void Union(long a, long b)
        {
            long ra = RootOf(a), rb = RootOf(b);
            if (ra == rb)
            {
                return;
            }
            long root = Math.Min(ra, rb), other = Math.Max(ra, rb);
            Bind(_reroot, root, other).ExecuteNonQuery();
        }

        public void Dispose()
        {
            foreach (var cmd in _made)
            {
                cmd.Dispose();
            }
        }

        public void MarkInput(string locator, string hash, long? doc, string now) => Bind(_input, locator, hash, doc, now).ExecuteNonQuery();
    }

    internal static byte[] Compress(ReadOnlySpan<byte> data)
    {
        var buffer = new byte[BrotliEncoder.GetMaxCompressedLength(data.Length)];
        // Quality 4: most of Brotli's size win at a small fraction of its top-quality time.
        return BrotliEncoder.TryCompress(data, buffer, out int written, 4, 22) ? buffer[..written] : throw new InvalidOperationException("compression failed");
    }

    internal static byte[] Decompress(byte[] data)
    {
        using var input = new MemoryStream(data);
        using var brotli = new BrotliStream(input, CompressionMode.Decompress);
        using var output = new MemoryStream(data.Length * 4);
        brotli.CopyTo(output);
        return output.ToArray();
    }

    /// <inheritdoc />
    public IReadOnlyList<SearchHit> Search(SearchRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var compiler = new QueryCompiler(null, DocumentFrequency, CurrentDocuments());
        string match = compiler.Compile(request.Query);
        // Filters select document ids through their indexes; the FTS query ranks alone (no join per match).
        var where = new StringBuilder();
        using var cmd = _db.CreateCommand();
        AppendDateFilter(cmd, where, request.From, request.To);
        if (request.Agency is { Length: > 0 } agency)
        {
            where.Append(" AND lower(d.agency) = lower($agency)");
            cmd.Parameters.AddWithValue("$agency", agency);
        }
        if (request.Entity is { Length: > 0 } entity)
        {
            where.Append(" AND d.id IN (SELECT doc FROM entities WHERE key = $entity)");
            cmd.Parameters.AddWithValue("$entity", ArchiveDocument.EntityKey(entity));
        }
        if (request.Actor is { Length: > 0 } actor)
        {
            where.Append(" AND d.id IN (SELECT doc FROM actors WHERE actor_id = $actor OR lower(name) = lower($actor) OR key = $actorKey)");
            cmd.Parameters.AddWithValue("$actor", actor);
            cmd.Parameters.AddWithValue("$actorKey", ArchiveDocument.EntityKey(actor));
        }
        if (request.Country is { Length: > 0 } country)
        {
            where.Append(" AND d.id IN (SELECT doc FROM actors WHERE country = upper($country) UNION SELECT doc FROM event_parties WHERE country = upper($country))");
            cmd.Parameters.AddWithValue("$country", country);
        }
        if (request.Event is { Length: > 0 } ev)
        {
            where.Append(" AND d.id IN (SELECT doc FROM events WHERE upper(type) = upper($event))");
            cmd.Parameters.AddWithValue("$event", ev);
        }
        int limit = Math.Max(1, request.Limit);
        var hits = new List<SearchHit>();
        var roots = new List<long>();
        var seenRoots = new HashSet<long>();
        string filter = where.Length == 0 ? "" : $" AND terms.rowid IN (SELECT d.id FROM documents d WHERE d.current = 1{where})";

        // The best page of one expression's matches (one per cluster when collapsing) into hits and roots.
        void Fetch(string expression)
        {
            cmd.Parameters["$q"].Value = expression;
            int fetch = request.Collapse ? Math.Max(50, limit * 4) : limit;
            while (true)
            {
                cmd.CommandText = $"""
                    SELECT m.id, m.score, c.root, d.record_id, d.url, d.title, d.agency, d.published
                    FROM (SELECT terms.rowid AS id, {Bm25Call} AS score FROM terms WHERE terms MATCH $q{filter} ORDER BY score LIMIT {fetch}) m
                    JOIN documents d ON d.id = m.id LEFT JOIN clusters c ON c.doc = m.id
                    ORDER BY m.score
                    """;
                hits.Clear();
                roots.Clear();
                seenRoots.Clear();
                int rows = 0;
                using (var r = cmd.ExecuteReader())
                {
                    while (r.Read() && hits.Count < limit)
                    {
                        rows++;
                        long id = r.GetInt64(0);
                        long root = r.IsDBNull(2) ? id : r.GetInt64(2);
                        if (request.Collapse && !seenRoots.Add(root))
                        {
                            continue;
                        }
                        roots.Add(root);
                        hits.Add(new SearchHit
                        {
                            RowId = id,
                            Score = -r.GetDouble(1),
                            Id = r.GetString(3),
                            Url = r.IsDBNull(4) ? null : r.GetString(4),
                            Title = r.IsDBNull(5) ? null : r.GetString(5),
                            Agency = r.IsDBNull(6) ? null : r.GetString(6),
                            Published = r.IsDBNull(7) ? null : r.GetString(7),
                        });
                    }
                    while (r.Read())
                    {
                        rows++;
                    }
                }
                // Collapsing ate too many rows: fetch deeper until enough clusters or no more matches.
                if (hits.Count >= limit || rows < fetch)
                {
                    break;
                }
                fetch *= 4;
            }
        }

        cmd.Parameters.AddWithValue("$q", match);
        try
        {
            // A page of documents holding every word is the page: an AND reads only the postings it can skip through
            // and scores few documents, where an OR of common words scores every document holding any of them. With
            // fewer than a page, BM25 over any of the words ranks as before (the same phrases, so those documents
            // keep their scores among the others).
            if (compiler.Strict is { } strict)
            {
                Fetch(strict);
            }
            if (hits.Count < limit)
            {
                Fetch(match);
            }
        }
        catch (SqliteException e) when (e.SqliteErrorCode == 1 && e.Message.Contains("fts5", StringComparison.OrdinalIgnoreCase))
        {
            throw new QuerySyntaxException("the query cannot be run: " + e.Message);
        }
        var result = new List<SearchHit>(hits.Count);
        for (int i = 0; i < hits.Count; i++)
        {
            var h = hits[i];
            int copies = request.Collapse ? (int)Scalar<long>("SELECT count(*) FROM clusters WHERE root = $r", ("$r", roots[i])) : 1;
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
                Snippet = request.Snippets ? Snippets.Make(RecordOf(h.RowId), compiler.Terms) : null,
            });
        }
        return result;
    }

    private SqliteCommand? _vocab;
    private (long Count, long At) _documentsCache = (-1, 0);

    // Documents holding a term (fts5vocab over the index; a temp table, so read-only stores have it too).
    private long DocumentFrequency(string term)
    {
        if (_vocab is null)
        {
            Exec("CREATE VIRTUAL TABLE IF NOT EXISTS temp.terms_vocab USING fts5vocab(main, terms, row)");
            _vocab = Command("SELECT doc FROM temp.terms_vocab WHERE term = $t");
            _vocab.Parameters.Add(new SqliteParameter("$t", ""));
        }
        _vocab.Parameters[0].Value = term;
        return _vocab.ExecuteScalar() is long n ? n : 0;
    }

    // The document count changes only with commits; counted again every few seconds.
    private long CurrentDocuments()
    {
        long now = Environment.TickCount64;
        if (_documentsCache.Count < 0 || now - _documentsCache.At > 5000)
        {
            _documentsCache = (Scalar<long>("SELECT count(*) FROM documents WHERE current = 1"), now);
        }
        return _documentsCache.Count;
    }

    private byte[] RecordOf(long id)
    {
        using var cmd = Command("SELECT record FROM document_data WHERE id = $d");
        cmd.Parameters.AddWithValue("$d", id);
        return Decompress((byte[])cmd.ExecuteScalar()!);
    }

    /// <inheritdoc />
    public IEnumerable<IReadOnlyList<string>> Clusters()
    {
        using var cmd = Command("""
            SELECT c.root, coalesce(d.url, d.record_id) FROM clusters c JOIN documents d ON d.id = c.doc
            WHERE c.root IN (SELECT root FROM clusters GROUP BY root HAVING count(*) > 1)
            ORDER BY c.root, c.doc
            """);
        using var r = cmd.ExecuteReader();
        foreach (var members in StoreRows.Clusters(r))
        {
            yield return members;
        }
    }

    /// <inheritdoc />
    public ArchiveStats Stats(int top = 20)
    {
        List<KeyValuePair<string, long>> Pairs(string sql)
        {
            var list = new List<KeyValuePair<string, long>>();
            using var cmd = Command(sql);
            using var r = cmd.ExecuteReader();
            while (r.Read())
            {
                list.Add(new(r.IsDBNull(0) ? "" : r.GetString(0), r.GetInt64(1)));
            }
            return list;
        }
        return new ArchiveStats
        {
            Documents = Scalar<long>("SELECT count(*) FROM documents WHERE current = 1"),
            Versions = Scalar<long>("SELECT count(*) FROM documents"),
            Clusters = Scalar<long>("SELECT count(*) FROM (SELECT root FROM clusters GROUP BY root HAVING count(*) > 1)"),
            ClusteredDocuments = Scalar<long>("SELECT coalesce(sum(n), 0) FROM (SELECT count(*) AS n FROM clusters GROUP BY root HAVING count(*) > 1)"),
            Inputs = Scalar<long>("SELECT count(*) FROM inputs"),
            ByAgency = Pairs("SELECT agency, count(*) AS n FROM documents WHERE current = 1 GROUP BY agency ORDER BY n DESC, agency"),
            ByMonth = Pairs("SELECT substr(published, 1, 7) AS m, count(*) FROM documents WHERE current = 1 GROUP BY m ORDER BY m"),
            TopEntities = Pairs($"SELECT max(text), count(DISTINCT doc) AS n FROM entities GROUP BY key ORDER BY n DESC, key LIMIT {top}"),
            TopActors = Pairs($"SELECT coalesce(actor_id, name, key), count(DISTINCT doc) AS n FROM actors GROUP BY coalesce(actor_id, name, key) ORDER BY n DESC LIMIT {top}"),
            EventTypesByMonth = Pairs("SELECT coalesce(substr(d.published, 1, 7), '') || ' ' || e.type AS k, count(*) FROM events e JOIN documents d ON d.id = e.doc GROUP BY k ORDER BY k"),
        };
    }

    /// <inheritdoc />
    public long DocumentCount() => Scalar<long>("SELECT count(*) FROM documents WHERE current = 1");

    /// <inheritdoc />
    public IEnumerable<StoredDocument> Export()
    {
        using var cmd = Command("SELECT d.doc_key, d.version, x.record FROM documents d JOIN document_data x ON x.id = d.id WHERE d.current = 1 ORDER BY d.id");
        using var r = cmd.ExecuteReader();
        while (r.Read())
        {
            yield return new StoredDocument(r.GetString(0), r.GetInt32(1), Decompress((byte[])r.GetValue(2)));
        }
    }

    /// <inheritdoc />
    public StoredDocument? Document(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        using var cmd = Command("""
            SELECT d.doc_key, d.version, x.record FROM documents d JOIN document_data x ON x.id = d.id
            WHERE d.current = 1 AND (d.record_id = $id OR d.doc_key = $id OR d.doc_key = $urlKey OR d.url = $id)
            ORDER BY d.id LIMIT 1
            """);
        cmd.Parameters.AddWithValue("$id", id);
        cmd.Parameters.AddWithValue("$urlKey", Uri.TryCreate(id, UriKind.Absolute, out _) ? "url:" + UrlKey.Normalize(id) : "");
        using var r = cmd.ExecuteReader();
        return r.Read() ? new StoredDocument(r.GetString(0), r.GetInt32(1), Decompress((byte[])r.GetValue(2))) : null;
    }

    /// <inheritdoc />
    public IReadOnlyList<StoredEvent> Events(EventQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        using var cmd = Command("");
        var where = new StringBuilder("d.current = 1");
        if (query.Actor is { Length: > 0 } actor)
        {
            cmd.Parameters.AddWithValue("$actor", ResolveActor(actor) ?? actor);
            where.Append(" AND e.id IN (SELECT event FROM event_parties WHERE actor_id = $actor)");
        }
        if (query.Country is { Length: > 0 } country)
        {
            cmd.Parameters.AddWithValue("$country", country.ToUpperInvariant());
            where.Append(" AND e.id IN (SELECT event FROM event_parties WHERE country = $country)");
        }
        if (query.Type is { Length: > 0 } type)
        {
            cmd.Parameters.AddWithValue("$type", type.ToUpperInvariant());
            where.Append(" AND e.type = $type");
        }
        AppendDateFilter(cmd, where, query.From, query.To);
        cmd.Parameters.AddWithValue("$limit", Math.Max(0, query.Limit));
        cmd.Parameters.AddWithValue("$offset", Math.Max(0, query.Offset));
        cmd.CommandText = $"""
            SELECT d.record_id, d.url, d.title, d.published, e.type, e.actor_id, e.actor_country, e.recipient_ids, e.json
            FROM events e JOIN documents d ON d.id = e.doc
            WHERE {where}
            ORDER BY d.published IS NULL, d.published DESC, d.id DESC, e.id
            LIMIT $limit OFFSET $offset
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
        if (ResolveActor(actor) is not { } id)
        {
            return null;
        }
        string? name = null, country = null;
        using (var cmd = Command("SELECT name, country FROM actors WHERE actor_id = $id AND name IS NOT NULL ORDER BY doc DESC LIMIT 1"))
        {
            cmd.Parameters.AddWithValue("$id", id);
            using var r = cmd.ExecuteReader();
            if (r.Read())
            {
                (name, country) = (NullableString(r, 0), NullableString(r, 1));
            }
        }
        long documents = Scalar<long>("""
            SELECT count(DISTINCT a.doc) FROM actors a JOIN documents d ON d.id = a.doc WHERE a.actor_id = $id AND d.current = 1
            """, ("$id", id));
        var months = new List<ActorMonth>();
        using (var cmd = Command("""
            SELECT coalesce(substr(d.published, 1, 7), '') AS m, e.type, sum(p.role = 0), sum(p.role = 1)
            FROM event_parties p JOIN events e ON e.id = p.event JOIN documents d ON d.id = p.doc
            WHERE p.actor_id = $id AND d.current = 1
            GROUP BY m, e.type ORDER BY m, e.type
            """))
        {
            cmd.Parameters.AddWithValue("$id", id);
            using var r = cmd.ExecuteReader();
            while (r.Read())
            {
                months.Add(new ActorMonth(r.GetString(0), r.GetString(1), r.GetInt64(2), r.GetInt64(3)));
            }
        }
        var counterparts = new List<Counterpart>();
        using (var cmd = Command("""
            SELECT o.actor_id, (SELECT name FROM actors WHERE actor_id = o.actor_id AND name IS NOT NULL LIMIT 1), count(DISTINCT o.event) AS n
            FROM event_parties p JOIN event_parties o ON o.event = p.event AND o.role <> p.role JOIN documents d ON d.id = p.doc
            WHERE p.actor_id = $id AND o.actor_id IS NOT NULL AND o.actor_id <> $id AND d.current = 1
            GROUP BY o.actor_id ORDER BY n DESC, o.actor_id LIMIT $top
            """))
        {
            cmd.Parameters.AddWithValue("$id", id);
            cmd.Parameters.AddWithValue("$top", Math.Max(0, top));
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
    private string? ResolveActor(string actor)
    {
        using var cmd = Command("""
            SELECT actor_id FROM actors WHERE actor_id = $a
            UNION ALL SELECT actor_id FROM actors WHERE lower(name) = lower($a) AND actor_id IS NOT NULL
            UNION ALL SELECT actor_id FROM actors WHERE key = $k AND actor_id IS NOT NULL
            UNION ALL SELECT actor_id FROM event_parties WHERE actor_id = $a
            LIMIT 1
            """);
        cmd.Parameters.AddWithValue("$a", actor);
        cmd.Parameters.AddWithValue("$k", ArchiveDocument.EntityKey(actor));
        return cmd.ExecuteScalar() as string;
    }

    private static void AppendDateFilter(SqliteCommand cmd, StringBuilder where, DateOnly? from, DateOnly? to)
    {
        if (from is { } f)
        {
            where.Append(" AND d.published >= $from");
            cmd.Parameters.AddWithValue("$from", f.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        }
        if (to is { } t)
        {
            where.Append(" AND d.published <= $to");
            cmd.Parameters.AddWithValue("$to", t.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        }
    }

    private static string? NullableString(SqliteDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);

    /// <summary>Checks the file's integrity (<c>PRAGMA quick_check</c>); returns the problems found, empty when sound.</summary>
    public IReadOnlyList<string> Check()
    {
        var problems = new List<string>();
        using var cmd = Command("PRAGMA quick_check");
        using var r = cmd.ExecuteReader();
        while (r.Read())
        {
            string s = r.GetString(0);
            if (s != "ok")
            {
                problems.Add(s);
            }
        }
        return problems;
    }

    private SqliteCommand Command(string sql)
    {
        var cmd = _db.CreateCommand();
        cmd.CommandText = sql;
        return cmd;
    }

    private void Exec(string sql, SqliteTransaction? tx = null)
    {
        using var cmd = Command(sql);
        cmd.Transaction = tx;
        cmd.ExecuteNonQuery();
    }

    private T Scalar<T>(string sql, params (string Name, object Value)[] parameters)
    {
        using var cmd = Command(sql);
        foreach (var (n, v) in parameters)
        {
            cmd.Parameters.AddWithValue(n, v);
        }
        object? value = cmd.ExecuteScalar();
        return value is null or DBNull ? default! : (T)value;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _vocab?.Dispose();
        _db.Dispose();
    }
}
