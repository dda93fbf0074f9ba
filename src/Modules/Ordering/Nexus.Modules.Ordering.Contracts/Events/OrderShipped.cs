using Nexus.Shared.Abstractions.Messaging;

namespace Nexus.Modules.Ordering.Contracts.Events;

/// <summary>
/// A shipment left the warehouse: some or all of an order's lines, with a carrier and tracking number. An order can
/// have several shipments (partial shipments); <paramref name="OrderFullyShipped"/> says whether this one completed it.
/// </summary>
[IntegrationEvent("ordering.order-shipped", 1)]
public sealed record OrderShipped(
    Guid OrderId,
    string OrderNumber,
    string? CustomerId,
    Guid ShipmentId,
    string Carrier,
    string TrackingNumber,
    string? TrackingUrl,
    bool OrderFullyShipped,
    IReadOnlyList<ShippedOrderLine> Lines) : IntegrationEvent;

public sealed record ShippedOrderLine(Guid ProductId, Guid VariantId, string Sku, int Quantity);
