using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Nexus.Shared.Redis;
using StackExchange.Redis;

namespace Nexus.Shared.Messaging;

/// <summary>
/// Redis Streams through raw commands (StackExchange.Redis 1.2.6 has no stream API): one stream per event name,
/// one consumer group per consuming module, so every instance of a module shares its work and a module that was
/// down reads what it missed. Entries are acknowledged (XACK) only after the module's inbox recorded them; entries
/// a crashed consumer had read are taken over with XAUTOCLAIM. Reads never block the shared multiplexer: a
/// pub/sub wake-up after each publication, plus a one-second poll, tells consumers to read.
/// Redis must persist (AOF) for events already published to survive a Redis restart (docs/decisions/0007).
/// </summary>
internal sealed partial class RedisEventTransport : IEventTransport
{
    public const string StreamPrefix = "nexus:events:";
    public const string WakeChannel = "nexus:events:wake";
    private static readonly TimeSpan IdlePoll = TimeSpan.FromSeconds(1);

    // KEYS: the stream of each event; ARGV: max length, wake channel, then six fields per event.
    private const string PublishScript = """
        local maxlen = ARGV[1]
        local a = 3
        for i = 1, #KEYS do
          redis.call('XADD', KEYS[i], 'MAXLEN', '~', maxlen, '*', 'id', ARGV[a], 'name', ARGV[a + 1], 'version', ARGV[a + 2],
            'correlation', ARGV[a + 3], 'occurred', ARGV[a + 4], 'payload', ARGV[a + 5])
          a = a + 6
        end
        redis.call('PUBLISH', ARGV[2], '1')
        return #KEYS
        """;
    private readonly RedisConnection redis;
    private readonly EventBusOptions options;
    private readonly ILogger<RedisEventTransport> logger;
    private readonly string consumerName = $"{InstanceName.Value}/{Guid.NewGuid():N}";

    public RedisEventTransport(RedisConnection redis, IOptions<EventBusOptions> options, ILogger<RedisEventTransport> logger)
    {
        this.redis = redis;
        this.options = options.Value;
        this.logger = logger;
    }

    public string Name => "redis";

    public static RedisKey StreamKey(string eventName) => StreamPrefix + eventName;

    public async Task PublishAsync(IReadOnlyList<EventEnvelope> events, CancellationToken cancellationToken)
    {
        if (events.Count == 0)
        {
            return;
        }

        var database = await redis.DatabaseAsync();
        var keys = new RedisKey[events.Count];
        var values = new RedisValue[2 + (events.Count * 6)];
        values[0] = options.RedisStreamMaxLength;
        values[1] = WakeChannel;
        for (var i = 0; i < events.Count; i++)
        {
            var e = events[i];
            keys[i] = StreamKey(e.Name);
            var at = 2 + (i * 6);
            values[at] = e.EventId.ToString();
            values[at + 1] = e.Name;
            values[at + 2] = e.Version;
            values[at + 3] = e.CorrelationId ?? string.Empty;
            values[at + 4] = e.OccurredAt.ToString("O", CultureInfo.InvariantCulture);
            values[at + 5] = e.Payload;
        }

        // One round trip, and all or nothing: a batch is never half in Redis when the connection drops.
        await database.ScriptEvaluateAsync(PublishScript, keys, values);
    }

