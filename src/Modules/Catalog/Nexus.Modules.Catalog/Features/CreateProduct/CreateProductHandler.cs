using MediatR;
using Microsoft.EntityFrameworkCore;
using Nexus.Modules.Catalog.Data;
using Nexus.Modules.Catalog.Contracts.Events;
using Nexus.Modules.Catalog.Domain;
using Nexus.Shared.Abstractions.Messaging;

namespace Nexus.Modules.Catalog.Features.CreateProduct;

internal sealed class CreateProductHandler : IRequestHandler<CreateProduct, Guid>
{
    private readonly CatalogDbContext db;
    private readonly TimeProvider clock;
    private readonly IIntegrationEventPublisher events;

    public CreateProductHandler(CatalogDbContext db, TimeProvider clock, IIntegrationEventPublisher events)
    {
        this.db = db;
        this.clock = clock;
        this.events = events;
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
            request.Currency, request.CategoryId, request.IsDigital, clock.GetUtcNow().UtcDateTime);
        // A product without options sells through one default variant, which holds its stock.
        product.AddDefaultVariant(request.StockOnHand);
        db.Products.Add(product);
        // Written to the catalog outbox by the unit of work, in the same transaction as the product.
        events.Publish(new ProductCreated(product.Id, product.Sku, product.Name, product.PriceMinor, product.Currency, product.IsDigital));
        return product.Id;
    }
}
