using Nexus.Shared.Abstractions.Messaging;

namespace Nexus.Modules.Ordering.Contracts.Events;

/// <summary>
/// A shipment left the warehouse: some or all of an order's lines, with a carrier and tracking number. An order can
/// have several shipments (partial shipments); <paramref name="OrderFullyShipped"/> says whether this one completed it.
/// </summary>
/// <param name="Carrier">The carrier's code (<c>ups</c>, <c>royal-mail</c>…).</param>
/// <param name="CarrierName">The carrier as a customer reads it (<c>UPS</c>, <c>Royal Mail</c>); added within v1, so
/// events written before it have none.</param>
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
    IReadOnlyList<ShippedOrderLine> Lines,
    string? CarrierName = null) : IntegrationEvent;

public sealed record ShippedOrderLine(Guid ProductId, Guid VariantId, string Sku, int Quantity);
