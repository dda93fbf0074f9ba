namespace Nexus.Modules.Catalog.Domain;

/// <summary>
/// A thing the shop sells. Prices are integer minor units (cents) so arithmetic is exact and SQLite can sort
/// them; <see cref="IsDigital"/> products are delivered as license keys rather than shipped.
/// </summary>
internal sealed class Product
{
    private Product()
    {
    }

    public Product(Guid id, string sku, string name, string slug, string description, long priceMinor, string currency, Guid categoryId, bool isDigital, int stockOnHand, DateTime createdAt)
    {
        Id = id;
        Sku = sku;
        Name = name;
        Slug = slug;
        Description = description;
        PriceMinor = priceMinor;
        Currency = currency;
        CategoryId = categoryId;
        IsDigital = isDigital;
        StockOnHand = stockOnHand;
        IsPublished = true;
        CreatedAt = createdAt;
        UpdatedAt = createdAt;
    }

    public Guid Id { get; private set; }

    public string Sku { get; private set; } = string.Empty;

    public string Name { get; private set; } = string.Empty;

    public string Slug { get; private set; } = string.Empty;

    public string Description { get; private set; } = string.Empty;

    public long PriceMinor { get; private set; }

    public string Currency { get; private set; } = "EUR";

    public Guid CategoryId { get; private set; }

    public Category? Category { get; private set; }

    public bool IsDigital { get; private set; }

    public int StockOnHand { get; private set; }

    public bool IsPublished { get; private set; }

    public DateTime CreatedAt { get; private set; }

    public DateTime UpdatedAt { get; private set; }
}
