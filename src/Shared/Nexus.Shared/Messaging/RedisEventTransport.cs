using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Nexus.Shared.Redis;
using StackExchange.Redis;

namespace Nexus.Shared.Messaging;

/// <summary>
/// Redis Streams through the client's typed stream API (StackExchange.Redis 3): one stream per event name, one
/// consumer group per consuming module, so every instance of a module shares its work and a module that was down
/// reads what it missed. Entries are acknowledged (XACK) only after the module's inbox recorded them; entries a
/// crashed consumer had read are taken over with XAUTOCLAIM after <see cref="EventBusOptions.RedisClaimIdle"/>.
/// Reads never block the shared multiplexer (no XREADGROUP BLOCK): a pub/sub wake-up after each publication, plus a
/// one-second poll, tells consumers to read. Redis must persist (AOF) for events already published to survive a
/// Redis restart (docs/decisions/0007).
/// </summary>
internal sealed partial class RedisEventTransport : IEventTransport
{
    public const string StreamPrefix = "nexus:events:";
    public const string WakeChannelName = "nexus:events:wake";
    public static readonly RedisChannel WakeChannel = RedisChannel.Literal(WakeChannelName);
    private static readonly TimeSpan IdlePoll = TimeSpan.FromSeconds(1);

    // The entry's field names; one array shared by every XADD (the client copies nothing from it).
    private static readonly RedisValue IdField = "id";
    private static readonly RedisValue NameField = "name";
    private static readonly RedisValue VersionField = "version";
    private static readonly RedisValue CorrelationField = "correlation";
    private static readonly RedisValue OccurredField = "occurred";
    private static readonly RedisValue PayloadField = "payload";

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

    /// <summary>This process's consumer name in every group (instance name + a random suffix per start).</summary>
    public string ConsumerName => consumerName;

    public static RedisKey StreamKey(string eventName) => StreamPrefix + eventName;

    public async Task PublishAsync(IReadOnlyList<EventEnvelope> events, CancellationToken cancellationToken)
    {
        if (events.Count == 0)
        {
            return;
        }

        var database = await redis.DatabaseAsync();
        // MULTI ... EXEC: one round trip, and all or nothing — a batch is never half in Redis when the connection
        // drops (the outbox would publish it again whole, and the inboxes would have to drop the half already there).
        var transaction = database.CreateTransaction();
        var adds = new Task[events.Count + 1];
        for (var i = 0; i < events.Count; i++)
        {
            var e = events[i];
            NameValueEntry[] fields =
            [
                new(IdField, e.EventId.ToString()),
                new(NameField, e.Name),
                new(VersionField, e.Version),
                new(CorrelationField, e.CorrelationId ?? string.Empty),
                new(OccurredField, e.OccurredAt.ToString("O", CultureInfo.InvariantCulture)),
                new(PayloadField, e.Payload),
            ];
            // MAXLEN ~: Redis trims whole macro nodes only, which costs next to nothing per XADD.
            adds[i] = transaction.StreamAddAsync(StreamKey(e.Name), fields, maxLength: options.RedisStreamMaxLength, useApproximateMaxLength: true);
        }

        // The wake-up names the streams that got entries, so only the consumers reading them go and read.
        adds[^1] = transaction.PublishAsync(WakeChannel, WakeMessage(events));
        if (!await transaction.ExecuteAsync())
        {
            throw new RedisException("Redis discarded the publishing transaction.");
        }

        await Task.WhenAll(adds);
    }

