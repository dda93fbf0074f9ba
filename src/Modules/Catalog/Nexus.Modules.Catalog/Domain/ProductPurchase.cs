namespace Nexus.Modules.Catalog.Domain;

/// <summary>
/// "This customer bought this product", learned from Ordering's <c>ordering.order-paid</c> event and kept in the
/// catalog's own table (modules never read each other's): the proof behind a verified-purchase review.
/// </summary>
internal sealed class ProductPurchase
{
    private ProductPurchase()
    {
    }

    public ProductPurchase(Guid orderId, Guid productId, string customerId, DateTime purchasedAt)
    {
        OrderId = orderId;
        ProductId = productId;
        CustomerId = customerId;
        PurchasedAt = purchasedAt;
    }

    public Guid OrderId { get; private set; }

    public Guid ProductId { get; private set; }

    public string CustomerId { get; private set; } = string.Empty;

    public DateTime PurchasedAt { get; private set; }
}
