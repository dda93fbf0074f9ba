using MediatR;
using Microsoft.EntityFrameworkCore;
using Nexus.Modules.Catalog.Contracts.Products;
using Nexus.Modules.Catalog.Data;

namespace Nexus.Modules.Catalog.Features.GetProductSnapshots;

internal sealed class GetProductSnapshotsHandler : IRequestHandler<Contracts.Products.GetProductSnapshots, IReadOnlyList<ProductSnapshot>>
{
    private readonly CatalogDbContext db;

    public GetProductSnapshotsHandler(CatalogDbContext db) => this.db = db;

    public async Task<IReadOnlyList<ProductSnapshot>> Handle(Contracts.Products.GetProductSnapshots request, CancellationToken cancellationToken)
    {
        var ids = request.ProductIds.Distinct().ToList();
        return await db.Products.AsNoTracking()
            .Where(p => ids.Contains(p.Id))
            .Select(p => new ProductSnapshot(p.Id, p.Sku, p.Name, p.PriceMinor, p.Currency, p.IsDigital, p.StockOnHand))
            .ToListAsync(cancellationToken);
    }
}