    public async Task ConsumeAsync(
        string consumer,
        IReadOnlyCollection<string> eventNames,
        Func<IReadOnlyList<EventEnvelope>, CancellationToken, Task> deliver,
        CancellationToken stoppingToken)
    {
        using var wake = new SemaphoreSlim(0, 1);
        var streams = eventNames.Select(StreamKey).ToArray();
        var wanted = eventNames.ToHashSet(StringComparer.Ordinal);
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
                    await multiplexer.GetSubscriber().SubscribeAsync(WakeChannel, (_, message) =>
                    {
                        if (Concerns(message, wanted))
                        {
                            Release(wake);
                        }
                    });
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

                var entries = await ReadAsync(database, streams, consumer, readOwnPending ? StreamPosition.Beginning : StreamPosition.NewMessages);
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
                var delay = Background.RetryPolicy.Reconnect.DelayAfter(failures);
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

    /// <summary>
    /// Creates <paramref name="group"/> on every stream (and the stream with it) unless it exists: safe to repeat on
    /// every start and after Redis lost its data.
    /// </summary>
    internal static async Task EnsureGroupsAsync(IDatabase database, IEnumerable<RedisKey> streams, string group)
    {
        foreach (var stream in streams)
        {
            try
            {
                // From the start of the stream: a module consuming for the first time reads what was published before.
                await database.StreamCreateConsumerGroupAsync(stream, group, StreamPosition.Beginning, createStream: true);
            }
            catch (RedisServerException ex) when (ex.Message.StartsWith("BUSYGROUP", StringComparison.Ordinal))
            {
                // Exists already.
            }
        }
    }

    /// <summary>The wake-up message of a published batch: its distinct event names, one per line.</summary>
    internal static string WakeMessage(IReadOnlyList<EventEnvelope> events)
    {
        if (events.Count == 1)
        {
            return events[0].Name;
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var e in events)
        {
            names.Add(e.Name);
        }

        return string.Join('\n', names);
    }

    /// <summary>
    /// Whether a wake-up concerns a consumer of <paramref name="eventNames"/>. Under load most wake-ups are for other
    /// modules' streams, and each one a consumer followed cost it a read that found nothing. A message that names no
    /// event (an older publisher sent "1") wakes every consumer, as before.
    /// </summary>
    internal static bool Concerns(RedisValue message, IReadOnlySet<string> eventNames)
    {
        var text = (string?)message;
        if (string.IsNullOrEmpty(text) || text == "1")
        {
            return true;
        }

        foreach (var name in text.Split('\n'))
        {
            if (eventNames.Contains(name))
            {
                return true;
            }
        }

        return false;
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

    private async Task<List<Received>> ReadAsync(IDatabase database, RedisKey[] streams, string group, RedisValue from)
    {
        var entries = new List<Received>();
        if (streams.Length == 1)
        {
            var read = await database.StreamReadGroupAsync(streams[0], group, consumerName, from, options.BatchSize);
            Collect(entries, streams[0], read);
            return entries;
        }

        var positions = streams.Select(s => new StreamPosition(s, from)).ToArray();
        foreach (var stream in await database.StreamReadGroupAsync(positions, group, consumerName, options.BatchSize))
        {
            Collect(entries, stream.Key, stream.Entries);
        }

        return entries;
    }

    private static void Collect(List<Received> into, RedisKey stream, StreamEntry[] entries)
    {
        foreach (var entry in entries)
        {
            into.Add(new Received(stream, entry.Id, Parse(entry)));
        }
    }

    private async Task ClaimAbandonedAsync(
        IDatabase database,
        RedisKey stream,
        string group,
        Func<IReadOnlyList<EventEnvelope>, CancellationToken, Task> deliver,
        CancellationToken cancellationToken)
    {
        RedisValue cursor = "0-0";
        var minIdle = (long)options.RedisClaimIdle.TotalMilliseconds;
        do
        {
            var result = await database.StreamAutoClaimAsync(stream, group, consumerName, minIdle, cursor, options.BatchSize);
            cursor = result.NextStartId;
            var entries = new List<Received>(result.ClaimedEntries.Length);
            Collect(entries, stream, result.ClaimedEntries);
            if (entries.Count > 0)
            {
                LogClaimed(logger, group, entries.Count, stream.ToString());
                await DeliverAndAcknowledgeAsync(database, group, entries, deliver, cancellationToken);
            }
        }
        while (!cursor.IsNullOrEmpty && cursor != "0-0");
    }

    private async Task DeliverAndAcknowledgeAsync(
        IDatabase database,
        string group,
        List<Received> entries,
        Func<IReadOnlyList<EventEnvelope>, CancellationToken, Task> deliver,
        CancellationToken cancellationToken)
    {
        var envelopes = new List<EventEnvelope>(entries.Count);
        foreach (var entry in entries)
        {
            if (entry.Envelope is { } envelope)
            {
                envelopes.Add(envelope);
            }
            else
            {
                LogUnreadable(logger, entry.Stream.ToString(), entry.Id.ToString());
            }
        }

        if (envelopes.Count > 0)
        {
            await deliver(envelopes, cancellationToken);
        }

        // Recorded in the inbox (processed, or scheduled for retry): the stream no longer needs to hold them. One XACK
        // per stream, all sent before the first reply is awaited.
        var acks = new List<Task>();
        foreach (var byStream in entries.GroupBy(e => e.Stream))
        {
            acks.Add(database.StreamAcknowledgeAsync(byStream.Key, group, byStream.Select(e => e.Id).ToArray()));
        }

        await Task.WhenAll(acks);
    }

    /// <summary>The envelope of a stream entry, or null when it is not one of ours (or its fields were trimmed away).</summary>
    private static EventEnvelope? Parse(StreamEntry entry)
    {
        if (entry.IsNull || entry.Values is not { Length: > 0 } values)
        {
            return null;
        }

        string? eventId = null, name = null, version = null, correlation = null, occurred = null, payload = null;
        foreach (var field in values)
        {
            switch ((string?)field.Name)
            {
                case "id": eventId = field.Value; break;
                case "name": name = field.Value; break;
                case "version": version = field.Value; break;
                case "correlation": correlation = field.Value; break;
                case "occurred": occurred = field.Value; break;
                case "payload": payload = field.Value; break;
            }
        }

        if (!Guid.TryParse(eventId, out var parsedId) || name is null || payload is null
            || !int.TryParse(version, CultureInfo.InvariantCulture, out var parsedVersion))
        {
            return null;
        }

        var occurredAt = DateTime.TryParse(occurred, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var at)
            ? at.ToUniversalTime()
            : DateTime.UtcNow;
        return new EventEnvelope(parsedId, name, parsedVersion, payload, string.IsNullOrEmpty(correlation) ? null : correlation, occurredAt);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Event consumer {Consumer} cannot read from Redis; retrying in {DelayMs} ms")]
    private static partial void LogConsumeFailed(ILogger logger, string consumer, double delayMs, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Consumer groups of {Consumer} are missing in Redis (data lost?); recreating them")]
    private static partial void LogGroupsMissing(ILogger logger, string consumer);

    [LoggerMessage(Level = LogLevel.Information, Message = "Consumer {Consumer} took over {Count} unacknowledged entries of {Stream}")]
    private static partial void LogClaimed(ILogger logger, string consumer, int count, string stream);

    [LoggerMessage(Level = LogLevel.Error, Message = "Stream entry {Stream} {EntryId} is not a Nexus event envelope; acknowledged and skipped")]
    private static partial void LogUnreadable(ILogger logger, string stream, string entryId);

    /// <summary>One entry read from a stream: where it came from (to acknowledge it) and what it carries.</summary>
    private readonly record struct Received(RedisKey Stream, RedisValue Id, EventEnvelope? Envelope);
}
