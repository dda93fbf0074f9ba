using Microsoft.EntityFrameworkCore;
using Nexus.Modules.Licensing.Data;
using Nexus.Modules.Ordering.Contracts.Events;
using Nexus.Shared.Abstractions.Messaging;

namespace Nexus.Modules.Licensing.Features.Refunds;

/// <summary>
/// Money went back for an order: the keys of its refunded digital units are revoked (one key per refunded unit, the
/// newest first), and every key of the order when the whole order was refunded. Runs in the consumer's unit of work
/// with its inbox entry, like <c>OrderPaidHandler</c>, so it works the same when Licensing is its own service.
/// </summary>
internal sealed class RefundIssuedHandler(LicensingDbContext db, TimeProvider clock) : IIntegrationEventHandler<RefundIssued>
{
    public async Task HandleAsync(RefundIssued integrationEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(integrationEvent);
        var digital = integrationEvent.Lines.Where(l => l.IsDigital && l.Quantity > 0).ToList();
        if (digital.Count == 0 && !integrationEvent.OrderFullyRefunded)
        {
            return;
        }

        var keys = await db.Keys.Include(k => k.Activations).Include(k => k.History).AsSplitQuery()
            .Where(k => k.OrderId == integrationEvent.OrderId && k.RevokedAt == null)
            .ToListAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        if (integrationEvent.OrderFullyRefunded)
        {
            keys.ForEach(k => k.Revoke(now));
            return;
        }

        foreach (var line in digital)
        {
            foreach (var key in keys.Where(k => k.ProductId == line.ProductId).OrderByDescending(k => k.IssuedAt).ThenByDescending(k => k.Id).Take(line.Quantity))
            {
                key.Revoke(now);
            }
        }
    }
}
