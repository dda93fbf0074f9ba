using MediatR;
using Nexus.Modules.Ordering.Contracts.Events;
using Nexus.Modules.Ordering.Data;
using Nexus.Modules.Ordering.Domain;
using Nexus.Shared.Abstractions.Application;
using Nexus.Shared.Abstractions.Messaging;

namespace Nexus.Modules.Ordering.Features.Management;

/// <summary>
/// Records a shipment (Admin): the carrier (a code of <see cref="Carriers"/>), its tracking number and the lines it
/// carries (empty: everything not shipped yet). Publishes <see cref="OrderShipped"/>, which sends the customer's e-mail.
/// </summary>
internal sealed record ShipOrder(string Number, string Carrier, string TrackingNumber, IReadOnlyList<OrderLineQuantity> Lines, OrderActor Actor) : ICommand<OrderActionResult?>;

internal sealed class ShipOrderHandler(OrderingDbContext db, TimeProvider clock, OrderChangeEvents changes, IIntegrationEventPublisher events) : IRequestHandler<ShipOrder, OrderActionResult?>
{
    public async Task<OrderActionResult?> Handle(ShipOrder request, CancellationToken cancellationToken)
    {
        if (await db.ByNumberAsync(request.Number, cancellationToken) is not { } order)
        {
            return null;
        }

        if (Carriers.Find(request.Carrier) is not { } carrier)
        {
            return OrderActionResult.Invalid("Choose one of the carriers in the list.");
        }

        var before = order.History.Count;
        var (result, shipment) = order.Ship(request.Lines ?? [], carrier, request.TrackingNumber ?? string.Empty, clock.GetUtcNow().UtcDateTime);
        if (shipment is not null)
        {
            changes.StatusChanges(order, before, request.Actor.Id);
            changes.StaffAction(request.Actor, order, "order.ship", $"{carrier.Name} {shipment.TrackingNumber}; {shipment.Lines.Sum(l => l.Quantity)} unit(s)");
            var lines = shipment.Lines.Join(order.Lines, s => s.LineId, l => l.Id, (s, l) => new ShippedOrderLine(l.ProductId, l.VariantId, l.Sku, s.Quantity)).ToList();
            events.Publish(new OrderShipped(order.Id, order.Number, order.CustomerId, shipment.Id, carrier.Code, shipment.TrackingNumber, shipment.TrackingUrl, order.FullyShipped, lines, carrier.Name));
        }

        return result;
    }
}
