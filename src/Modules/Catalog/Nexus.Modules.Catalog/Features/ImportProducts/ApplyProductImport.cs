using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Nexus.Modules.Catalog.Data;
using Nexus.Modules.Catalog.Domain;
using Nexus.Shared.Abstractions.Application;
using Nexus.Shared.Abstractions.Messaging;
using Nexus.Shared.Messaging;
using Nexus.Shared.Web;

namespace Nexus.Modules.Catalog.Features.ImportProducts;

/// <summary>
/// The import's second pass: reads the stored file again and creates or updates a product per row, in batches of
/// <see cref="BatchSize"/>, all of it committed in one write transaction — the catalog sees the whole import or none of
/// it. New products (the bulk of a large import) are written as rows in bulk (<see cref="CatalogRowWriter"/>: the
/// product, its default variant, tags, stock adjustment, search row and its events' outbox rows); existing ones are
/// loaded per batch, changed through the domain and saved by the change tracker. Each batch is forgotten once written,
/// so memory stays flat, events included (they go to the outbox with their batch instead of waiting in the unit of
/// work until the end). A row that has become invalid since the first pass (another admin took a slug meanwhile, say)
/// throws and everything rolls back — nothing half-applied.
/// </summary>
/// <remarks>
/// On SQLite (one writer for the whole database) new products are first staged in temporary tables without taking
/// the writer lock; the write transaction then only applies the updates and copies the staged rows in with one
/// <c>INSERT … SELECT</c> per table, so other writers (a shopper's checkout) wait for that, not for the whole pass
/// (decision 0017). PostgreSQL and SQL Server have no database-wide writer: the whole pass is one transaction.
/// </remarks>
internal sealed record ApplyProductImport(string FilePath, string ActorId, IProgress<long>? Progress = null) : ICommand<ProductImportApplied>
{
    public const int BatchSize = 1000;
}

internal sealed record ProductImportApplied(int Created, int Updated);

/// <summary>A row failed on the second pass; the import is rolled back.</summary>
internal sealed class ProductImportConflictException(string message) : Exception(message);

