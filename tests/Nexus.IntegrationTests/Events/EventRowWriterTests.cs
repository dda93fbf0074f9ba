using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Nexus.Shared.Messaging;
using Nexus.Testing.Events;
using Nexus.Testing.Hosting;

namespace Nexus.IntegrationTests.Events;

/// <summary>
/// Outbox and inbox rows are inserted with multi-row statements built from the EF model, not by the change tracker;
/// EF must read back exactly what it would have written itself — on both providers, with every kind of column.
/// </summary>
internal sealed class EventRowWriterTests
{
    [Test]
    public async Task Rows_written_in_bulk_read_back_identically_on_sqlite()
    {
        using var host = new NexusHostFactory().WithProbe(consume: false);
        _ = host.Server;
        await RoundTripAsync(host);
    }

    [Test]
    public async Task Rows_written_in_bulk_read_back_identically_on_postgres()
    {
        using var host = (await NexusHostFactory.OnPostgresAsync()).WithProbe(consume: false);
        _ = host.Server;
        await RoundTripAsync(host);
    }

    private static async Task RoundTripAsync(NexusHostFactory host)
    {
        // Microseconds: PostgreSQL's timestamp precision (SaveChanges would round the same way).
        var at = new DateTime(2026, 11, 22, 6, 30, 15, 123, DateTimeKind.Utc).AddTicks(4560);
        // More rows than one statement holds, so the statement splitting is exercised too.
        var outbox = Enumerable.Range(0, 75).Select(i => new OutboxMessage
        {
            Id = Guid.CreateVersion7(),
            Name = "probe.pinged",
            Version = 1 + (i % 2),
            Payload = $$"""{"sequence":{{i}},"note":"quote ' and unicode ✓"}""",
            CorrelationId = i % 3 == 0 ? null : $"corr-{i}",
            OccurredAt = at.AddSeconds(i),
            CreatedAt = at,
            PublishedAt = i % 5 == 0 ? at.AddMinutes(1) : null,
            PublishAttempts = i % 4,
            LastError = i % 7 == 0 ? "RedisConnectionException: down" : null,
        }).ToList();
        var inbox = Enumerable.Range(0, 60).Select(i => new InboxMessage
        {
            EventId = Guid.CreateVersion7(),
            Name = "probe.pinged",
            Version = 1,
            Payload = $$"""{"sequence":{{i}}}""",
            CorrelationId = i % 2 == 0 ? "corr" : null,
            OccurredAt = at,
            Status = (InboxStatus)(i % 3),
            Attempts = i % 5,
            ReceivedAt = at.AddMilliseconds(i),
            NextAttemptAt = i % 3 == 1 ? at.AddSeconds(30) : null,
            ProcessedAt = i % 3 == 0 ? at : null,
            LastError = i % 3 == 2 ? "InvalidOperationException: poison" : null,
        }).ToList();

        await using (var scope = host.Services.CreateAsyncScope())
        {
            var context = scope.ServiceProvider.GetRequiredService<ProbeDbContext>();
            await using var transaction = await context.Database.BeginTransactionAsync();
            await EventRowWriter.InsertAsync(context, outbox, CancellationToken.None);
            await EventRowWriter.InsertAsync(context, inbox, CancellationToken.None);
            await transaction.CommitAsync();
        }

        await using var check = host.Services.CreateAsyncScope();
        var db = check.ServiceProvider.GetRequiredService<ProbeDbContext>();
        var outboxIds = outbox.Select(m => m.Id).ToList();
        var inboxIds = inbox.Select(m => m.EventId).ToList();
        var storedOutbox = await db.Outbox.AsNoTracking().Where(m => outboxIds.Contains(m.Id)).ToListAsync();
        var storedInbox = await db.Inbox.AsNoTracking().Where(m => inboxIds.Contains(m.EventId)).ToListAsync();

        storedOutbox.Should().BeEquivalentTo(outbox);
        storedInbox.Should().BeEquivalentTo(inbox);
        storedOutbox.Should().OnlyContain(m => m.OccurredAt.Kind == DateTimeKind.Utc);
        // The queries the relay and the retry worker run find the rows by their converted columns.
        (await db.Inbox.CountAsync(m => inboxIds.Contains(m.EventId) && m.Status == InboxStatus.Retrying && m.NextAttemptAt <= at.AddMinutes(1))).Should().Be(20);
        (await db.Outbox.CountAsync(m => outboxIds.Contains(m.Id) && m.PublishedAt == null)).Should().Be(60);
    }

