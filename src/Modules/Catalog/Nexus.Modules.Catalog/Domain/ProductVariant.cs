namespace Nexus.Modules.Catalog.Domain;

/// <summary>
/// A buyable combination of a product's options (e.g. Size M, Colour Blue) with its own SKU, stock and, optionally,
/// price and image. Carts and orders hold a variant. A product without options has one default variant.
/// </summary>
internal sealed class ProductVariant
{
    public const int OptionValueMaxLength = 60;

    private ProductVariant()
    {
    }

    public ProductVariant(Guid id, Guid productId, string sku, string? option1, string? option2, string? option3, long? priceMinor, int stockOnHand, Guid? imageId)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(stockOnHand);
        Id = id;
        ProductId = productId;
        Sku = sku;
        Option1 = option1;
        Option2 = option2;
        Option3 = option3;
        PriceMinor = priceMinor;
        StockOnHand = stockOnHand;
        ImageId = imageId;
    }

    public Guid Id { get; private set; }

    public Guid ProductId { get; private set; }

    public string Sku { get; private set; } = string.Empty;

    public string? Option1 { get; private set; }

    public string? Option2 { get; private set; }

    public string? Option3 { get; private set; }

    /// <summary>The variant's own price; null sells it at the product's price.</summary>
    public long? PriceMinor { get; private set; }

    public int StockOnHand { get; private set; }

    public Guid? ImageId { get; private set; }

    /// <summary>"M / Blue"; empty for a default variant.</summary>
    public string Title => string.Join(" / ", new[] { Option1, Option2, Option3 }.Where(o => !string.IsNullOrEmpty(o)));

    public long EffectivePriceMinor(Product product)
    {
        ArgumentNullException.ThrowIfNull(product);
        return PriceMinor ?? product.PriceMinor;
    }

    public void Update(string sku, string? option1, string? option2, string? option3, long? priceMinor)
    {
        Sku = sku;
        Option1 = option1;
        Option2 = option2;
        Option3 = option3;
        PriceMinor = priceMinor;
    }

    public void ShowImage(Guid? imageId) => ImageId = imageId;

    /// <summary>Use <see cref="Product.AdjustStock"/>, which keeps the product's total in step.</summary>
    internal int AdjustStock(int delta)
    {
        var after = checked(StockOnHand + delta);
        if (after < 0)
        {
            throw new InvalidOperationException($"Stock of {Sku} cannot go below zero ({StockOnHand} on hand, change {delta}).");
        }

        StockOnHand = after;
        return after;
    }
}
