using Nexus.Shared.Abstractions.Messaging;

namespace Nexus.Modules.Catalog.Contracts.Events;

/// <summary>
/// A product's stock on hand fell to or below its low-stock threshold (raised once when it crosses the threshold
/// downwards, not on every later sale), so someone can reorder.
/// </summary>
[IntegrationEvent("catalog.low-stock-reached", 1)]
public sealed record LowStockReached(Guid ProductId, string Sku, string Name, int StockOnHand, int LowStockThreshold) : IntegrationEvent;
