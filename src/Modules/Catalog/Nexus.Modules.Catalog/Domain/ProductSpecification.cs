namespace Nexus.Modules.Catalog.Domain;

/// <summary>One row of a product's specification table ("Weight" — "1.2 kg"), shown in <see cref="SortOrder"/>.</summary>
internal sealed class ProductSpecification
{
    public const int NameMaxLength = 80;
    public const int ValueMaxLength = 400;

    private ProductSpecification()
    {
    }

    public ProductSpecification(Guid productId, string name, string value, int sortOrder)
    {
        ProductId = productId;
        Name = name;
        Value = value;
        SortOrder = sortOrder;
    }

    public Guid ProductId { get; private set; }

    public string Name { get; private set; } = string.Empty;

    public string Value { get; private set; } = string.Empty;

    public int SortOrder { get; private set; }
}
