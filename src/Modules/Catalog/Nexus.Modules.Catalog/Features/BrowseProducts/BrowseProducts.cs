using Nexus.Shared.Abstractions.Application;

namespace Nexus.Modules.Catalog.Features.BrowseProducts;

/// <summary>One page of the published catalog, newest first.</summary>
internal sealed record BrowseProducts(int Page = 1, int PageSize = 24) : IQuery<ProductPage>;
