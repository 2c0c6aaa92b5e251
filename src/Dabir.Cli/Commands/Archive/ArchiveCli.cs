using System.CommandLine;
using Dabir.Archive;
using Microsoft.Data.Sqlite;

namespace Dabir.Cli.Commands.Archive;

/// <summary>What the archive commands share: the <c>--store</c> option and turning store problems into clear errors.</summary>
internal static class ArchiveCli
{
    public const string DefaultStore = "dabir.db";

    public static Option<string> StoreOption() => new("--store", "-s")
    {
        Description = $"The archive: an SQLite file, or a postgres://user:password@host:port/database URL. Default: ./{DefaultStore}.",
        DefaultValueFactory = _ => DefaultStore,
    };

    /// <summary>
    /// Opens the store that <c>--store</c> names. Every archive command opens its store here, so a server store
    /// (a <c>postgres://</c> URL) plugs in at this one place.
    /// </summary>
    public static IArchiveStore OpenStore(string store, bool readOnly) => Dabir.Archive.Postgres.PostgresArchiveStore.IsUrl(store)
        ? Dabir.Archive.Postgres.PostgresArchiveStore.Open(store, readOnly)
        : SqliteArchiveStore.Open(store, readOnly);

    /// <summary>The store's size on disk: the file and its write-ahead log.</summary>
    // A server store's size is the server's business (pg_database_size): the file size is the embedded store's.
    public static long? StoreBytes(string store) => Dabir.Archive.Postgres.PostgresArchiveStore.IsUrl(store) ? null
        : new FileInfo(store).Length + (File.Exists(store + "-wal") ? new FileInfo(store + "-wal").Length : 0);

    public static int UsageError(string message)
    {
        Console.Error.WriteLine($"dabir: error: {message}");
        return ExitCodes.Usage;
    }

    /// <summary>Runs <paramref name="body"/>; a damaged or foreign store file is exit code 2 with its name and the reason, never a crash.</summary>
    public static int Guard(string store, Func<int> body) => CliIO.Guard(store, () =>
    {
        try
        {
            return body();
        }
        catch (ArchiveStoreException e)
        {
            Console.Error.WriteLine($"dabir: error: {e.Message}");
            return ExitCodes.InputError;
        }
        catch (Npgsql.NpgsqlException e)
        {
            Console.Error.WriteLine($"dabir: error: {Dabir.Archive.Postgres.PostgresArchiveStore.Redact(store)}: {e.Message}");
            return ExitCodes.InputError;
        }
        catch (SqliteException e)
        {
            Console.Error.WriteLine($"dabir: error: {store}: not a Dabir archive or damaged ({(e.SqliteErrorCode == 26 ? "not a database file" : e.Message)})");
            return ExitCodes.InputError;
        }
    });
}
