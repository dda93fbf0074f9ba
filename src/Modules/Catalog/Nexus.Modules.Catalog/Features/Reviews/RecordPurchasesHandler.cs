using Microsoft.EntityFrameworkCore;
using Nexus.Modules.Catalog.Data;
using Nexus.Modules.Catalog.Domain;
using Nexus.Modules.Ordering.Contracts.Events;
using Nexus.Shared.Abstractions.Messaging;

namespace Nexus.Modules.Catalog.Features.Reviews;

/// <summary>
/// Learns who bought what from Ordering's <c>ordering.order-paid</c> (its contract, never its tables) and keeps it in
/// the catalog's <c>product_purchases</c>: the proof a review needs to count as a verified purchase. Runs in the
/// inbox's unit of work, so a redelivered event records nothing twice.
/// </summary>
internal sealed class RecordPurchasesHandler(CatalogDbContext db) : IIntegrationEventHandler<OrderPaid>
{
    public async Task HandleAsync(OrderPaid integrationEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(integrationEvent);
        var products = integrationEvent.Lines.Select(l => l.ProductId).Distinct().ToList();
        var known = await db.Purchases.Where(p => p.OrderId == integrationEvent.OrderId).Select(p => p.ProductId).ToListAsync(cancellationToken);
        foreach (var productId in products.Except(known))
        {
            db.Purchases.Add(new ProductPurchase(integrationEvent.OrderId, productId, integrationEvent.CustomerId, integrationEvent.OccurredAt));
        }
    }
}
