using MediatR;
using Microsoft.Extensions.Options;
using Nexus.Modules.Catalog.Data;
using Nexus.Shared.Abstractions.Application;

namespace Nexus.Modules.Catalog.Features.BrowseCatalog;

/// <summary>
/// A storefront listing — the front page, a search, a category — with its filters, facet counts, sort and page.
/// The filter arrives already clamped (<see cref="CatalogFilter.FromValues"/>); a page past the end shows the last.
/// </summary>
internal sealed record BrowseCatalog(CatalogFilter Filter, int Page = 1) : IQuery<CatalogListing>;

internal sealed class BrowseCatalogHandler : IRequestHandler<BrowseCatalog, CatalogListing>
{
    private readonly CatalogDbContext db;
    private readonly CatalogSnapshotCache cache;
    private readonly int pageSize;

    public BrowseCatalogHandler(CatalogDbContext db, CatalogSnapshotCache cache, IOptions<CatalogOptions> options)
    {
        this.db = db;
        this.cache = cache;
        pageSize = options.Value.PageSize;
    }

    public async Task<CatalogListing> Handle(BrowseCatalog request, CancellationToken cancellationToken)
    {
        var snapshot = await cache.GetAsync(db, cancellationToken);
        IReadOnlyDictionary<Guid, double>? matches = null;
        if (request.Filter.HasQuery)
        {
            var terms = SearchText.Terms(request.Filter.Query);
            matches = terms.Count == 0 ? new Dictionary<Guid, double>() : await cache.SearchAsync(db, snapshot.Generation, terms, cancellationToken);
        }

        return CatalogBrowser.Browse(snapshot, request.Filter, matches, request.Page, pageSize);
    }
}
