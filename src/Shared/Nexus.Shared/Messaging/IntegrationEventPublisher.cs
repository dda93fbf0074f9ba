using Microsoft.EntityFrameworkCore;
using Nexus.Shared.Abstractions.Messaging;
using Nexus.Shared.Web;

namespace Nexus.Shared.Messaging;

/// <summary>
/// Scoped: collects the events a handler publishes until the unit of work stages them in the owning module's
/// outbox, inside the same SaveChanges as the handler's changes.
/// </summary>
internal sealed class IntegrationEventPublisher : IIntegrationEventPublisher
{
    private readonly List<IntegrationEvent> pending = [];

    public void Publish(IntegrationEvent integrationEvent)
    {
        ArgumentNullException.ThrowIfNull(integrationEvent);
        IntegrationEventContract.Of(integrationEvent.GetType()); // fail at the call site if the contract is unnamed
        pending.Add(integrationEvent.CorrelationId is null ? integrationEvent with { CorrelationId = CorrelationId.Current } : integrationEvent);
    }

    /// <summary>
    /// Saves <paramref name="context"/>'s changes, the pending events as its outbox rows and <paramref name="inbox"/>
    /// rows (a consumer's record of what it handled) in one transaction — the context's current one if the caller
    /// opened one, else its own. Returns how many events were written to the outbox.
    /// </summary>
    public async Task<int> SaveChangesAsync(DbContext context, IReadOnlyList<InboxMessage> inbox, DateTime now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var outbox = pending.Select(e => OutboxMessage.Pending(IntegrationEventContract.ToEnvelope(e), now)).ToList();
        if (outbox.Count == 0 && inbox.Count == 0)
        {
            await context.SaveChangesAsync(cancellationToken);
            return 0;
        }

        var transaction = context.Database.CurrentTransaction is null ? await context.Database.BeginTransactionAsync(cancellationToken) : null;
        await using (transaction)
        {
            // The inbox first: a duplicate (another instance recorded the event meanwhile) fails before any other work.
            await EventRowWriter.InsertAsync(context, inbox, cancellationToken);
            if (context.ChangeTracker.HasChanges())
            {
                await context.SaveChangesAsync(cancellationToken);
            }

            await EventRowWriter.InsertAsync(context, outbox, cancellationToken);
            if (transaction is not null)
            {
                await transaction.CommitAsync(cancellationToken);
            }
        }

        pending.Clear();
        return outbox.Count;
    }
}
