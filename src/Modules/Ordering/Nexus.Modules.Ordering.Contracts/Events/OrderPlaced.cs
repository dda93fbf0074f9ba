using Nexus.Shared.Abstractions.Messaging;

namespace Nexus.Modules.Ordering.Contracts.Events;

/// <summary>An order was placed (stock reserved, payment not yet captured).</summary>
/// <param name="CustomerId">The signed-in customer, or null for a guest order.</param>
[IntegrationEvent("ordering.order-placed", 1)]
public sealed record OrderPlaced(
    Guid OrderId,
    string OrderNumber,
    string? CustomerId,
    string Email,
    long TotalMinor,
    string Currency,
    IReadOnlyList<PlacedOrderLine> Lines) : IntegrationEvent;

public sealed record PlacedOrderLine(Guid ProductId, Guid VariantId, string Sku, string ProductName, int Quantity, long UnitPriceMinor, bool IsDigital);
