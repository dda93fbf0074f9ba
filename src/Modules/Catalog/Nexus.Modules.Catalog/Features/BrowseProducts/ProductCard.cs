namespace Nexus.Modules.Catalog.Features.BrowseProducts;

internal sealed record ProductCard(Guid Id, string Name, string Slug, string Price, string CategoryName, bool IsDigital, bool InStock);
