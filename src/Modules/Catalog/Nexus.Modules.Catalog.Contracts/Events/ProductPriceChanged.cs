using Nexus.Shared.Abstractions.Messaging;

namespace Nexus.Modules.Catalog.Contracts.Events;

/// <summary>
/// A selling price changed. <see cref="VariantId"/> is null for the product's own price (which every variant without a
/// price of its own sells at) and set for a variant's own price. Prices are minor units in <see cref="Currency"/>.
/// </summary>
[IntegrationEvent("catalog.product-price-changed", 1)]
public sealed record ProductPriceChanged(
    Guid ProductId,
    Guid? VariantId,
    string Sku,
    long OldPriceMinor,
    long NewPriceMinor,
    long? CompareAtPriceMinor,
    string Currency) : IntegrationEvent;
