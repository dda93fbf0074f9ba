namespace Nexus.Modules.Catalog.Contracts.Products;

/// <summary>What other modules may know about a product at a point in time (e.g. when it goes into a cart).</summary>
public sealed record ProductSnapshot(Guid Id, string Sku, string Name, long PriceMinor, string Currency, bool IsDigital, int StockOnHand);
