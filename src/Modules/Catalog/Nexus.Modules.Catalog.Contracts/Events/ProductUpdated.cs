using Nexus.Shared.Abstractions.Messaging;

namespace Nexus.Modules.Catalog.Contracts.Events;

/// <summary>
/// A product's details changed (name, slug, description, category, publication, digital flag…), published from the
/// edit's transaction with the product as it now is. Price changes also raise <see cref="ProductPriceChanged"/>,
/// stock changes <see cref="StockChanged"/>.
/// </summary>
[IntegrationEvent("catalog.product-updated", 1)]
public sealed record ProductUpdated(
    Guid ProductId,
    string Sku,
    string Name,
    string Slug,
    Guid CategoryId,
    long PriceMinor,
    string Currency,
    bool IsDigital,
    bool IsPublished,
    int Version) : IntegrationEvent;
