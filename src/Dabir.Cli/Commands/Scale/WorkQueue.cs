using System.Globalization;
using System.Text;
using Dabir.News.Readers;
using RabbitMQ.Client;

namespace Dabir.Cli.Commands.Scale;

/// <summary>
/// The work queue the producer fills and the workers drain: a durable quorum queue of articles (one message per
/// article: its raw bytes, its locator and input hash in headers) and its dead-letter queue (<c>NAME.dead</c>).
/// The URL is <c>amqp://user:password@host:port/vhost?queue=NAME</c> (queue <see cref="DefaultQueue"/> by default).
/// </summary>
internal sealed class WorkQueue
{
    public const string DefaultQueue = "dabir.articles";

    /// <summary>Largest article carried in a message (bytes). Larger ones are refused by the producer with an error naming the article: RabbitMQ's own limit is 128 MiB, and messages this size keep the queue's memory bounded.</summary>
    public const int MaxArticleBytes = 4 * 1024 * 1024;

    /// <summary>Deliveries after which the broker dead-letters a message by itself (a worker crashing on it every time never gets to count).</summary>
    public const int BrokerDeliveryLimit = 20;

    public const string LocatorHeader = "dabir-locator";
    public const string PathHeader = "dabir-path";
    public const string LineHeader = "dabir-line";
    public const string FormatHeader = "dabir-format";
    public const string HashHeader = "dabir-input-hash";
    public const string ReasonHeader = "dabir-reason";
    public const string MessageHeader = "dabir-error";
    public const string AttemptsHeader = "dabir-attempts";

    private WorkQueue(Uri broker, string name, string display)
    {
        Broker = broker;
        Name = name;
        Display = display;
    }

    /// <summary>The broker (without the queue parameter).</summary>
    public Uri Broker { get; }

    /// <summary>The articles queue.</summary>
    public string Name { get; }

    /// <summary>The dead-letter queue.</summary>
    public string DeadName => Name + ".dead";

    /// <summary>The URL without its password.</summary>
    public string Display { get; }

    /// <exception cref="ArgumentException">Not an amqp:// URL.</exception>
    public static WorkQueue Parse(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != "amqp" && uri.Scheme != "amqps") || uri.Host.Length == 0)
        {
            throw new ArgumentException($"{url}: not a queue URL (amqp://user:password@host:port/?queue=NAME)");
        }
        string name = DefaultQueue;
        foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var kv = pair.Split('=', 2);
            if (kv[0] == "queue" && kv.Length == 2 && kv[1].Length > 0)
            {
                name = Uri.UnescapeDataString(kv[1]);
            }
            else
            {
                throw new ArgumentException($"{url}: unknown queue URL parameter '{kv[0]}' (only queue=NAME)");
            }
        }
        var broker = new UriBuilder(uri) { Query = "" }.Uri;
        string display = System.Text.RegularExpressions.Regex.Replace(url, "://([^:/@]*):[^@/]*@", "://$1:***@");
        return new WorkQueue(broker, name, display);
    }

    public ConnectionFactory Factory(string clientName) => new()
    {
        Uri = Broker,
        ClientProvidedName = clientName,
        AutomaticRecoveryEnabled = true,
        TopologyRecoveryEnabled = true,
        NetworkRecoveryInterval = TimeSpan.FromSeconds(2),
        RequestedHeartbeat = TimeSpan.FromSeconds(30),
    };

    /// <summary>Declares both queues (idempotent): durable quorum queues; the broker dead-letters into <see cref="DeadName"/> after <see cref="BrokerDeliveryLimit"/> deliveries.</summary>
    public async Task DeclareAsync(IChannel channel, CancellationToken cancellationToken)
    {
        await channel.QueueDeclareAsync(DeadName, durable: true, exclusive: false, autoDelete: false,
            arguments: new Dictionary<string, object?> { ["x-queue-type"] = "quorum" }, cancellationToken: cancellationToken).ConfigureAwait(false);
        await channel.QueueDeclareAsync(Name, durable: true, exclusive: false, autoDelete: false, arguments: new Dictionary<string, object?>
        {
            ["x-queue-type"] = "quorum",
            ["x-delivery-limit"] = BrokerDeliveryLimit,
            ["x-dead-letter-exchange"] = "",
            ["x-dead-letter-routing-key"] = DeadName,
        }, cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The locator an archive records for an article (the same as <c>dabir ingest</c>'s): PATH or PATH:LINE.</summary>
    public static string LocatorOf(RawArticle raw) => raw.Line is { } line ? $"{raw.Path}:{line.ToString(CultureInfo.InvariantCulture)}" : raw.Path ?? raw.Locator;

    /// <summary>The message properties of an article.</summary>
    public static BasicProperties Properties(RawArticle raw, string locator, string hash) => new()
    {
        Persistent = true,
        Timestamp = new AmqpTimestamp(DateTimeOffset.UtcNow.ToUnixTimeSeconds()),
        MessageId = locator + "#" + hash,
        ContentType = raw.Format == "json" ? "application/json" : raw.Format == "html" ? "text/html" : "text/plain",
        Headers = new Dictionary<string, object?>
        {
            [LocatorHeader] = locator,
            [PathHeader] = raw.Path ?? raw.Locator,
            [LineHeader] = raw.Line is { } l ? l : null,
            [FormatHeader] = raw.Format,
            [HashHeader] = hash,
        },
    };

    /// <summary>The article a message carries.</summary>
    /// <exception cref="FormatException">The message lacks the article headers.</exception>
    public static (RawArticle Raw, string Locator, string Hash) Read(IReadOnlyBasicProperties properties, ReadOnlyMemory<byte> body)
    {
        var h = properties.Headers ?? throw new FormatException("the message has no headers (not from dabir ingest --queue)");
        string locator = Header(h, LocatorHeader) ?? throw new FormatException($"the message has no {LocatorHeader} header");
        string hash = Header(h, HashHeader) ?? throw new FormatException($"the message has no {HashHeader} header");
        string format = Header(h, FormatHeader) ?? "text";
        long? line = h.TryGetValue(LineHeader, out var lv) && lv is not null ? Convert.ToInt64(lv, CultureInfo.InvariantCulture) : null;
        return (new RawArticle(0, locator, Header(h, PathHeader), line, format, body.ToArray()), locator, hash);
    }

    /// <summary>A header's text (the client gives strings as bytes).</summary>
    public static string? Header(IDictionary<string, object?> headers, string name) => headers.TryGetValue(name, out var v) ? v switch
    {
        byte[] b => Encoding.UTF8.GetString(b),
        string s => s,
        null => null,
        _ => Convert.ToString(v, CultureInfo.InvariantCulture),
    } : null;
}
