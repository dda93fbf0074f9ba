namespace Nexus.Modules.Ordering.Domain;

/// <summary>A line of an order as it was bought: the catalog's names and the price the cart charged at that moment.</summary>
internal sealed class OrderLine
{
    private OrderLine()
    {
    }

    public Guid Id { get; private set; }

    public Guid OrderId { get; private set; }

    public Guid VariantId { get; private set; }

    public Guid ProductId { get; private set; }

    public string Sku { get; private set; } = string.Empty;

    public string ProductName { get; private set; } = string.Empty;

    public string VariantTitle { get; private set; } = string.Empty;

    public int Quantity { get; private set; }

    public long UnitPriceMinor { get; private set; }

    public long LineTotalMinor { get; private set; }

    public bool IsDigital { get; private set; }

    public static OrderLine Of(Guid orderId, Guid variantId, Guid productId, string sku, string productName, string variantTitle, int quantity, long unitPriceMinor, long lineTotalMinor, bool isDigital)
    {
        if (quantity <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(quantity), quantity, "An order line needs a quantity above zero.");
        }

        return new OrderLine
        {
            Id = Guid.CreateVersion7(),
            OrderId = orderId,
            VariantId = variantId,
            ProductId = productId,
            Sku = sku,
            ProductName = productName,
            VariantTitle = variantTitle,
            Quantity = quantity,
            UnitPriceMinor = unitPriceMinor,
            LineTotalMinor = lineTotalMinor,
            IsDigital = isDigital,
        };
    }
}
