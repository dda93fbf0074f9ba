using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Nexus.Modules.Catalog.Domain;

namespace Nexus.Modules.Catalog.Data;

/// <summary>
/// Keeps <see cref="ProductSearchDocument"/> rows in step with the products they describe. Every save of the catalog
/// context asks <see cref="Affected"/> which products the save touches (a product added or edited, a tag added or
/// removed, a category renamed), and after the save rewrites those products' rows from what the database now holds,
/// in the same transaction. Writers therefore never maintain search rows themselves; the database's own index
/// (SQLite FTS5 through triggers, PostgreSQL's generated tsvector) follows the rows. Deleting a product deletes its row
/// by cascade. Set-based writes (<c>ExecuteUpdate</c>) bypass the change tracker and must call <see cref="RefreshAsync"/>.
/// </summary>
internal static class CatalogSearchIndex
{
    private static readonly HashSet<string> SearchedProductProperties = new(StringComparer.Ordinal)
    {
        nameof(Product.Name), nameof(Product.Summary), nameof(Product.DescriptionMarkdown), nameof(Product.CategoryId),
    };

    /// <summary>What a pending save changes that search reads; empty when nothing does.</summary>
    public static SearchChanges Affected(ChangeTracker changes)
    {
        var products = new HashSet<Guid>();
        var categories = new HashSet<Guid>();
        foreach (var entry in changes.Entries())
        {
            switch (entry.Entity)
            {
                case Product product when entry.State == EntityState.Added
                    || (entry.State == EntityState.Modified && entry.Properties.Any(p => p.IsModified && SearchedProductProperties.Contains(p.Metadata.Name))):
                    products.Add(product.Id);
                    break;
                case ProductTag tag when entry.State is EntityState.Added or EntityState.Deleted:
                    products.Add(tag.ProductId);
                    break;
                case Category category when entry.State == EntityState.Modified && entry.Property(nameof(Category.Name)).IsModified:
                    categories.Add(category.Id);
                    break;
            }
        }

        return new SearchChanges(products, categories);
    }

    /// <summary>Rewrites the search rows of <paramref name="productIds"/> and of every product in <paramref name="categoryIds"/>.</summary>
    public static async Task RefreshAsync(CatalogDbContext db, IReadOnlyCollection<Guid> productIds, IReadOnlyCollection<Guid> categoryIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var ids = productIds.ToHashSet();
        if (categoryIds.Count > 0)
        {
            ids.UnionWith(await db.Products.AsNoTracking().Where(p => categoryIds.Contains(p.CategoryId)).Select(p => p.Id).ToListAsync(cancellationToken));
        }

        // In chunks, so an import touching thousands of products stays within every provider's parameter limits.
        foreach (var chunk in ids.Chunk(500))
        {
            var sources = await db.Products.AsNoTracking()
                .Where(p => chunk.Contains(p.Id))
                .Select(p => new { p.Id, p.Name, p.Summary, p.DescriptionMarkdown, Category = p.Category!.Name, Tags = p.Tags.OrderBy(t => t.Tag).Select(t => t.Tag).ToList() })
                .AsSplitQuery()
                .ToListAsync(cancellationToken);
            var rows = await db.SearchDocuments.Where(s => chunk.Contains(s.ProductId)).ToDictionaryAsync(s => s.ProductId, cancellationToken);
            foreach (var source in sources)
            {
                var document = Document(source.Id, source.Name, source.Summary, source.DescriptionMarkdown, source.Category, source.Tags);
                if (rows.TryGetValue(source.Id, out var row))
                {
                    row.Rewrite(document.Name, document.Body, document.CategoryName, document.Tags);
                }
                else
                {
                    db.SearchDocuments.Add(document);
                }
            }
        }
    }

    /// <summary>
    /// The search row of one product, as <see cref="RefreshAsync"/> writes it; writers that insert products in bulk
    /// (the CSV import) build it here from what they insert, so both paths index the same text.
    /// </summary>
    public static ProductSearchDocument Document(Guid productId, string name, string? summary, string descriptionMarkdown, string categoryName, IEnumerable<string> tags)
    {
        var body = string.IsNullOrEmpty(summary) ? descriptionMarkdown : summary + "\n\n" + descriptionMarkdown;
        return new ProductSearchDocument(productId, name, body, categoryName, string.Join(' ', tags.Order(StringComparer.Ordinal)));
    }

    internal sealed record SearchChanges(IReadOnlyCollection<Guid> Products, IReadOnlyCollection<Guid> Categories)
    {
        public bool IsEmpty => Products.Count == 0 && Categories.Count == 0;
    }
}
