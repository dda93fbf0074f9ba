using MediatR;
using Microsoft.EntityFrameworkCore;
using Nexus.Modules.Catalog.Data;
using Nexus.Modules.Catalog.Domain;

namespace Nexus.Modules.Catalog.Features.BrowseProducts;

internal sealed class BrowseProductsHandler : IRequestHandler<BrowseProducts, ProductPage>
{
    private readonly CatalogDbContext db;

    public BrowseProductsHandler(CatalogDbContext db) => this.db = db;

    public async Task<ProductPage> Handle(BrowseProducts request, CancellationToken cancellationToken)
    {
        var published = db.Products.AsNoTracking().Listed();
        var total = await published.CountAsync(cancellationToken);
        var rows = await published
            .OrderByDescending(p => p.CreatedAt).ThenBy(p => p.Name)
            .Skip((request.Page - 1) * request.PageSize)
            .Take(request.PageSize)
            .Select(p => new { p.Id, p.Name, p.Slug, p.PriceMinor, p.Currency, Category = p.Category!.Name, p.IsDigital, p.StockOnHand })
            .ToListAsync(cancellationToken);
        var cards = rows
            .Select(p => new ProductCard(p.Id, p.Name, p.Slug, Money.Format(p.PriceMinor, p.Currency), p.Category, p.IsDigital, p.IsDigital || p.StockOnHand > 0))
            .ToList();
        return new ProductPage(cards, request.Page, request.PageSize, total);
    }
}
