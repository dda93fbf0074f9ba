using Nexus.Shared.Abstractions.Messaging;

namespace Nexus.Modules.Catalog.Contracts.Events;

/// <summary>A product was (soft-)deleted: it leaves the shop; orders that hold it keep their history.</summary>
[IntegrationEvent("catalog.product-deleted", 1)]
public sealed record ProductDeleted(Guid ProductId, string Sku) : IntegrationEvent;
