using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Nexus.Shared.Persistence;
using Nexus.Testing.Events;
using Nexus.Testing.Hosting;

namespace Nexus.IntegrationTests.Events;

/// <summary>
/// SQLite group commit (decision 0014): commands waiting for the writer lock commit together in one transaction, each
/// in a savepoint of its own — all of them with their events, and a failing one without taking the others with it.
/// The writer gate is held while the commands queue up, so the group is known rather than left to timing.
/// </summary>
internal sealed class SqliteGroupCommitTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Test]
    public async Task Commands_waiting_for_the_writer_lock_commit_in_one_transaction_with_their_events()
    {
        using var host = NewHost();
        var groupCommit = host.Services.GetRequiredService<SqliteGroupCommit>();
        var groups = new System.Collections.Concurrent.ConcurrentQueue<int>();
        groupCommit.GroupCommitted += groups.Enqueue;

        var gate = await HoldWriterGateAsync(host);
        var sends = Enumerable.Range(0, 10).Select(i => SendAsync(host, new EmitProbePings(100 + (i * 2), 2))).ToList();
        await Eventually.TrueAsync(() => Task.FromResult(groupCommit.Queued == 10), Patience, "all ten commands should queue for the lock");
        SqliteWriterGate.Exit(gate);
        await Task.WhenAll(sends);

        // The relay's stamp and the consumer's batch for these events join later groups of their own.
        groups.First().Should().Be(10, "ten commands that waited together commit together, in the first group after the gate opened");
        await using (var scope = host.Services.CreateAsyncScope())
        {
            // One count (pending and published apart would race the relay).
            (await scope.ServiceProvider.GetRequiredService<ProbeDbContext>().Outbox.CountAsync()).Should().Be(20, "every command's events are in the outbox, once");
        }

        await Eventually.TrueAsync(async () => (await host.PingCountAsync()) == 20, Patience, "every event should be delivered once");

        // The pooled contexts got their own connections back: the next command and a query work as before.
        await host.EmitAsync(200, 3, perCommand: 3);
        await Eventually.TrueAsync(async () => (await host.PingCountAsync()) == 23, Patience, "a later command should commit and deliver too");
    }

    [Test]
    public async Task A_command_failing_in_a_group_takes_only_its_own_changes_and_events_with_it()
    {
        using var host = NewHost();
        var groupCommit = host.Services.GetRequiredService<SqliteGroupCommit>();
        var taken = new Guid("0193a000-0000-7000-8000-0000000000ff");
        var fresh = new Guid("0193a000-0000-7000-8000-000000000001");
        var other = new Guid("0193a000-0000-7000-8000-000000000002");
        var groups = new System.Collections.Concurrent.ConcurrentQueue<int>();
        groupCommit.GroupCommitted += groups.Enqueue;

        var gate = await HoldWriterGateAsync(host);
        // Queued in this order: the first takes the id; the second inserts a fresh row, then collides with it.
        var first = SendAsync(host, new AddProbeRows(1, [taken]));
        await Eventually.TrueAsync(() => Task.FromResult(groupCommit.Queued == 1), Patience, "the first command should queue");
        var colliding = SendAsync(host, new AddProbeRows(2, [fresh, taken]));
        await Eventually.TrueAsync(() => Task.FromResult(groupCommit.Queued == 2), Patience, "the second command should queue");
        var third = SendAsync(host, new AddProbeRows(3, [other]));
        await Eventually.TrueAsync(() => Task.FromResult(groupCommit.Queued == 3), Patience, "the third command should queue");
        SqliteWriterGate.Exit(gate);

        await first;
        await third;
        await colliding.Invoking(c => c).Should().ThrowAsync<DbUpdateException>("its row's id is taken");
        groups.First().Should().Be(3, "the three were one group");

        var rows = (await host.AppliedAsync()).Where(a => a.Kind == "row").ToList();
        rows.Select(r => (r.Id, r.Sequence)).Should().BeEquivalentTo([(taken, 1), (other, 3)], "the failed command's rows, the one inserted before the collision too, are rolled back");
        await using (var scope = host.Services.CreateAsyncScope())
        {
            var outbox = await scope.ServiceProvider.GetRequiredService<ProbeDbContext>().Outbox.AsNoTracking().Select(m => m.Payload).ToListAsync();
            outbox.Should().HaveCount(2, "only the committed commands' events are in the outbox");
        }

        await Eventually.TrueAsync(
            async () => (await host.PingsAsync()).Select(p => p.Sequence).Order().SequenceEqual([1, 3]),
            Patience,
            "the committed commands' events should be delivered, the failed one's never");
    }

    [Test]
    public async Task The_relays_stamps_and_consumer_batches_can_ride_in_the_groups_and_every_event_arrives_once()
    {
        using var host = NewHost(consumerBatchesJoin: true);
        var groupCommit = host.Services.GetRequiredService<SqliteGroupCommit>();
        var before = groupCommit.Committed;

        await Task.WhenAll(Enumerable.Range(0, 20).Select(i => SendAsync(host, new EmitProbePings(i * 3, 3))));
        await Eventually.TrueAsync(async () => (await host.PingCountAsync()) == 60, Patience, "every event should be delivered");
        await Eventually.TrueAsync(async () => (await host.OutboxAsync()).Pending == 0, Patience, "every outbox row should be stamped published");

        var pings = await host.PingsAsync();
        pings.Duplicates().Should().BeEmpty();
        pings.Select(p => p.Sequence).Order().Should().Equal(Enumerable.Range(0, 60));
        (await host.InboxAsync()).Should().HaveCount(60).And.OnlyContain(m => m.ProcessedAt != null, "each consumed event is recorded processed");
        (groupCommit.Committed.Commands - before.Commands).Should().BeGreaterThan(20, "the relay's stamps and the consumer's batches went through the groups besides the twenty commands");
    }

    private static NexusHostFactory NewHost(bool consumerBatchesJoin = false)
    {
        var host = new NexusHostFactory(new Dictionary<string, string?>
        {
            ["Nexus:SeedDemoData"] = "false",
            ["Events:ConsumerBatchesJoinGroupCommit"] = consumerBatchesJoin ? "true" : "false",
        }).WithProbe();
        _ = host.Server;
        return host;
    }

    /// <summary>Takes this process's writer gate for the probe's database file, as a long write transaction would.</summary>
    private static async Task<SemaphoreSlim?> HoldWriterGateAsync(NexusHostFactory host)
    {
        string dataSource;
        await using (var scope = host.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ProbeDbContext>();
            await db.Database.OpenConnectionAsync();
            dataSource = db.Database.GetDbConnection().DataSource;
            await db.Database.CloseConnectionAsync();
        }

        var gate = await SqliteWriterGate.EnterAsync(dataSource, CancellationToken.None);
        gate.Should().NotBeNull("nothing else should hold the writer gate for long");
        return gate;
    }

    private static async Task SendAsync<T>(NexusHostFactory host, IRequest<T> command)
    {
        await using var scope = host.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<IMediator>().Send(command);
    }
}