    public async Task ConsumeAsync(
        string consumer,
        IReadOnlyCollection<string> eventNames,
        Func<IReadOnlyList<EventEnvelope>, CancellationToken, Task> deliver,
        CancellationToken stoppingToken)
    {
        using var wake = new SemaphoreSlim(0, 1);
        var streams = eventNames.Select(StreamKey).ToArray();
        var subscribed = false;
        var groupsReady = false;
        var readOwnPending = true; // entries this consumer read but did not acknowledge
        var lastClaim = DateTime.MinValue;
        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var multiplexer = await redis.GetAsync();
                var database = multiplexer.GetDatabase();
                if (!subscribed)
                {
                    await multiplexer.GetSubscriber().SubscribeAsync(WakeChannel, (_, _) => Release(wake));
                    subscribed = true;
                }

                if (!groupsReady)
                {
                    await EnsureGroupsAsync(database, streams, consumer);
                    groupsReady = true;
                }

                var claimEvery = options.RedisClaimIdle < TimeSpan.FromSeconds(5) ? options.RedisClaimIdle : TimeSpan.FromSeconds(5);
                if (DateTime.UtcNow - lastClaim >= claimEvery)
                {
                    lastClaim = DateTime.UtcNow;
                    foreach (var stream in streams)
                    {
                        await ClaimAbandonedAsync(database, stream, consumer, deliver, stoppingToken);
                    }
                }

                var entries = await ReadAsync(database, streams, consumer, readOwnPending ? "0" : ">");
                if (entries.Count == 0)
                {
                    if (readOwnPending)
                    {
                        readOwnPending = false;
                        continue;
                    }

                    await wake.WaitAsync(IdlePoll, stoppingToken);
                    continue;
                }

                await DeliverAndAcknowledgeAsync(database, consumer, entries, deliver, stoppingToken);
                failures = 0;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (RedisServerException ex) when (ex.Message.StartsWith("NOGROUP", StringComparison.Ordinal))
            {
                // Redis lost its data (restarted without persistence): recreate the groups and carry on.
                LogGroupsMissing(logger, consumer);
                groupsReady = false;
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                failures++;
                readOwnPending = true; // whatever was read and not acknowledged is offered again
                var delay = TimeSpan.FromMilliseconds(Math.Min(10_000, 200 * Math.Pow(2, Math.Min(failures, 6))));
                LogConsumeFailed(logger, consumer, delay.TotalMilliseconds, ex);
                try
                {
                    await Task.Delay(delay, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
        }
    }

    private static void Release(SemaphoreSlim wake)
    {
        try
        {
            if (wake.CurrentCount == 0)
            {
                wake.Release();
            }
        }
        catch (Exception ex) when (ex is SemaphoreFullException or ObjectDisposedException)
        {
            // Already awake, or the consumer has stopped.
        }
    }

    private static async Task EnsureGroupsAsync(IDatabase database, RedisKey[] streams, string group)
    {
        foreach (var stream in streams)
        {
            try
            {
                // From the start of the stream: a module consuming for the first time reads what was published before.
                await database.ExecuteAsync("XGROUP", "CREATE", stream, group, "0", "MKSTREAM");
            }
            catch (RedisServerException ex) when (ex.Message.StartsWith("BUSYGROUP", StringComparison.Ordinal))
            {
                // Exists already.
            }
        }
    }

    private async Task<List<StreamEntry>> ReadAsync(IDatabase database, RedisKey[] streams, string group, string from)
    {
        var args = new List<object> { "GROUP", group, consumerName, "COUNT", options.BatchSize.ToString(CultureInfo.InvariantCulture), "STREAMS" };
        args.AddRange(streams.Cast<object>());
        args.AddRange(streams.Select(_ => (object)from));
        var result = await database.ExecuteAsync("XREADGROUP", args.ToArray());
        var entries = new List<StreamEntry>();
        if (result.IsNull)
        {
            return entries;
        }

        foreach (var stream in (RedisResult[])result)
        {
            var parts = (RedisResult[])stream;
            var key = (string)parts[0];
            foreach (var entry in (RedisResult[])parts[1])
            {
                entries.Add(StreamEntry.Parse(key!, entry));
            }
        }

        return entries;
    }

    private async Task ClaimAbandonedAsync(
        IDatabase database,
        RedisKey stream,
        string group,
        Func<IReadOnlyList<EventEnvelope>, CancellationToken, Task> deliver,
        CancellationToken cancellationToken)
    {
        var cursor = "0-0";
        var minIdle = ((long)options.RedisClaimIdle.TotalMilliseconds).ToString(CultureInfo.InvariantCulture);
        do
        {
            var result = (RedisResult[])(await database.ExecuteAsync(
                "XAUTOCLAIM", stream, group, consumerName, minIdle, cursor, "COUNT", options.BatchSize.ToString(CultureInfo.InvariantCulture)))!;
            cursor = (string)result[0]!;
            var entries = ((RedisResult[])result[1]!).Where(r => !r.IsNull).Select(r => StreamEntry.Parse((string)stream!, r)).ToList();
            if (entries.Count > 0)
            {
                LogClaimed(logger, group, entries.Count, (string)stream!);
                await DeliverAndAcknowledgeAsync(database, group, entries, deliver, cancellationToken);
            }
        }
        while (cursor != "0-0");
    }

    private async Task DeliverAndAcknowledgeAsync(
        IDatabase database,
        string group,
        List<StreamEntry> entries,
        Func<IReadOnlyList<EventEnvelope>, CancellationToken, Task> deliver,
        CancellationToken cancellationToken)
    {
        var envelopes = entries.Where(e => e.Envelope is not null).Select(e => e.Envelope!).ToList();
        foreach (var broken in entries.Where(e => e.Envelope is null))
        {
            LogUnreadable(logger, broken.Stream, broken.Id);
        }

        if (envelopes.Count > 0)
        {
            await deliver(envelopes, cancellationToken);
        }

        // Recorded in the inbox (processed, or scheduled for retry): the stream no longer needs to hold them.
        foreach (var byStream in entries.GroupBy(e => e.Stream, StringComparer.Ordinal))
        {
            var args = new List<object> { (RedisKey)byStream.Key, group };
            args.AddRange(byStream.Select(e => (object)e.Id));
            await database.ExecuteAsync("XACK", args.ToArray());
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Event consumer {Consumer} cannot read from Redis; retrying in {DelayMs} ms")]
    private static partial void LogConsumeFailed(ILogger logger, string consumer, double delayMs, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Consumer groups of {Consumer} are missing in Redis (data lost?); recreating them")]
    private static partial void LogGroupsMissing(ILogger logger, string consumer);

    [LoggerMessage(Level = LogLevel.Information, Message = "Consumer {Consumer} took over {Count} unacknowledged entries of {Stream}")]
    private static partial void LogClaimed(ILogger logger, string consumer, int count, string stream);

    [LoggerMessage(Level = LogLevel.Error, Message = "Stream entry {Stream} {EntryId} is not a Nexus event envelope; acknowledged and skipped")]
    private static partial void LogUnreadable(ILogger logger, string stream, string entryId);

    private sealed record StreamEntry(string Stream, string Id, EventEnvelope? Envelope)
    {
        public static StreamEntry Parse(string stream, RedisResult entry)
        {
            var parts = (RedisResult[])entry!;
            var id = (string)parts[0]!;
            if (parts[1].IsNull)
            {
                return new StreamEntry(stream, id, null);
            }

            var fields = (RedisResult[])parts[1]!;
            var map = new Dictionary<string, string>(StringComparer.Ordinal);
            for (var i = 0; i + 1 < fields.Length; i += 2)
            {
                map[(string)fields[i]!] = (string)fields[i + 1]!;
            }

            if (!map.TryGetValue("id", out var eventId) || !Guid.TryParse(eventId, out var parsedId)
                || !map.TryGetValue("name", out var name)
                || !map.TryGetValue("version", out var version) || !int.TryParse(version, CultureInfo.InvariantCulture, out var parsedVersion)
                || !map.TryGetValue("payload", out var payload))
            {
                return new StreamEntry(stream, id, null);
            }

            var occurred = map.TryGetValue("occurred", out var o) && DateTime.TryParse(o, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var at)
                ? at.ToUniversalTime()
                : DateTime.UtcNow;
            var correlation = map.TryGetValue("correlation", out var c) && c.Length > 0 ? c : null;
            return new StreamEntry(stream, id, new EventEnvelope(parsedId, name, parsedVersion, payload, correlation, occurred));
        }
    }
}
