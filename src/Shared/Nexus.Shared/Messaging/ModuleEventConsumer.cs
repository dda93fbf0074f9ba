using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Nexus.Shared.Abstractions.Messaging;
using Nexus.Shared.Persistence;
using Nexus.Shared.Web;

namespace Nexus.Shared.Messaging;

/// <summary>
/// Applies events to one consuming module through its inbox. A handled event's inbox row is committed in the same
/// transaction as the handlers' changes, so a redelivery finds it and has no second effect. A failure is recorded
/// in the inbox (attempts, error, next attempt) and the transport moves on: one poison event never holds back the
/// others; the retry worker tries it again with backoff, and after the last attempt it becomes a dead letter.
/// </summary>
internal sealed partial class ModuleEventConsumer
{
    private readonly IServiceScopeFactory scopes;
    private readonly ModuleDatabase database;
    private readonly Dictionary<(string Name, int Version), List<EventSubscription>> handlers;
    private readonly EventBusOptions options;
    private readonly OutboxSignal outboxSignal;
    private readonly TimeProvider clock;
    private readonly ILogger logger;

    public ModuleEventConsumer(
        IServiceScopeFactory scopes,
        ModuleDatabase database,
        IEnumerable<EventSubscription> subscriptions,
        EventBusOptions options,
        OutboxSignal outboxSignal,
        TimeProvider clock,
        ILogger logger)
    {
        this.scopes = scopes;
        this.database = database;
        this.options = options;
        this.outboxSignal = outboxSignal;
        this.clock = clock;
        this.logger = logger;
        handlers = subscriptions.GroupBy(s => (s.EventName, s.EventVersion)).ToDictionary(g => g.Key, g => g.ToList());
    }

    public string ModuleName => database.ModuleName;

    public IReadOnlyCollection<string> EventNames => handlers.Keys.Select(k => k.Name).Distinct(StringComparer.Ordinal).ToList();

    /// <summary>
    /// Returns once every event is recorded in the inbox (processed, retrying or dead). Throws only when the inbox
    /// itself cannot be written (database down): the transport then offers the events again.
    /// </summary>
    public async Task DeliverAsync(IReadOnlyList<EventEnvelope> events, CancellationToken cancellationToken)
    {
        (EventEnvelope Envelope, Exception Error)? failedInBatch = null;
        if (events.Count > 1)
        {
            try
            {
                // The fast path: the whole batch in one transaction.
                await ProcessBatchAsync(events, cancellationToken);
                return;
            }
            catch (BatchHandlerException ex)
            {
                failedInBatch = (ex.Envelope, ex.InnerException!);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                // A duplicate raced in, or the commit failed: nothing of the batch was committed.
            }
        }

        // One by one, so only the failing events are retried. The handler that already failed in the batch is not
        // called again: that failure is its first attempt.
        foreach (var envelope in events)
        {
            if (failedInBatch is { } failed && failed.Envelope.EventId == envelope.EventId)
            {
                failedInBatch = null;
                if (!await IsInInboxAsync(envelope.EventId, cancellationToken))
                {
                    await RecordFailureAsync(envelope, failed.Error, clock.GetUtcNow().UtcDateTime, cancellationToken);
                }

                continue;
            }

            await DeliverOneAsync(envelope, cancellationToken);
        }
    }

    /// <summary>Retries the due events of this module's inbox (claimed with a lease so instances do not overlap).</summary>
    public async Task<int> RetryDueAsync(string owner, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        List<Guid> claimed;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var context = Context(scope);
            var candidates = await context.Inbox
                .Where(m => m.Status == InboxStatus.Retrying && m.NextAttemptAt <= now && (m.LeaseUntil == null || m.LeaseUntil < now))
                .OrderBy(m => m.NextAttemptAt).Select(m => m.EventId).Take(options.BatchSize).ToListAsync(cancellationToken);
            if (candidates.Count == 0)
            {
                return 0;
            }

            var until = now + options.LeaseDuration;
            // The conditions are repeated in the UPDATE so a concurrent claimer's win is re-checked row by row.
            await context.Inbox
                .Where(m => candidates.Contains(m.EventId) && m.Status == InboxStatus.Retrying && (m.LeaseUntil == null || m.LeaseUntil < now))
                .ExecuteUpdateAsync(u => u.SetProperty(m => m.LeaseOwner, owner).SetProperty(m => m.LeaseUntil, until), cancellationToken);
            claimed = await context.Inbox.Where(m => candidates.Contains(m.EventId) && m.LeaseOwner == owner && m.LeaseUntil == until)
                .Select(m => m.EventId).ToListAsync(cancellationToken);
        }

