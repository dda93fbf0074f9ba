using Nexus.Shared.Abstractions.Messaging;

namespace Nexus.Modules.Catalog.Contracts.Events;

/// <summary>A product was added to the catalog (published from its creation's transaction).</summary>
[IntegrationEvent("catalog.product-created", 1)]
public sealed record ProductCreated(Guid ProductId, string Sku, string Name, long PriceMinor, string Currency, bool IsDigital) : IntegrationEvent;
