using Nexus.Shared.Abstractions.Messaging;

namespace Nexus.Modules.Catalog.Contracts.Events;

/// <summary>
/// A variant's stock on hand changed by <see cref="Delta"/> (an adjustment, an import, a sale), leaving
/// <see cref="StockOnHand"/> on the variant and <see cref="ProductStockOnHand"/> over all the product's variants.
/// </summary>
[IntegrationEvent("catalog.stock-changed", 1)]
public sealed record StockChanged(
    Guid ProductId,
    Guid VariantId,
    string Sku,
    int Delta,
    int StockOnHand,
    int ProductStockOnHand,
    string Reason) : IntegrationEvent;
