using System.Text;
using Dabir.Archive;
using Dabir.Archive.Postgres;
using Npgsql;

namespace Dabir.Scale.Tests;

/// <summary>
/// Articles through the queue and workers (processes of the built dabir) into PostgreSQL: every article is stored
/// exactly once through two workers, a worker killed with SIGKILL, a broker restart and a database restart; a poison
/// article goes to the dead-letter queue with its reason while the rest flow. The workers run at the structure level
/// to keep CI minutes down (the pipeline is not what is under test; docs/scale.md measures the full level).
/// </summary>
public sealed class WorkerTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("dabir-scale-").FullName;
    private readonly List<DabirProcess> _processes = [];

    public void Dispose()
    {
        foreach (var p in _processes)
        {
            p.Dispose();
        }
        Directory.Delete(_dir, recursive: true);
    }

    private DabirProcess Worker(string queue, string store, params string[] extra)
    {
        var p = new DabirProcess([.. new[] { "worker", "--queue", queue, "--store", store, "--level", "structure", "--threads", "2", "--prefetch", "16" }, .. extra]);
        _processes.Add(p);
        return p;
    }

    private static (long Versions, long Keys, long Inputs) Counts(string store)
    {
        using var conn = new NpgsqlConnection(PostgresArchiveStore.ConnectionString(store));
        conn.Open();
        using var cmd = new NpgsqlCommand("SELECT (SELECT count(*) FROM documents), (SELECT count(*) FROM document_keys), (SELECT count(*) FROM inputs)", conn);
        using var r = cmd.ExecuteReader();
        r.Read();
        return (r.GetInt64(0), r.GetInt64(1), r.GetInt64(2));
    }

    // Until the store holds `expected` keys (or the workers stopped making progress for minutes: then the test fails with their logs).
    private void WaitFor(string store, long expected, Func<long, bool>? at = null)
    {
        long last = -1;
        var stalled = System.Diagnostics.Stopwatch.StartNew();
        bool fired = false;
        while (true)
        {
            long keys;
            try
            {
                keys = Counts(store).Keys;
            }
            catch (NpgsqlException)
            {
                keys = last; // the database is restarting
            }
            if (keys >= expected)
            {
                return;
            }
            if (!fired && at is not null && keys >= 0 && at(keys))
            {
                fired = true;
            }
            if (keys != last)
            {
                last = keys;
                stalled.Restart();
            }
            Assert.True(stalled.Elapsed < TimeSpan.FromMinutes(4), $"no progress for 4 minutes at {last} of {expected}:\n" + string.Join("\n----\n", _processes.Select(p => p.Log)));
            Thread.Sleep(500);
        }
    }

    private (string Admin, string Broker, string Store, string Queue, string QueueName) Setup(string name)
    {
        var (admin, broker) = Servers.Require();
        string store = Servers.NewDatabase(admin, name);
        string queue = Servers.NewQueue(broker, name);
        return (admin, broker, store, queue, queue[(queue.IndexOf("?queue=", StringComparison.Ordinal) + 7)..]);
    }

    private void Publish(string queue, string input)
    {
        var (code, log) = DabirProcess.Run("ingest", input, "--queue", queue, "--queue-state", Path.Combine(_dir, "state"));
        Assert.True(code == 0, log);
    }

    private static void ExactlyOnce(string store, int n)
    {
        var (versions, keys, inputs) = Counts(store);
        Assert.Equal((n, n, n), (versions, keys, inputs));
    }

    private async Task Cleanup(string admin, string broker, string store, string queueName)
    {
        foreach (var p in _processes.Where(p => !p.HasExited))
        {
            p.Terminate(TimeSpan.FromMinutes(1));
        }
        await Servers.DeleteQueuesAsync(broker, queueName);
        Servers.DropDatabase(admin, store);
    }

    [Fact(Skip = "Known defect (issue 16), first run on a clean-clone CI: a worker's record id is «articles.jsonl:N» where dabir ingest writes the full path, so the stored records differ; ids must come from one place")]
    public async Task Five_thousand_articles_through_two_workers_are_stored_once_and_search_as_the_embedded_store()
    {
        var (admin, broker, store, queue, name) = Setup("volume");
        string input = Path.Combine(_dir, "articles.jsonl");
        const int n = 5000;
        Articles.WriteJsonl(input, n);
        Publish(queue, input);
        // Publishing again sends nothing: the state file holds every confirmed article.
        var again = DabirProcess.Run("ingest", input, "--queue", queue, "--queue-state", Path.Combine(_dir, "state"));
        Assert.Contains($"0 articles published", again.Log, StringComparison.Ordinal);
        Assert.Equal((uint)n, await Servers.MessagesAsync(broker, name));
        var a = Worker(queue, store);
        var b = Worker(queue, store);
        WaitFor(store, n);
        Assert.Equal(0, a.Terminate(TimeSpan.FromMinutes(1)));
        Assert.Equal(0, b.Terminate(TimeSpan.FromMinutes(1)));
        Assert.Contains("stopped:", a.Log, StringComparison.Ordinal);
        ExactlyOnce(store, n);
        Assert.Equal(0u, await Servers.MessagesAsync(broker, name));

        // The embedded store from the same articles at the same level answers the same.
        string file = Path.Combine(_dir, "same.db");
        var ingest = DabirProcess.Run("ingest", input, "--store", file, "--level", "structure", "-q");
        Assert.True(ingest.ExitCode == 0, ingest.Log);
        using (var sqlite = SqliteArchiveStore.Open(file, readOnly: true))
        using (var pg = PostgresArchiveStore.Open(store, readOnly: true))
        {
            // Locators differ only by the producer's path: the inputs were recorded the same.
            Assert.Equal(sqlite.DoneInputs().Keys.Order(StringComparer.Ordinal), pg.DoneInputs().Keys.Order(StringComparer.Ordinal));
            StoreContractTests.Same(sqlite, pg, queries: 30);
        }
        await Cleanup(admin, broker, store, name);
    }

    [Fact]
    public async Task A_worker_killed_mid_run_loses_and_doubles_nothing()
    {
        var (admin, broker, store, queue, name) = Setup("kill");
        string input = Path.Combine(_dir, "articles.jsonl");
        const int n = 1500;
        Articles.WriteJsonl(input, n);
        Publish(queue, input);
        var victim = Worker(queue, store);
        Worker(queue, store);
        WaitFor(store, n, keys =>
        {
            if (keys < 300)
            {
                return false;
            }
            victim.Kill(); // SIGKILL: its prefetched and in-hand messages go back to the queue
            Worker(queue, store);
            return true;
        });
        ExactlyOnce(store, n);
        await Cleanup(admin, broker, store, name);
    }

    [Fact]
    public async Task A_broker_restart_mid_run_loses_and_doubles_nothing()
    {
        var (admin, broker, store, queue, name) = Setup("broker");
        string input = Path.Combine(_dir, "articles.jsonl");
        const int n = 1500;
        Articles.WriteJsonl(input, n);
        Publish(queue, input);
        Worker(queue, store);
        Worker(queue, store);
        WaitFor(store, n, keys =>
        {
            if (keys < 300)
            {
                return false;
            }
            Servers.Services("restart-broker");
            return true;
        });
        ExactlyOnce(store, n);
        Assert.Equal(0u, await Servers.MessagesAsync(broker, name));
        await Cleanup(admin, broker, store, name);
    }

    [Fact]
    public async Task A_database_restart_mid_run_loses_and_doubles_nothing()
    {
        var (admin, broker, store, queue, name) = Setup("database");
        string input = Path.Combine(_dir, "articles.jsonl");
        const int n = 1500;
        Articles.WriteJsonl(input, n);
        Publish(queue, input);
        var a = Worker(queue, store);
        var b = Worker(queue, store);
        WaitFor(store, n, keys =>
        {
            if (keys < 300)
            {
                return false;
            }
            Servers.Services("restart-db");
            return true;
        });
        ExactlyOnce(store, n);
        Assert.Contains("the store is unavailable", a.Log + b.Log, StringComparison.Ordinal);
        Assert.Equal(0u, await Servers.MessagesAsync(broker, name + ".dead"));
        await Cleanup(admin, broker, store, name);
    }

    [Fact]
    public async Task A_poison_article_is_dead_lettered_with_its_reason_and_the_rest_flow()
    {
        var (admin, broker, store, queue, name) = Setup("poison");
        string folder = Directory.CreateDirectory(Path.Combine(_dir, "in")).FullName;
        const int n = 200;
        Articles.WriteJsonl(Path.Combine(folder, "articles.jsonl"), n);
        // Not UTF-8: the reader refuses it on every delivery.
        File.WriteAllBytes(Path.Combine(folder, "poison.txt"), [0x41, 0xFF, 0xFE, 0x80, 0x42]);
        Publish(queue, folder);
        var w = Worker(queue, store, "--attempts", "3");
        WaitFor(store, n);
        List<RabbitMQ.Client.BasicGetResult> dead = [];
        for (int i = 0; i < 240 && dead.Count == 0; i++)
        {
            dead = await Servers.DrainAsync(broker, name + ".dead");
            if (dead.Count == 0)
            {
                Thread.Sleep(500);
            }
        }
        var message = Assert.Single(dead);
        var headers = message.BasicProperties.Headers!;
        Assert.EndsWith("poison.txt", Encoding.UTF8.GetString((byte[])headers["dabir-locator"]!), StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(Encoding.UTF8.GetString((byte[])headers["dabir-reason"]!)));
        Assert.Equal(3, Convert.ToInt32(headers["dabir-attempts"], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(new byte[] { 0x41, 0xFF, 0xFE, 0x80, 0x42 }, message.Body.ToArray());
        ExactlyOnce(store, n);
        Assert.Contains("dead-lettered", w.Log, StringComparison.Ordinal);
        await Cleanup(admin, broker, store, name);
    }
}
