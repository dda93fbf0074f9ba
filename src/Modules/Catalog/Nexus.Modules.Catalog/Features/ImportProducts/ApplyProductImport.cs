using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Nexus.Modules.Catalog.Data;
using Nexus.Modules.Catalog.Domain;
using Nexus.Shared.Abstractions.Application;
using Nexus.Shared.Abstractions.Messaging;

namespace Nexus.Modules.Catalog.Features.ImportProducts;

/// <summary>
/// The import's second pass: reads the stored file again and creates or updates a product per row, in batches of
/// <see cref="BatchSize"/> (saved and forgotten by the change tracker, so memory stays flat). The caller holds one
/// transaction around the command (see <see cref="ImportProductsJob"/>): a row that has become invalid since the first
/// pass (another admin took a slug meanwhile, say) throws and the whole import rolls back — nothing half-applied.
/// </summary>
internal sealed record ApplyProductImport(string FilePath, string ActorId, IProgress<long>? Progress = null) : ICommand<ProductImportApplied>
{
    public const int BatchSize = 1000;
}

internal sealed record ProductImportApplied(int Created, int Updated);

/// <summary>A row failed on the second pass; the import is rolled back.</summary>
internal sealed class ProductImportConflictException(string message) : Exception(message);

internal sealed class ApplyProductImportHandler(CatalogDbContext db, IIntegrationEventPublisher events, TimeProvider clock, IOptions<CatalogOptions> options)
    : IRequestHandler<ApplyProductImport, ProductImportApplied>
{
    private readonly string currency = options.Value.Currency;

    private const string Reason = "CSV import";

    public async Task<ProductImportApplied> Handle(ApplyProductImport request, CancellationToken cancellationToken)
    {
        var plan = await ProductImportPlan.LoadAsync(db, cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        int created = 0, updated = 0;
        long rows = 0;
        var batch = new List<ProductRowPlan>(ApplyProductImport.BatchSize);
        await using (var file = new FileStream(request.FilePath, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024, useAsync: true))
        {
            await foreach (var row in plan.ReadAsync(file, cancellationToken))
            {
                if (row.Plan is null)
                {
                    throw new ProductImportConflictException(string.Join(" ", row.Errors));
                }

                batch.Add(row.Plan);
                rows++;
                if (batch.Count == ApplyProductImport.BatchSize)
                {
                    (created, updated) = await ApplyBatchAsync(batch, request.ActorId, now, created, updated, cancellationToken);
                    request.Progress?.Report(rows);
                }
            }
        }

        (created, updated) = await ApplyBatchAsync(batch, request.ActorId, now, created, updated, cancellationToken);
        request.Progress?.Report(rows);
        return new ProductImportApplied(created, updated);
    }

    private async Task<(int Created, int Updated)> ApplyBatchAsync(List<ProductRowPlan> batch, string actorId, DateTime now, int created, int updated, CancellationToken cancellationToken)
    {
        if (batch.Count == 0)
        {
            return (created, updated);
        }

        var ids = batch.Where(r => r.ExistingId is not null).Select(r => r.ExistingId!.Value).ToList();
        var existing = ids.Count == 0
            ? []
            : await db.Products.Include(p => p.Variants).Include(p => p.Tags)
                .Where(p => ids.Contains(p.Id)).ToDictionaryAsync(p => p.Id, cancellationToken);
        foreach (var row in batch)
        {
            if (row.ExistingId is { } id)
            {
                Update(existing[id], row, actorId, now);
                updated++;
            }
            else
            {
                Create(row, actorId, now);
                created++;
            }
        }

        // Inside the caller's transaction: written now, committed (or rolled back) with the whole import.
        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();
        batch.Clear();
        return (created, updated);
    }

    private void Create(ProductRowPlan row, string actorId, DateTime now)
    {
        var product = new Product(Guid.CreateVersion7(), row.Sku, row.Name, row.Slug, row.Description ?? string.Empty, row.PriceMinor, currency, row.CategoryId, row.Digital ?? false, now);
        product.UpdateDetails(row.Name, row.Summary, row.Description ?? string.Empty, row.MetaDescription, now);
        product.ChangePrice(row.PriceMinor, row.CompareAtPriceMinor, now);
        var variant = product.AddDefaultVariant(row.Stock ?? 0);
        product.ReplaceTags(row.Tags ?? []);
        if (row.LowStockThreshold is { } threshold)
        {
            product.SetLowStockThreshold(threshold, now);
        }

        if (row.Published == false)
        {
            product.Unpublish(now);
        }

        db.Products.Add(product);
        if (variant.StockOnHand > 0)
        {
            db.InventoryAdjustments.Add(new InventoryAdjustment(Guid.CreateVersion7(), product.Id, variant.Id, variant.StockOnHand, variant.StockOnHand, Reason, actorId, now));
        }

        ProductEvents.Created(events, product);
    }

    private void Update(Product product, ProductRowPlan row, string actorId, DateTime now)
    {
        var oldPrice = product.PriceMinor;
        var stockBefore = product.StockOnHand;
        product.UpdateDetails(row.Name, row.Summary ?? product.Summary, row.Description ?? product.DescriptionMarkdown, row.MetaDescription ?? product.MetaDescription, now);
        product.ChangePrice(row.PriceMinor, row.CompareAtGiven ? row.CompareAtPriceMinor : product.CompareAtPriceMinor, now);
        if (product.CategoryId != row.CategoryId)
        {
            product.MoveToCategory(row.CategoryId, now);
        }

        if (product.Slug != row.Slug)
        {
            var old = product.ChangeSlug(row.Slug, now);
            db.SlugRedirects.Add(new SlugRedirect(SlugKind.Product, old, product.Id, now));
        }

        if (row.Digital is { } digital && digital != product.IsDigital)
        {
            product.SetDigital(digital, now);
        }

        if (row.Published is { } published && published != product.IsPublished)
        {
            if (published)
            {
                product.Publish(now);
            }
            else
            {
                product.Unpublish(now);
            }
        }

        if (row.Tags is { } tags)
        {
            product.ReplaceTags(tags);
        }

        if (row.LowStockThreshold is { } threshold)
        {
            product.SetLowStockThreshold(threshold, now);
        }

        if (row.Stock is { } stock)
        {
            var variant = product.Variants.Count == 0 ? product.AddDefaultVariant(0) : product.Variants[0];
            var delta = stock - variant.StockOnHand;
            if (delta != 0)
            {
                var after = product.AdjustStock(variant, delta, now);
                db.InventoryAdjustments.Add(new InventoryAdjustment(Guid.CreateVersion7(), product.Id, variant.Id, delta, after, Reason, actorId, now));
                ProductEvents.StockMoved(events, product, variant, delta, stockBefore, Reason);
            }
        }

        ProductEvents.PriceChanged(events, product, oldPrice);
        ProductEvents.Updated(events, product, product.Version + 1);
    }
}
