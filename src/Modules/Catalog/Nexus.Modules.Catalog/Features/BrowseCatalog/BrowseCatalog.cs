using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Nexus.Modules.Catalog.Data;
using Nexus.Shared.Abstractions.Application;

namespace Nexus.Modules.Catalog.Features.BrowseCatalog;

/// <summary>
/// A storefront listing — the front page, a search, a category — with its filters, facet counts, sort and page.
/// The filter arrives already clamped (<see cref="CatalogFilter.FromValues"/>); a page past the end shows the last.
/// </summary>
internal sealed record BrowseCatalog(CatalogFilter Filter, int Page = 1) : IQuery<CatalogListing>;

/// <remarks>
/// A listing is a pure function of the catalog snapshot and the query, and shoppers ask for the same few listings over
/// and over (the front page, each category, popular searches), so each one is computed once per snapshot and recalled
/// after that (<see cref="CatalogSnapshot.TryRecallListing"/>): a repeated listing costs a dictionary look-up instead
/// of filtering, counting and sorting thousands of products — or, for a search, a full-text query. The context is
/// resolved only when the snapshot or a search needs the database, so a warm listing does not rent one at all.
/// </remarks>
internal sealed class BrowseCatalogHandler : IRequestHandler<BrowseCatalog, CatalogListing>
{
    private readonly IServiceProvider services;
    private readonly CatalogSnapshotCache cache;
    private readonly int pageSize;

    public BrowseCatalogHandler(IServiceProvider services, CatalogSnapshotCache cache, IOptions<CatalogOptions> options)
    {
        this.services = services;
        this.cache = cache;
        pageSize = options.Value.PageSize;
    }

    public async Task<CatalogListing> Handle(BrowseCatalog request, CancellationToken cancellationToken)
    {
        var snapshot = cache.Current ?? await cache.GetAsync(Db, cancellationToken);
        var query = request.Filter.ToQueryString(request.Page);
        if (snapshot.TryRecallListing(query, out var listing))
        {
            return listing;
        }

        IReadOnlyDictionary<Guid, double>? matches = null;
        if (request.Filter.HasQuery)
        {
            var terms = SearchText.Terms(request.Filter.Query);
            matches = terms.Count == 0 ? new Dictionary<Guid, double>() : await cache.SearchAsync(Db, snapshot.Generation, terms, cancellationToken);
        }

        listing = CatalogBrowser.Browse(snapshot, request.Filter, matches, request.Page, pageSize);
        snapshot.RememberListing(query, listing);
        return listing;
    }

    private CatalogDbContext Db => services.GetRequiredService<CatalogDbContext>();
}
