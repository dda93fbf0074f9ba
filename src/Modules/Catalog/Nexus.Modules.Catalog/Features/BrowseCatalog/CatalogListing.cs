namespace Nexus.Modules.Catalog.Features.BrowseCatalog;

/// <summary>One page of a listing, the total it was cut from, and the counts beside each filter choice.</summary>
internal sealed record CatalogListing(
    CatalogFilter Filter,
    IReadOnlyList<ListedProduct> Products,
    int Page,
    int PageSize,
    int TotalCount,
    CatalogFacets Facets,
    ListedCategory? Category,
    IReadOnlyList<ListedCategory> CategoryPath,
    IReadOnlyList<string> Terms,
    string? Suggestion,
    bool UnknownCategory)
{
    public int PageCount => Math.Max(1, (int)Math.Ceiling(TotalCount / (double)PageSize));
}

/// <summary>
/// Facet counts. Each is the number of results choosing it would give with every other active filter kept: a
/// category replaces the chosen category, a price bucket replaces the price range, a rating replaces the rating,
/// "in stock" and a tag are added to the filters.
/// </summary>
internal sealed record CatalogFacets(
    IReadOnlyList<CategoryFacet> Categories,
    IReadOnlyList<PriceFacet> Prices,
    IReadOnlyList<RatingFacet> Ratings,
    int InStock,
    IReadOnlyList<TagFacet> Tags)
{
    public static readonly CatalogFacets Empty = new([], [], [], 0, []);
}

internal sealed record CategoryFacet(ListedCategory Category, int Depth, int Count);

/// <summary>A price bucket, inclusive at both ends (minor units; <see cref="MaxMinor"/> null: no upper bound).</summary>
internal sealed record PriceFacet(long MinMinor, long? MaxMinor, int Count);

internal sealed record RatingFacet(int MinRating, int Count);

internal sealed record TagFacet(string Tag, int Count);
