namespace Nexus.Modules.Catalog.Features.BrowseProducts;

internal sealed record ProductPage(IReadOnlyList<ProductCard> Products, int Page, int PageSize, int TotalCount)
{
    public int PageCount => Math.Max(1, (int)Math.Ceiling(TotalCount / (double)PageSize));
}
