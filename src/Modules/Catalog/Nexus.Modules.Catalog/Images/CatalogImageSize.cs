namespace Nexus.Modules.Catalog.Images;

/// <summary>The three sizes every catalog image is kept in; the letter is the URL's suffix.</summary>
internal enum CatalogImageSize
{
    /// <summary>160 px wide: thumbnails, cart lines.</summary>
    Small,

    /// <summary>480 px wide: product cards.</summary>
    Medium,

    /// <summary>1200 px wide: the product page's gallery.</summary>
    Large,
}

internal static class CatalogImageSizes
{
    public static readonly IReadOnlyList<CatalogImageSize> All = [CatalogImageSize.Small, CatalogImageSize.Medium, CatalogImageSize.Large];

    public static int Width(this CatalogImageSize size) => size switch
    {
        CatalogImageSize.Small => 160,
        CatalogImageSize.Medium => 480,
        CatalogImageSize.Large => 1200,
        _ => throw new ArgumentOutOfRangeException(nameof(size), size, null),
    };

    public static char Letter(this CatalogImageSize size) => size switch
    {
        CatalogImageSize.Small => 's',
        CatalogImageSize.Medium => 'm',
        CatalogImageSize.Large => 'l',
        _ => throw new ArgumentOutOfRangeException(nameof(size), size, null),
    };

    public static bool TryParse(char letter, out CatalogImageSize size)
    {
        switch (letter)
        {
            case 's': size = CatalogImageSize.Small; return true;
            case 'm': size = CatalogImageSize.Medium; return true;
            case 'l': size = CatalogImageSize.Large; return true;
            default: size = default; return false;
        }
    }
}