    [Test]
    public async Task Rows_are_written_only_inside_a_transaction()
    {
        using var host = new NexusHostFactory().WithProbe(consume: false);
        _ = host.Server;
        await using var scope = host.Services.CreateAsyncScope();
        var context = scope.ServiceProvider.GetRequiredService<ProbeDbContext>();
        var act = () => EventRowWriter.InsertAsync(context, [new OutboxMessage { Id = Guid.CreateVersion7(), Name = "probe.pinged", Payload = "{}" }], CancellationToken.None);
        await act.Should().ThrowAsync<InvalidOperationException>().WithMessage("*inside the transaction*");
    }

    [Test]
    public async Task Rows_a_handler_added_are_written_in_bulk_and_read_back_identically_on_sqlite()
    {
        using var host = new NexusHostFactory().WithProbe(consume: false);
        _ = host.Server;
        await AddedRoundTripAsync(host);
    }

    [Test]
    public async Task Rows_a_handler_added_are_written_in_bulk_and_read_back_identically_on_postgres()
    {
        using var host = (await NexusHostFactory.OnPostgresAsync()).WithProbe(consume: false);
        _ = host.Server;
        await AddedRoundTripAsync(host);
    }

    private static async Task AddedRoundTripAsync(NexusHostFactory host)
    {
        // Microseconds: PostgreSQL's timestamp precision.
        var at = new DateTime(2026, 12, 2, 16, 40, 0, 123, DateTimeKind.Utc).AddTicks(4560);
        // More rows than one statement holds.
        var rows = Enumerable.Range(0, 40).Select(i => new ProbeApplied
        {
            Id = Guid.CreateVersion7(),
            EventId = Guid.CreateVersion7(),
            Kind = "pinged",
            Sequence = i,
            CorrelationId = i % 2 == 0 ? null : $"corr-{i}",
            OccurredAt = at.AddSeconds(i),
            AppliedAt = at,
        }).ToList();

        await using (var scope = host.Services.CreateAsyncScope())
        {
            var context = scope.ServiceProvider.GetRequiredService<ProbeDbContext>();
            context.Applied.AddRange(rows);
            await using var transaction = await context.Database.BeginTransactionAsync();
            (await EventRowWriter.InsertAddedAsync(context, CancellationToken.None)).Should().Be(40);
            context.ChangeTracker.HasChanges().Should().BeFalse("the rows are written: SaveChanges must not insert them again");
            (await context.SaveChangesAsync()).Should().Be(0);
            await transaction.CommitAsync();
        }

        await using var check = host.Services.CreateAsyncScope();
        var ids = rows.Select(r => r.Id).ToList();
        var stored = await check.ServiceProvider.GetRequiredService<ProbeDbContext>().Applied.AsNoTracking().Where(a => ids.Contains(a.Id)).ToListAsync();
        stored.Should().BeEquivalentTo(rows);
    }

    [Test]
    public async Task A_context_with_any_change_but_plain_inserts_is_left_whole_to_SaveChanges()
    {
        using var host = new NexusHostFactory().WithProbe(consume: false);
        _ = host.Server;
        var existing = new ProbeApplied { Id = Guid.CreateVersion7(), EventId = Guid.CreateVersion7(), Kind = "old", OccurredAt = DateTime.UtcNow, AppliedAt = DateTime.UtcNow };
        await using (var scope = host.Services.CreateAsyncScope())
        {
            var context = scope.ServiceProvider.GetRequiredService<ProbeDbContext>();
            context.Applied.Add(existing);
            await context.SaveChangesAsync();
        }

        var added = new ProbeApplied { Id = Guid.CreateVersion7(), EventId = Guid.CreateVersion7(), Kind = "new", OccurredAt = DateTime.UtcNow, AppliedAt = DateTime.UtcNow };
        await using (var scope = host.Services.CreateAsyncScope())
        {
            var context = scope.ServiceProvider.GetRequiredService<ProbeDbContext>();
            (await context.Applied.SingleAsync(a => a.Id == existing.Id)).Kind = "changed";
            context.Applied.Add(added);
            await using var transaction = await context.Database.BeginTransactionAsync();
            (await EventRowWriter.InsertAddedAsync(context, CancellationToken.None)).Should().Be(0);
            (await context.SaveChangesAsync()).Should().Be(2, "the insert and the update both went to SaveChanges");
            await transaction.CommitAsync();
        }

        await using var check = host.Services.CreateAsyncScope();
        var db = check.ServiceProvider.GetRequiredService<ProbeDbContext>();
        (await db.Applied.AsNoTracking().SingleAsync(a => a.Id == existing.Id)).Kind.Should().Be("changed");
        (await db.Applied.AsNoTracking().CountAsync(a => a.Id == added.Id)).Should().Be(1);
    }
}
