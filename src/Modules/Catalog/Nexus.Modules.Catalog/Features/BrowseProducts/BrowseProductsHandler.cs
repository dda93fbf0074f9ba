using MediatR;
using Microsoft.EntityFrameworkCore;
using Nexus.Modules.Catalog.Data;
using Nexus.Modules.Catalog.Domain;
using Nexus.Shared.Persistence;

namespace Nexus.Modules.Catalog.Features.BrowseProducts;

internal sealed class BrowseProductsHandler : IRequestHandler<BrowseProducts, ProductPage>
{
    // Compiled once: the API's plain listing runs on every call, and compiling skips EF's per-call expression-tree
    // walk and query-cache lookup.
    private static readonly Func<CatalogDbContext, CancellationToken, Task<int>> CountPublished =
        EF.CompileAsyncQuery((CatalogDbContext db, CancellationToken _) => db.Products.Count(p => p.IsPublished && !p.IsDeleted));

    private static readonly Func<CatalogDbContext, int, int, IAsyncEnumerable<CardRow>> PublishedPage =
        EF.CompileAsyncQuery((CatalogDbContext db, int skip, int take) => db.Products.AsNoTracking()
            .Where(p => p.IsPublished && !p.IsDeleted) // CatalogQueries.IsListed, spelt out: a compiled query cannot call it
            .OrderByDescending(p => p.CreatedAt).ThenBy(p => p.Name)
            .Skip(skip)
            .Take(take)
            .Select(p => new CardRow(p.Id, p.Name, p.Slug, p.PriceMinor, p.Currency, p.Category!.Name, p.IsDigital, p.StockOnHand)));

    private readonly CatalogDbContext db;

    public BrowseProductsHandler(CatalogDbContext db) => this.db = db;

    public async Task<ProductPage> Handle(BrowseProducts request, CancellationToken cancellationToken)
    {
        // The count and the page share one connection (one open/close per request instead of one per query).
        await using var connection = await db.KeepOpenAsync(cancellationToken);
        var total = await CountPublished(db, cancellationToken);
        var cards = new List<ProductCard>(request.PageSize);
        if ((long)(request.Page - 1) * request.PageSize < total)
        {
            await foreach (var p in PublishedPage(db, (request.Page - 1) * request.PageSize, request.PageSize).WithCancellation(cancellationToken))
            {
                cards.Add(new ProductCard(p.Id, p.Name, p.Slug, Money.Format(p.PriceMinor, p.Currency), p.Category, p.IsDigital, p.IsDigital || p.StockOnHand > 0));
            }
        }

        return new ProductPage(cards, request.Page, request.PageSize, total);
    }

    private sealed record CardRow(Guid Id, string Name, string Slug, long PriceMinor, string Currency, string Category, bool IsDigital, int StockOnHand);
}
