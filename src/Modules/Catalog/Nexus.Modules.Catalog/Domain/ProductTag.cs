namespace Nexus.Modules.Catalog.Domain;

/// <summary>A free-form label on a product ("wireless", "gift-idea"), normalised so the <c>tag=</c> filter matches exactly.</summary>
internal sealed class ProductTag
{
    public const int MaxLength = 40;

    private ProductTag()
    {
    }

    public ProductTag(Guid productId, string tag)
    {
        ProductId = productId;
        Tag = tag;
    }

    public Guid ProductId { get; private set; }

    public string Tag { get; private set; } = string.Empty;

    /// <summary>Lower case, words joined by dashes, at most <see cref="MaxLength"/> characters: "Gift Idea" → "gift-idea".</summary>
    public static string Normalize(string tag)
    {
        var slug = Domain.Slug.From(tag ?? string.Empty);
        return slug.Length <= MaxLength ? slug : slug[..MaxLength].TrimEnd('-');
    }
}
