using Nexus.Modules.Catalog.Contracts.Events;
using Nexus.Modules.Catalog.Domain;
using Nexus.Shared.Abstractions.Messaging;

namespace Nexus.Modules.Catalog.Features;

/// <summary>
/// The catalog's integration events built one way for every write slice (editing, bulk actions, inventory, import),
/// so a consumer sees the same facts whichever page made the change. Published through the outbox by the command's
/// unit of work.
/// </summary>
internal static class ProductEvents
{
    public static void Created(IIntegrationEventPublisher events, Product product) =>
        events.Publish(new ProductCreated(product.Id, product.Sku, product.Name, product.PriceMinor, product.Currency, product.IsDigital));

    /// <summary>The product after the change; <c>Version</c> is the one this save will write.</summary>
    public static void Updated(IIntegrationEventPublisher events, Product product, int version) =>
        events.Publish(new ProductUpdated(
            product.Id, product.Sku, product.Name, product.Slug, product.CategoryId, product.PriceMinor, product.Currency,
            product.IsDigital, product.IsPublished, version));

    public static void PriceChanged(IIntegrationEventPublisher events, Product product, long oldPriceMinor)
    {
        if (oldPriceMinor != product.PriceMinor)
        {
            events.Publish(new ProductPriceChanged(product.Id, null, product.Sku, oldPriceMinor, product.PriceMinor, product.CompareAtPriceMinor, product.Currency));
        }
    }

    public static void Deleted(IIntegrationEventPublisher events, Product product) =>
        events.Publish(new ProductDeleted(product.Id, product.Sku));

    /// <summary>A variant's stock moved; when the product's total fell to or below its threshold, also "low stock".</summary>
    public static void StockMoved(IIntegrationEventPublisher events, Product product, ProductVariant variant, int delta, int productStockBefore, string reason)
    {
        if (delta == 0)
        {
            return;
        }

        events.Publish(new StockChanged(product.Id, variant.Id, variant.Sku, delta, variant.StockOnHand, product.StockOnHand, reason));
        if (!product.IsDigital && productStockBefore > product.LowStockThreshold && product.StockOnHand <= product.LowStockThreshold)
        {
            events.Publish(new LowStockReached(product.Id, product.Sku, product.Name, product.StockOnHand, product.LowStockThreshold));
        }
    }
}