internal sealed class ApplyProductImportHandler(CatalogDbContext db, CatalogChangeSignal changeSignal, TimeProvider clock, IOptions<CatalogOptions> options)
    : IRequestHandler<ApplyProductImport, ProductImportApplied>
{
    /// <summary>What a new product is written as, parents first (the order the staged rows are copied in).</summary>
    private static readonly Type[] NewProductRows =
        [typeof(Product), typeof(ProductVariant), typeof(ProductTag), typeof(InventoryAdjustment), typeof(ProductSearchDocument), typeof(OutboxMessage)];

    private readonly string currency = options.Value.Currency;

    private const string Reason = "CSV import";

    public async Task<ProductImportApplied> Handle(ApplyProductImport request, CancellationToken cancellationToken)
    {
        var categoryNames = await db.Categories.AsNoTracking().ToDictionaryAsync(c => c.Id, c => c.Name, cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        // One connection for the whole pass: SQLite's staging tables live on it.
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            return db.Database.IsSqlite()
                ? await ApplyStagedAsync(request, categoryNames, now, cancellationToken)
                : await ApplyDirectAsync(request, categoryNames, now, cancellationToken);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private async Task<ProductImportApplied> ApplyDirectAsync(ApplyProductImport request, Dictionary<Guid, string> categoryNames, DateTime now, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // The bulk rows bypass the change tracker's signal: the storefront caches are emptied once this commits.
        await changeSignal.SignalAfterCommitAsync(db);
        var plan = await ProductImportPlan.LoadAsync(db, cancellationToken);
        await using var writer = CatalogRowWriter.Direct(db);
        var applied = await ApplyFileAsync(request, plan, writer, writer, categoryNames, now, rows => request.Progress?.Report(rows), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return applied;
    }

    private async Task<ProductImportApplied> ApplyStagedAsync(ApplyProductImport request, Dictionary<Guid, string> categoryNames, DateTime now, CancellationToken cancellationToken)
    {
        var plan = await ProductImportPlan.LoadAsync(db, cancellationToken);
        await using var staging = await CatalogRowWriter.StagingAsync(db, NewProductRows, cancellationToken);

        // Outside the writer lock: new products into the staging tables; rows that update are only counted here.
        var total = 0L;
        var staged = await ApplyFileAsync(request, plan, staging, null, categoryNames, now, rows => request.Progress?.Report(total = rows), cancellationToken);

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await changeSignal.SignalAfterCommitAsync(db);
        if (staged.Updated > 0)
        {
            // Inside it: the updates, checked against the catalog as it is now (a fresh plan), then the staged rows.
            var fresh = await ProductImportPlan.LoadAsync(db, cancellationToken);
            await using var direct = CatalogRowWriter.Direct(db);
            var updated = await ApplyFileAsync(request, fresh, null, direct, categoryNames, now, rows => request.Progress?.Report(Math.Min(rows, total)), cancellationToken);
            if (updated != staged)
            {
                throw new ProductImportConflictException(
                    $"The catalog changed while the import ran ({staged.Created} new and {staged.Updated} existing products when the rows were prepared, {updated.Created} and {updated.Updated} now).");
            }
        }

        await staging.PublishStagedAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return staged;
    }

    /// <summary>
    /// Reads the file once, in batches: new products go to <paramref name="creates"/> and existing ones are updated
    /// through the change tracker with their events written by <paramref name="updates"/>; a null writer means that kind
    /// of row is only counted on this read.
    /// </summary>
    private async Task<ProductImportApplied> ApplyFileAsync(
        ApplyProductImport request, ProductImportPlan plan, CatalogRowWriter? creates, CatalogRowWriter? updates,
        Dictionary<Guid, string> categoryNames, DateTime now, Action<long> progress, CancellationToken cancellationToken)
    {
        var counts = new Counts();
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
                    await ApplyBatchAsync(batch, creates, updates, categoryNames, request.ActorId, now, counts, cancellationToken);
                    progress(rows);
                }
            }
        }

        await ApplyBatchAsync(batch, creates, updates, categoryNames, request.ActorId, now, counts, cancellationToken);
        progress(rows);
        return new ProductImportApplied(counts.Created, counts.Updated);
    }

    private async Task ApplyBatchAsync(
        List<ProductRowPlan> batch, CatalogRowWriter? creates, CatalogRowWriter? updates, Dictionary<Guid, string> categoryNames,
        string actorId, DateTime now, Counts counts, CancellationToken cancellationToken)
    {
        if (batch.Count == 0)
        {
            return;
        }

        var ids = batch.Where(r => r.ExistingId is not null).Select(r => r.ExistingId!.Value).ToList();
        counts.Updated += ids.Count;
        if (ids.Count > 0 && updates is not null)
        {
            var events = new BatchEvents();
            var existing = await db.Products.Include(p => p.Variants).Include(p => p.Tags)
                .Where(p => ids.Contains(p.Id)).AsSplitQuery().ToDictionaryAsync(p => p.Id, cancellationToken);
            foreach (var row in batch.Where(r => r.ExistingId is not null))
            {
                Update(existing[row.ExistingId!.Value], row, actorId, now, events);
            }

            // Inside the write transaction: committed (or rolled back) with the whole import.
            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();
            await updates.InsertAsync(events.ToOutbox(now), cancellationToken);
        }

        counts.Created += batch.Count - ids.Count;
        if (creates is not null && batch.Count > ids.Count)
        {
            var events = new BatchEvents();
            var created = new NewRows();
            foreach (var row in batch.Where(r => r.ExistingId is null))
            {
                Create(row, actorId, now, categoryNames, created, events);
            }

            // Parents before children, as the foreign keys require.
            await creates.InsertAsync(created.Products, cancellationToken);
            await creates.InsertAsync(created.Variants, cancellationToken);
            await creates.InsertAsync(created.Tags, cancellationToken);
            await creates.InsertAsync(created.Adjustments, cancellationToken);
            await creates.InsertAsync(created.SearchRows, cancellationToken);
            await creates.InsertAsync(events.ToOutbox(now), cancellationToken);
            await creates.EndBatchAsync(cancellationToken);
        }

        batch.Clear();
    }

    private void Create(ProductRowPlan row, string actorId, DateTime now, Dictionary<Guid, string> categoryNames, NewRows rows, BatchEvents events)
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

        rows.Products.Add(product);
        rows.Variants.Add(variant);
        rows.Tags.AddRange(product.Tags);
        if (variant.StockOnHand > 0)
        {
            rows.Adjustments.Add(new InventoryAdjustment(Guid.CreateVersion7(), product.Id, variant.Id, variant.StockOnHand, variant.StockOnHand, Reason, actorId, now));
        }

        rows.SearchRows.Add(CatalogSearchIndex.Document(product.Id, product.Name, product.Summary, product.DescriptionMarkdown, categoryNames[product.CategoryId], product.Tags.Select(t => t.Tag)));
        ProductEvents.Created(events, product);
    }

    private void Update(Product product, ProductRowPlan row, string actorId, DateTime now, BatchEvents events)
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
            var variant = product.Variants.Count == 0 ? db.Variants.Add(product.AddDefaultVariant(0)).Entity : product.Variants[0];
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

    private sealed class Counts
    {
        public int Created { get; set; }

        public int Updated { get; set; }
    }

    /// <summary>One batch's new rows, in the order they are inserted.</summary>
    private sealed class NewRows
    {
        public List<Product> Products { get; } = new(ApplyProductImport.BatchSize);

        public List<ProductVariant> Variants { get; } = new(ApplyProductImport.BatchSize);

        public List<ProductTag> Tags { get; } = [];

        public List<InventoryAdjustment> Adjustments { get; } = new(ApplyProductImport.BatchSize);

        public List<ProductSearchDocument> SearchRows { get; } = new(ApplyProductImport.BatchSize);
    }

    /// <summary>
    /// One batch's integration events, written to the catalog's outbox with the batch (in the import's transaction, so
    /// they are recorded if and only if the import commits) — the way the unit of work would write them at the end, but
    /// without holding 50,000 events in memory until then.
    /// </summary>
    private sealed class BatchEvents : IIntegrationEventPublisher
    {
        private readonly List<IntegrationEvent> pending = [];

        public void Publish(IntegrationEvent integrationEvent)
        {
            IntegrationEventContract.Of(integrationEvent.GetType());
            pending.Add(integrationEvent.CorrelationId is null ? integrationEvent with { CorrelationId = CorrelationId.Current } : integrationEvent);
        }

        public List<OutboxMessage> ToOutbox(DateTime now) =>
            pending.Select(e => OutboxMessage.Pending(IntegrationEventContract.ToEnvelope(e), now)).ToList();
    }
}
