using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Nexus.Shared.Messaging;
using Nexus.Testing.Events;
using Nexus.Testing.Hosting;

namespace Nexus.IntegrationTests.Events;

/// <summary>Old published and processed rows are pruned; pending, retrying and dead-lettered ones never are.</summary>
internal sealed class EventStoragePruningTests
{
    [Test]
    public async Task Pruning_deletes_only_rows_past_their_retention_that_nobody_needs_on_sqlite()
    {
        using var host = new NexusHostFactory().WithProbe(consume: false);
        _ = host.Server;
        await PruneAsync(host);
    }

    [Test]
    public async Task Pruning_deletes_only_rows_past_their_retention_that_nobody_needs_on_postgres()
    {
        using var host = (await NexusHostFactory.OnPostgresAsync()).WithProbe(consume: false);
        _ = host.Server;
        await PruneAsync(host);
    }

    private static async Task PruneAsync(NexusHostFactory host)
    {
        var now = DateTime.UtcNow;
        var old = now.AddDays(-30);
        var recent = now.AddHours(-1);
        OutboxMessage Outbox(DateTime? publishedAt) => new()
        {
            Id = Guid.CreateVersion7(), Name = "probe.pinged", Version = 1, Payload = "{}", OccurredAt = old, CreatedAt = old, PublishedAt = publishedAt,
        };
        InboxMessage Inbox(InboxStatus status, DateTime? processedAt) => new()
        {
            EventId = Guid.CreateVersion7(), Name = "probe.pinged", Version = 1, Payload = "{}", OccurredAt = old, ReceivedAt = old,
            Status = status, ProcessedAt = processedAt, LastAttemptAt = old, NextAttemptAt = status == InboxStatus.Retrying ? now : null,
        };

        // 2,500 old published rows: more than one deletion chunk.
        var oldPublished = Enumerable.Range(0, 2_500).Select(_ => Outbox(old)).ToList();
        var kept = new List<OutboxMessage> { Outbox(recent), Outbox(null) };
        var oldProcessed = Enumerable.Range(0, 10).Select(_ => Inbox(InboxStatus.Processed, old)).ToList();
        var keptInbox = new List<InboxMessage>
        {
            Inbox(InboxStatus.Processed, recent), Inbox(InboxStatus.Retrying, null), Inbox(InboxStatus.DeadLettered, null),
        };
        await using (var scope = host.Services.CreateAsyncScope())
        {
            var context = scope.ServiceProvider.GetRequiredService<ProbeDbContext>();
            await using var transaction = await context.Database.BeginTransactionAsync();
            await EventRowWriter.InsertAsync(context, [.. oldPublished, .. kept], CancellationToken.None);
            await EventRowWriter.InsertAsync(context, [.. oldProcessed, .. keptInbox], CancellationToken.None);
            await transaction.CommitAsync();
        }

        var (outboxDeleted, inboxDeleted) = await host.Service<EventStoragePruning>().PruneOnceAsync(CancellationToken.None);

        outboxDeleted.Should().BeGreaterThanOrEqualTo(2_500);
        inboxDeleted.Should().BeGreaterThanOrEqualTo(10);
        await using var check = host.Services.CreateAsyncScope();
        var db = check.ServiceProvider.GetRequiredService<ProbeDbContext>();
        (await db.Outbox.Select(m => m.Id).ToListAsync()).Should().Contain(kept.Select(m => m.Id)).And.NotContain(oldPublished.Select(m => m.Id));
        (await db.Inbox.Select(m => m.EventId).ToListAsync()).Should().Contain(keptInbox.Select(m => m.EventId)).And.NotContain(oldProcessed.Select(m => m.EventId));
    }
}
