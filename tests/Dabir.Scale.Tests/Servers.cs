using Dabir.Archive.Postgres;
using System.Diagnostics;
using Npgsql;
using RabbitMQ.Client;

namespace Dabir.Scale.Tests;

/// <summary>
/// The servers the tests need, from <c>DABIR_STORE</c> (a postgres:// URL of a database the tests may create databases
/// from) and <c>DABIR_QUEUE</c> (an amqp:// URL): <c>eval "$(tools/services.sh start)"</c> sets both. In CI
/// (<c>CI=true</c>) a missing server fails the test; elsewhere the test is skipped, saying why.
/// </summary>
internal static class Servers
{
    public static (string Store, string Queue) Require()
    {
        string? store = Environment.GetEnvironmentVariable("DABIR_STORE");
        string? queue = Environment.GetEnvironmentVariable("DABIR_QUEUE");
        bool ci = string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);
        if (string.IsNullOrEmpty(store) || string.IsNullOrEmpty(queue))
        {
            const string why = "DABIR_STORE and DABIR_QUEUE are not set: run eval \"$(tools/services.sh start)\" first";
            Assert.False(ci, why + " (CI=true: these tests must run)");
            Assert.Skip(why);
        }
        return (store!, queue!.TrimEnd('/'));
    }

    /// <summary>A new empty database for one test: its URL (dropped by <see cref="DropDatabase"/>).</summary>
    public static string NewDatabase(string adminUrl, string prefix)
    {
        string name = $"{prefix}_{Guid.NewGuid():N}"[..Math.Min(60, prefix.Length + 33)];
        // A test before may have restarted the server: pooled connections to it are dead.
        NpgsqlConnection.ClearAllPools();
        using var conn = new NpgsqlConnection(PostgresArchiveStore.ConnectionString(adminUrl));
        conn.Open();
        using var cmd = new NpgsqlCommand($"CREATE DATABASE {name}", conn);
        cmd.ExecuteNonQuery();
        var uri = new UriBuilder(adminUrl) { Path = "/" + name };
        return uri.Uri.ToString();
    }

    public static void DropDatabase(string adminUrl, string url)
    {
        NpgsqlConnection.ClearAllPools();
        using var conn = new NpgsqlConnection(PostgresArchiveStore.ConnectionString(adminUrl));
        conn.Open();
        using var cmd = new NpgsqlCommand($"DROP DATABASE IF EXISTS {new Uri(url).AbsolutePath.Trim('/')} WITH (FORCE)", conn);
        cmd.ExecuteNonQuery();
    }

    /// <summary>A queue URL with a queue of its own.</summary>
    public static string NewQueue(string brokerUrl, string prefix) => $"{brokerUrl}/?queue={prefix}-{Guid.NewGuid():N}";

    /// <summary>Messages in a queue (ready, not counting unacknowledged ones).</summary>
    public static async Task<uint> MessagesAsync(string brokerUrl, string queue)
    {
        var factory = new ConnectionFactory { Uri = new Uri(brokerUrl) };
        await using var connection = await factory.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        return (await channel.QueueDeclarePassiveAsync(queue)).MessageCount;
    }

    /// <summary>Takes every message of a queue (acknowledging them).</summary>
    public static async Task<List<BasicGetResult>> DrainAsync(string brokerUrl, string queue)
    {
        var factory = new ConnectionFactory { Uri = new Uri(brokerUrl) };
        await using var connection = await factory.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        var list = new List<BasicGetResult>();
        while (await channel.BasicGetAsync(queue, autoAck: true) is { } m)
        {
            list.Add(m);
        }
        return list;
    }

    public static async Task DeleteQueuesAsync(string brokerUrl, string queue)
    {
        var factory = new ConnectionFactory { Uri = new Uri(brokerUrl) };
        await using var connection = await factory.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        await channel.QueueDeleteAsync(queue);
        await channel.QueueDeleteAsync(queue + ".dead");
    }

    /// <summary><c>tools/services.sh</c> of this repository (found from the test's folder upwards).</summary>
    public static void Services(string command)
    {
        string? root = null;
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null && root is null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Dabir.slnx")))
            {
                root = dir.FullName;
            }
        }
        Assert.NotNull(root);
        var info = new ProcessStartInfo("bash") { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        info.ArgumentList.Add(Path.Combine(root, "tools", "services.sh"));
        info.ArgumentList.Add(command);
        using var p = Process.Start(info)!;
        string err = p.StandardError.ReadToEnd();
        p.WaitForExit();
        Assert.True(p.ExitCode == 0, $"services.sh {command}: {err}");
    }
}

/// <summary>A <c>dabir</c> process of the built CLI (dabir.dll beside the tests).</summary>
internal sealed class DabirProcess : IDisposable
{
    private readonly Process _process;
    private readonly System.Text.StringBuilder _log = new();

    public DabirProcess(params string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "dabir.dll"));
        foreach (var a in args)
        {
            info.ArgumentList.Add(a);
        }
        _process = Process.Start(info)!;
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.BeginErrorReadLine();
        _process.BeginOutputReadLine();
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (_log)
            {
                _log.AppendLine(line);
            }
        }
    }

    public string Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    public bool HasExited => _process.HasExited;

    public int Id => _process.Id;

    /// <summary>Runs to the end; its exit code.</summary>
    public static (int ExitCode, string Log) Run(params string[] args)
    {
        using var p = new DabirProcess(args);
        p._process.WaitForExit();
        return (p._process.ExitCode, p.Log);
    }

    /// <summary>SIGKILL: no cleanup runs.</summary>
    public void Kill()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    /// <summary>SIGTERM, then waits for a graceful exit; its exit code.</summary>
    public int Terminate(TimeSpan wait)
    {
        if (!_process.HasExited)
        {
            using var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
            kill.WaitForExit();
        }
        if (!_process.WaitForExit(wait))
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
            Assert.Fail("the worker did not stop within " + wait + " of SIGTERM:\n" + Log);
        }
        _process.WaitForExit();
        return _process.ExitCode;
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }
        _process.Dispose();
    }
}
