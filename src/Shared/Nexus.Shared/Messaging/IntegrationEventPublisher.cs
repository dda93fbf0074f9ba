using Microsoft.EntityFrameworkCore;
using Nexus.Shared.Abstractions.Messaging;
using Nexus.Shared.Persistence;
using Nexus.Shared.Web;

namespace Nexus.Shared.Messaging;

/// <summary>
/// Scoped: collects the events a handler publishes until they are staged in the outbox of the module that published
/// them, inside the same SaveChanges as that module's changes.
/// </summary>
/// <remarks>
/// Pending events belong to the command that is running. The unit of work opens a staging frame for each command
/// (<see cref="BeginCommand"/>) and closes it when the command ends (<see cref="EndCommand"/>), so a command that sends
/// another module's command through <c>IMediator</c> in the same scope keeps its own events: the inner command's go into
/// the inner module's outbox with the inner module's commit, the outer's wait for the outer commit and are dropped
/// with it if the outer command fails. Frames nest like the calls they follow; commands in one scope run one at a
/// time (as the scope's DbContexts require), which <see cref="EndCommand"/> checks. Outside any command (an event
/// consumer's handlers) the scope's own frame collects the events for the consumer's commit.
/// A frame costs no allocation until its command publishes something.
/// </remarks>
internal sealed class IntegrationEventPublisher : IIntegrationEventPublisher
{
    private readonly SqliteGroupCommit groupCommit;
    private List<IntegrationEvent>? pending;
    private ModuleDatabase? module;
    private int depth;

    public IntegrationEventPublisher(SqliteGroupCommit groupCommit) => this.groupCommit = groupCommit;

    /// <summary>The module database whose command is running in this scope (null outside commands).</summary>
    public ModuleDatabase? CurrentModule => module;

    public void Publish(IntegrationEvent integrationEvent)
    {
        ArgumentNullException.ThrowIfNull(integrationEvent);
        IntegrationEventContract.Of(integrationEvent.GetType()); // fail at the call site if the contract is unnamed
        (pending ??= []).Add(integrationEvent.CorrelationId is null ? integrationEvent with { CorrelationId = CorrelationId.Current } : integrationEvent);
    }

    /// <summary>Starts staging the events of a command of <paramref name="database"/>; the result restores the enclosing frame.</summary>
    public StagingFrame BeginCommand(ModuleDatabase database)
    {
        var outer = new StagingFrame(pending, module, ++depth);
        pending = null;
        module = database;
        return outer;
    }

    /// <summary>
    /// Ends the command <paramref name="outer"/> was returned for: its events not saved by then are dropped (the command
    /// failed) and the enclosing command's events are pending again.
    /// </summary>
    public void EndCommand(StagingFrame outer)
    {
        if (outer.Depth != depth)
        {
            throw new InvalidOperationException("Commands in one scope ran concurrently; their events cannot be told apart.");
        }

        depth--;
        pending = outer.Pending;
        module = outer.Module;
    }

    /// <summary>
    /// Saves <paramref name="context"/>'s changes, the current frame's pending events as its outbox rows and
    /// <paramref name="inbox"/> rows (a consumer's record of what it handled) in one transaction — the context's
    /// current one if the caller opened one, else its own — or, on SQLite, a transaction shared with other commands
    /// committing at the same moment, inside a savepoint of this command's (<see cref="SqliteGroupCommit"/>).
    /// Returns how many events were written to the outbox.
    /// </summary>
    public Task<int> SaveChangesAsync(DbContext context, IReadOnlyList<InboxMessage> inbox, DateTime now, CancellationToken cancellationToken) =>
        SaveChangesAsync(context, inbox, now, writeAddedRows: false, cancellationToken);

    /// <summary>
    /// The event consumer's commit: like <see cref="SaveChangesAsync(DbContext, IReadOnlyList{InboxMessage}, DateTime, CancellationToken)"/>,
    /// and the rows the handlers added go out in multi-row statements when they are all plain inserts
    /// (<see cref="EventRowWriter.InsertAddedAsync"/>). On SQLite the consumer's batch joins the next group commit
    /// (a savepoint of its own) instead of taking the writer lock for a transaction of its own between two groups.
    /// </summary>
    public Task<int> SaveConsumedAsync(DbContext context, IReadOnlyList<InboxMessage> inbox, DateTime now, CancellationToken cancellationToken) =>
        SaveChangesAsync(context, inbox, now, writeAddedRows: true, cancellationToken);

    private async Task<int> SaveChangesAsync(DbContext context, IReadOnlyList<InboxMessage> inbox, DateTime now, bool writeAddedRows, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if ((pending is null || pending.Count == 0) && inbox.Count == 0)
        {
            if (context.ChangeTracker.HasChanges() && groupCommit.Applies(context))
            {
                await groupCommit.RunAsync(context, context.SaveChangesAsync, atomic: false, cancellationToken);
            }
            else
            {
                await context.SaveChangesAsync(cancellationToken);
            }

            return 0;
        }

        var outbox = new List<OutboxMessage>(pending?.Count ?? 0);
        if (pending is not null)
        {
            foreach (var integrationEvent in pending)
            {
                outbox.Add(OutboxMessage.Pending(IntegrationEventContract.ToEnvelope(integrationEvent), now));
            }
        }

        if (groupCommit.Applies(context))
        {
            // One statement (the outbox rows alone, few enough for one INSERT) is all or nothing by itself: no savepoint needed.
            var atomic = inbox.Count == 0 && !context.ChangeTracker.HasChanges() && EventRowWriter.FitsOneStatement<OutboxMessage>(context, outbox.Count);
            await groupCommit.RunAsync(context, ct => WriteAsync(context, inbox, outbox, writeAddedRows, ct), atomic, cancellationToken);
        }
        else
        {
            var transaction = context.Database.CurrentTransaction is null ? await context.Database.BeginTransactionAsync(cancellationToken) : null;
            await using (transaction)
            {
                await WriteAsync(context, inbox, outbox, writeAddedRows, cancellationToken);
                if (transaction is not null)
                {
                    await transaction.CommitAsync(cancellationToken);
                }
            }
        }

        pending?.Clear();
        return outbox.Count;
    }

    private static async Task WriteAsync(DbContext context, IReadOnlyList<InboxMessage> inbox, List<OutboxMessage> outbox, bool writeAddedRows, CancellationToken cancellationToken)
    {
        // The inbox first: a duplicate (another instance recorded the event meanwhile) fails before any other work.
        await EventRowWriter.InsertAsync(context, inbox, cancellationToken);
        if (writeAddedRows)
        {
            // The handlers' rows (one or more per event: the consumer's largest cost per event) in multi-row
            // statements; when anything else is tracked this writes nothing and SaveChanges below does it all.
            await EventRowWriter.InsertAddedAsync(context, cancellationToken);
        }

        if (context.ChangeTracker.HasChanges())
        {
            await context.SaveChangesAsync(cancellationToken);
        }

        await EventRowWriter.InsertAsync(context, outbox, cancellationToken);
    }
}
