using MediatR;
using Microsoft.EntityFrameworkCore;
using Nexus.Modules.Catalog.Data;
using Nexus.Modules.Catalog.Domain;

namespace Nexus.Modules.Catalog.Features.CreateProduct;

internal sealed class CreateProductHandler : IRequestHandler<CreateProduct, Guid>
{
    private readonly CatalogDbContext db;
    private readonly TimeProvider clock;

    public CreateProductHandler(CatalogDbContext db, TimeProvider clock)
    {
        this.db = db;
        this.clock = clock;
    }

    public async Task<Guid> Handle(CreateProduct request, CancellationToken cancellationToken)
    {
        // Two products may share a name; their slugs may not, so the SKU disambiguates.
        var slug = Slug.From(request.Name);
        if (await db.Products.AnyAsync(p => p.Slug == slug, cancellationToken))
        {
            slug = $"{slug}-{Slug.From(request.Sku)}";
        }

        var product = new Product(
            Guid.CreateVersion7(), request.Sku, request.Name.Trim(), slug, request.Description.Trim(), request.PriceMinor,
            request.Currency, request.CategoryId, request.IsDigital, request.StockOnHand, clock.GetUtcNow().UtcDateTime);
        db.Products.Add(product);
        return product.Id;
    }
}