        foreach (var eventId in claimed)
        {
            await RetryOneAsync(eventId, cancellationToken);
        }

        return claimed.Count;
    }

    private async Task ProcessBatchAsync(IReadOnlyList<EventEnvelope> events, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var context = Context(scope);
        var ids = events.Select(e => e.EventId).ToList();
        var known = (await context.Inbox.Where(m => ids.Contains(m.EventId)).Select(m => m.EventId).ToListAsync(cancellationToken)).ToHashSet();
        var now = clock.GetUtcNow().UtcDateTime;
        var handled = new List<InboxMessage>(events.Count);
        var handledEnvelopes = new List<EventEnvelope>(events.Count);
        foreach (var envelope in events)
        {
            if (!known.Add(envelope.EventId))
            {
                continue; // already in the inbox, or twice in this batch
            }

            try
            {
                await HandleAsync(scope.ServiceProvider, envelope, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                throw new BatchHandlerException(envelope, ex);
            }

            handled.Add(Processed(envelope, now));
            handledEnvelopes.Add(envelope);
        }

        await CommitAsync(scope.ServiceProvider, context, handled, now, cancellationToken);
        var committedAt = clock.GetUtcNow().UtcDateTime;
        foreach (var envelope in handledEnvelopes)
        {
            EventMetrics.RecordHandled(ModuleName, envelope, committedAt);
        }
    }

    private async Task DeliverOneAsync(EventEnvelope envelope, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var context = Context(scope);
            if (await context.Inbox.AnyAsync(m => m.EventId == envelope.EventId, cancellationToken))
            {
                LogDuplicate(logger, ModuleName, envelope.Name, envelope.EventId);
                return;
            }

            await HandleAsync(scope.ServiceProvider, envelope, cancellationToken);
            await CommitAsync(scope.ServiceProvider, context, [Processed(envelope, now)], now, cancellationToken);
            EventMetrics.RecordHandled(ModuleName, envelope, clock.GetUtcNow().UtcDateTime);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            if (await IsInInboxAsync(envelope.EventId, cancellationToken))
            {
                return; // another instance recorded it meanwhile (the insert lost the race): nothing to do
            }

            await RecordFailureAsync(envelope, ex, now, cancellationToken);
        }
    }

    private async Task RetryOneAsync(Guid eventId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        EventEnvelope envelope;
        int attempts;
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var context = Context(scope);
            var message = await context.Inbox.SingleAsync(m => m.EventId == eventId, cancellationToken);
            if (message.Status != InboxStatus.Retrying)
            {
                return;
            }

            envelope = message.ToEnvelope();
            attempts = message.Attempts;
            try
            {
                await HandleAsync(scope.ServiceProvider, envelope, cancellationToken);
                message.Status = InboxStatus.Processed;
                message.Attempts++;
                message.LastAttemptAt = now;
                message.ProcessedAt = now;
                message.NextAttemptAt = null;
                message.LeaseOwner = null;
                message.LeaseUntil = null;
                await CommitAsync(scope.ServiceProvider, context, [], now, cancellationToken);
                EventMetrics.RecordHandled(ModuleName, envelope, clock.GetUtcNow().UtcDateTime);
                LogRetrySucceeded(logger, ModuleName, envelope.Name, envelope.EventId, message.Attempts);
                return;
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                await using var failureScope = scopes.CreateAsyncScope();
                var failureContext = Context(failureScope);
                var row = await failureContext.Inbox.SingleAsync(m => m.EventId == eventId, cancellationToken);
                ApplyFailure(row, envelope, ex, attempts + 1, now);
                await failureContext.SaveChangesAsync(cancellationToken);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // The database is unreachable: the lease runs out and the row is retried later.
            LogRetryBookkeepingFailed(logger, ModuleName, eventId, ex);
        }
    }

    private async Task RecordFailureAsync(EventEnvelope envelope, Exception error, DateTime now, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var context = Context(scope);
        var row = new InboxMessage
        {
            EventId = envelope.EventId,
            Name = envelope.Name,
            Version = envelope.Version,
            Payload = envelope.Payload,
            CorrelationId = envelope.CorrelationId,
            OccurredAt = envelope.OccurredAt,
            ReceivedAt = now,
        };
        ApplyFailure(row, envelope, error, attempts: 1, now);
        context.Inbox.Add(row);
        await context.SaveChangesAsync(cancellationToken);
    }

    private void ApplyFailure(InboxMessage row, EventEnvelope envelope, Exception error, int attempts, DateTime now)
    {
        row.Attempts = attempts;
        row.LastAttemptAt = now;
        row.LastError = Truncate($"{error.GetType().Name}: {error.Message}", 4000);
        row.LeaseOwner = null;
        row.LeaseUntil = null;
        EventMetrics.RecordFailed(ModuleName, envelope.Name, deadLettered: attempts >= options.MaxAttempts);
        if (attempts >= options.MaxAttempts)
        {
            row.Status = InboxStatus.DeadLettered;
            row.NextAttemptAt = null;
            LogDeadLettered(logger, ModuleName, envelope.Name, envelope.EventId, attempts, error);
        }
        else
        {
            row.Status = InboxStatus.Retrying;
            var delay = options.Retries().DelayAfter(attempts);
            row.NextAttemptAt = now + delay;
            LogWillRetry(logger, ModuleName, envelope.Name, envelope.EventId, attempts, delay.TotalMilliseconds, error);
        }
    }

    private async Task HandleAsync(IServiceProvider services, EventEnvelope envelope, CancellationToken cancellationToken)
    {
        // The handler runs under the correlation id of the request that caused the event, in code and in logs.
        var previous = CorrelationId.Current;
        CorrelationId.Current = envelope.CorrelationId;
        using var logScope = logger.BeginScope(new HandlerLogScope(envelope, ModuleName));
        try
        {
            if (!handlers.TryGetValue((envelope.Name, envelope.Version), out var subscriptions))
            {
                throw new InvalidOperationException($"Module {ModuleName} has no handler for {envelope.Name} version {envelope.Version}.");
            }

            var integrationEvent = IntegrationEventContract.FromEnvelope(envelope, subscriptions[0].EventType);
            foreach (var subscription in subscriptions)
            {
                await subscription.Invoke(services, integrationEvent, cancellationToken);
            }

            LogHandled(logger, ModuleName, envelope.Name, envelope.EventId);
        }
        finally
        {
            CorrelationId.Current = previous;
        }
    }

    private async Task CommitAsync(IServiceProvider services, DbContext context, IReadOnlyList<InboxMessage> handled, DateTime now, CancellationToken cancellationToken)
    {
        // The handlers' changes, the inbox rows of what they handled and the events they published (this module's
        // outbox) are committed together: inbox first (a duplicate — another instance recorded the event meanwhile —
        // fails before any other work), then the rows the handlers added, in multi-row statements rather than through
        // the change tracker (one or more rows per event: the consumer's largest cost per event), anything else, the
        // outbox.
        var publisher = (IntegrationEventPublisher)services.GetRequiredService<IIntegrationEventPublisher>();
        int staged;
        if (options.ConsumerBatchesJoinGroupCommit)
        {
            // On SQLite: inside the next group commit, a savepoint of its own (decision 0014, amended).
            staged = await publisher.SaveConsumedAsync(context, handled, now, cancellationToken);
        }
        else
        {
            var transaction = context.Database.CurrentTransaction is null ? await context.Database.BeginTransactionAsync(cancellationToken) : null;
            await using (transaction)
            {
                await EventRowWriter.InsertAsync(context, handled, cancellationToken);
                await EventRowWriter.InsertAddedAsync(context, cancellationToken);
                staged = await publisher.SaveChangesAsync(context, [], now, cancellationToken);
                if (transaction is not null)
                {
                    await transaction.CommitAsync(cancellationToken);
                }
            }
        }

        if (staged > 0)
        {
            outboxSignal.Notify(ModuleName);
        }
    }

    private async Task<bool> IsInInboxAsync(Guid eventId, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await Context(scope).Inbox.AnyAsync(m => m.EventId == eventId, cancellationToken);
    }

    private ModuleDbContext Context(AsyncServiceScope scope) => (ModuleDbContext)scope.ServiceProvider.GetRequiredService(database.ContextType);

    private static InboxMessage Processed(EventEnvelope envelope, DateTime now) => new()
    {
        EventId = envelope.EventId,
        Name = envelope.Name,
        Version = envelope.Version,
        Payload = envelope.Payload,
        CorrelationId = envelope.CorrelationId,
        OccurredAt = envelope.OccurredAt,
        Status = InboxStatus.Processed,
        Attempts = 1,
        ReceivedAt = now,
        LastAttemptAt = now,
        ProcessedAt = now,
    };

    private static string Truncate(string value, int length) => value.Length <= length ? value : value[..length];

    /// <summary>
    /// The handler's logging scope (correlation id, event, consumer) as the list of pairs logging providers read, without
    /// building a dictionary for every event handled.
    /// </summary>
    private sealed class HandlerLogScope(EventEnvelope envelope, string consumer) : IReadOnlyList<KeyValuePair<string, object?>>
    {
        public int Count => 4;

        public KeyValuePair<string, object?> this[int index] => index switch
        {
            0 => new("CorrelationId", envelope.CorrelationId),
            1 => new("EventId", envelope.EventId),
            2 => new("EventName", envelope.Name),
            3 => new("Consumer", consumer),
            _ => throw new ArgumentOutOfRangeException(nameof(index)),
        };

        public IEnumerator<KeyValuePair<string, object?>> GetEnumerator()
        {
            for (var i = 0; i < Count; i++)
            {
                yield return this[i];
            }
        }

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

        public override string ToString() => $"CorrelationId:{envelope.CorrelationId} EventId:{envelope.EventId} EventName:{envelope.Name} Consumer:{consumer}";
    }

    private sealed class BatchHandlerException(EventEnvelope envelope, Exception inner)
        : Exception($"Handling {envelope.Name} {envelope.EventId} failed.", inner)
    {
        public EventEnvelope Envelope { get; } = envelope;
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Consumer} handled {EventName} {EventId}")]
    private static partial void LogHandled(ILogger logger, string consumer, string eventName, Guid eventId);

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Consumer} ignored {EventName} {EventId}: already in its inbox")]
    private static partial void LogDuplicate(ILogger logger, string consumer, string eventName, Guid eventId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Consumer} failed {EventName} {EventId} (attempt {Attempt}); retrying in {DelayMs:0} ms")]
    private static partial void LogWillRetry(ILogger logger, string consumer, string eventName, Guid eventId, int attempt, double delayMs, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Consumer} moved {EventName} {EventId} to dead letters after {Attempts} attempts")]
    private static partial void LogDeadLettered(ILogger logger, string consumer, string eventName, Guid eventId, int attempts, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Consumer} handled {EventName} {EventId} on attempt {Attempts}")]
    private static partial void LogRetrySucceeded(ILogger logger, string consumer, string eventName, Guid eventId, int attempts);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Consumer} could not update the inbox for {EventId}; it will be retried when its lease expires")]
    private static partial void LogRetryBookkeepingFailed(ILogger logger, string consumer, Guid eventId, Exception exception);
}
