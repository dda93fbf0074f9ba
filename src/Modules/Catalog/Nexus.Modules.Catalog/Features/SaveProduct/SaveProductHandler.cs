using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Nexus.Modules.Catalog.Data;
using Nexus.Modules.Catalog.Domain;
using Nexus.Shared.Abstractions.Messaging;

namespace Nexus.Modules.Catalog.Features.SaveProduct;

internal sealed class SaveProductHandler(CatalogDbContext db, IIntegrationEventPublisher events, TimeProvider clock, IOptions<CatalogOptions> options)
    : IRequestHandler<SaveProduct, SaveProductResult>
{
    private const string InitialStock = "Initial stock";

    public async Task<SaveProductResult> Handle(SaveProduct request, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return request.Id is { } id
            ? await UpdateAsync(id, request, now, cancellationToken)
            : await CreateAsync(request, now, cancellationToken);
    }

    private async Task<SaveProductResult> CreateAsync(SaveProduct request, DateTime now, CancellationToken cancellationToken)
    {
        var slug = string.IsNullOrEmpty(request.Slug) ? await FreeSlugAsync(request.Name, request.Sku, cancellationToken) : request.Slug;
        var product = new Product(Guid.CreateVersion7(), request.Sku, request.Name.Trim(), slug, request.DescriptionMarkdown, request.PriceMinor, options.Value.Currency, request.CategoryId, request.IsDigital, now);
        Apply(product, request, now);
        if (request.OptionNames.Count == 0)
        {
            AddStock(product, product.AddDefaultVariant(0), request.Variants.FirstOrDefault()?.Stock ?? 0, request.ActorId, now);
        }
        else
        {
            foreach (var input in request.Variants.Where(v => !v.Remove))
            {
                var variant = product.AddVariant(Guid.CreateVersion7(), input.Sku, Clean(input.Option1), Clean(input.Option2), Clean(input.Option3), input.PriceMinor, 0);
                AddStock(product, variant, input.Stock, request.ActorId, now);
            }
        }

        db.Products.Add(product);
        ProductEvents.Created(events, product);
        return new SaveProductResult(product.Id, SaveProductOutcome.Saved);
    }

    private async Task<SaveProductResult> UpdateAsync(Guid id, SaveProduct request, DateTime now, CancellationToken cancellationToken)
    {
        var product = await db.Products.NotDeleted().Include(p => p.Variants).Include(p => p.Tags).Include(p => p.Specifications)
            .FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (product is null)
        {
            return new SaveProductResult(null, SaveProductOutcome.NotFound);
        }

        if (product.Version != request.Version)
        {
            return new SaveProductResult(product.Id, SaveProductOutcome.Conflict);
        }

        // Should another save land between this read and our commit, the token makes ours fail rather than overwrite it.
        db.Entry(product).Property(p => p.Version).OriginalValue = request.Version;
        var oldPrice = product.PriceMinor;
        if (!string.IsNullOrEmpty(request.Slug) && request.Slug != product.Slug)
        {
            var old = product.ChangeSlug(request.Slug, now);
            await RedirectAsync(old, product.Id, now, cancellationToken);
        }

        if (product.CategoryId != request.CategoryId)
        {
            product.MoveToCategory(request.CategoryId, now);
        }

        if (product.IsDigital != request.IsDigital)
        {
            product.SetDigital(request.IsDigital, now);
        }

        Apply(product, request, now);
        if (request.OptionNames.Count == 0)
        {
            // A product without options keeps one default variant, which follows the product's SKU.
            var variant = product.Variants.Count == 0 ? product.AddDefaultVariant(0) : product.Variants[0];
            variant.Update(request.Sku, null, null, null, null);
        }
        else
        {
            foreach (var input in request.Variants)
            {
                var existing = input.Id is { } variantId ? product.Variants.FirstOrDefault(v => v.Id == variantId) : null;
                if (existing is not null && input.Remove)
                {
                    product.RemoveVariant(existing);
                }
                else if (existing is not null)
                {
                    existing.Update(input.Sku, Clean(input.Option1), Clean(input.Option2), Clean(input.Option3), input.PriceMinor);
                }
                else if (!input.Remove)
                {
                    var variant = product.AddVariant(Guid.CreateVersion7(), input.Sku, Clean(input.Option1), Clean(input.Option2), Clean(input.Option3), input.PriceMinor, 0);
                    AddStock(product, variant, input.Stock, request.ActorId, now);
                }
            }

            // Turning options on retires the default variant (the one without option values).
            foreach (var plain in product.Variants.Where(v => v.Option1 is null).ToList())
            {
                product.RemoveVariant(plain);
            }
        }

        ProductEvents.PriceChanged(events, product, oldPrice);
        ProductEvents.Updated(events, product, request.Version + 1);
        return new SaveProductResult(product.Id, SaveProductOutcome.Saved);
    }

    private static void Apply(Product product, SaveProduct request, DateTime now)
    {
        product.UpdateDetails(request.Name.Trim(), request.Summary?.Trim(), request.DescriptionMarkdown, request.MetaDescription?.Trim(), now);
        product.ChangePrice(request.PriceMinor, request.CompareAtPriceMinor, now);
        product.SetLowStockThreshold(request.LowStockThreshold, now);
        product.ReplaceTags(request.Tags);
        product.ReplaceSpecifications(request.Specifications);
        product.SetOptionNames(request.OptionNames);
        if (request.IsPublished && !product.IsPublished)
        {
            product.Publish(now);
        }
        else if (!request.IsPublished && product.IsPublished)
        {
            product.Unpublish(now);
        }
    }

    private void AddStock(Product product, ProductVariant variant, int stock, string actorId, DateTime now)
    {
        if (stock <= 0)
        {
            return;
        }

        var after = product.AdjustStock(variant, stock, now);
        db.InventoryAdjustments.Add(new InventoryAdjustment(Guid.CreateVersion7(), product.Id, variant.Id, stock, after, InitialStock, actorId, now));
    }

    /// <summary>The old slug answers 301 to the product from now on; a slug given up before points at whoever gave it up last.</summary>
    private async Task RedirectAsync(string oldSlug, Guid productId, DateTime now, CancellationToken cancellationToken)
    {
        var existing = await db.SlugRedirects.FirstOrDefaultAsync(r => r.Kind == SlugKind.Product && r.OldSlug == oldSlug, cancellationToken);
        if (existing is null)
        {
            db.SlugRedirects.Add(new SlugRedirect(SlugKind.Product, oldSlug, productId, now));
        }
        else
        {
            existing.PointAt(productId, now);
        }
    }

    private async Task<string> FreeSlugAsync(string name, string sku, CancellationToken cancellationToken)
    {
        // As CreateProduct does: the name's slug, with the SKU appended when another product has it.
        var slug = Slug.From(name);
        if (slug.Length == 0 || await db.Products.AnyAsync(p => p.Slug == slug, cancellationToken))
        {
            slug = slug.Length == 0 ? Slug.From(sku) : $"{slug}-{Slug.From(sku)}";
        }

        return slug.Length <= Product.SlugMaxLength ? slug : slug[..Product.SlugMaxLength].TrimEnd('-');
    }

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
