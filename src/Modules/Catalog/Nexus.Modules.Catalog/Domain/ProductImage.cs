namespace Nexus.Modules.Catalog.Domain;

/// <summary>
/// One picture of a product. <see cref="Key"/> names its files in the image store (each key exists in the three
/// sizes, served at <c>/media/catalog/{key}-{s|m|l}.webp</c>); <see cref="Width"/>/<see cref="Height"/> are the
/// largest size's, so pages can reserve the space (no layout shift). At most one image per product is primary.
/// </summary>
internal sealed class ProductImage
{
    public const int KeyMaxLength = 64;
    public const int AltTextMaxLength = 200;

    private ProductImage()
    {
    }

    public ProductImage(Guid id, Guid productId, string key, string altText, int sortOrder, bool isPrimary, int width, int height)
    {
        Id = id;
        ProductId = productId;
        Key = key;
        AltText = altText;
        SortOrder = sortOrder;
        IsPrimary = isPrimary;
        Width = width;
        Height = height;
    }

    public Guid Id { get; private set; }

    public Guid ProductId { get; private set; }

    public string Key { get; private set; } = string.Empty;

    public string AltText { get; private set; } = string.Empty;

    public int SortOrder { get; private set; }

    public bool IsPrimary { get; private set; }

    public int Width { get; private set; }

    public int Height { get; private set; }

    public void Describe(string altText) => AltText = altText;

    public void MoveTo(int sortOrder) => SortOrder = sortOrder;

    internal void MarkPrimary(bool isPrimary) => IsPrimary = isPrimary;
}
