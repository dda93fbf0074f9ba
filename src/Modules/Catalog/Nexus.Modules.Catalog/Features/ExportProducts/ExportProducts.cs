using System.Runtime.CompilerServices;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Nexus.Modules.Catalog.Csv;
using Nexus.Modules.Catalog.Data;
using Nexus.Modules.Catalog.Domain;
using Nexus.Shared.Abstractions.Application;

namespace Nexus.Modules.Catalog.Features.ExportProducts;

/// <summary>
/// Every product that is not deleted, as CSV records (the header first) in the import's shape, so an export imports
/// back unchanged. Streamed from the database a row at a time: the caller writes each record to the response as it
/// comes, and memory does not grow with the catalog.
/// </summary>
internal sealed record ExportProducts : IQuery<IAsyncEnumerable<string?[]>>;

internal sealed class ExportProductsHandler(CatalogDbContext db) : IRequestHandler<ExportProducts, IAsyncEnumerable<string?[]>>
{
    public async Task<IAsyncEnumerable<string?[]>> Handle(ExportProducts request, CancellationToken cancellationToken)
    {
        var categories = await db.Categories.AsNoTracking().Select(c => new { c.Id, c.ParentId, c.Slug }).ToListAsync(cancellationToken);
        var byId = categories.ToDictionary(c => c.Id);
        var paths = categories.ToDictionary(c => c.Id, c =>
        {
            var path = c.Slug;
            var parent = c.ParentId;
            for (var depth = 0; parent is { } id && byId.TryGetValue(id, out var up) && depth < 32; depth++)
            {
                path = up.Slug + "/" + path;
                parent = up.ParentId;
            }

            return path;
        });
        return Rows(paths, cancellationToken);
    }

    private async IAsyncEnumerable<string?[]> Rows(Dictionary<Guid, string> categoryPaths, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        yield return [.. ProductCsv.Columns];
        var rows = db.Products.AsNoTracking().NotDeleted().OrderBy(p => p.Sku)
            .Select(p => new
            {
                p.Sku, p.Name, p.Slug, p.CategoryId, p.PriceMinor, p.CompareAtPriceMinor, p.StockOnHand, p.IsPublished, p.IsDigital,
                Tags = p.Tags.OrderBy(t => t.Tag).Select(t => t.Tag).ToList(),
                p.Summary, p.DescriptionMarkdown, p.MetaDescription, p.LowStockThreshold,
            })
            .AsAsyncEnumerable();
        await foreach (var p in rows.WithCancellation(cancellationToken))
        {
            yield return
            [
                p.Sku, p.Name, p.Slug, categoryPaths.GetValueOrDefault(p.CategoryId, string.Empty), ProductCsv.FormatPrice(p.PriceMinor),
                p.CompareAtPriceMinor is { } compareAt ? ProductCsv.FormatPrice(compareAt) : string.Empty,
                p.StockOnHand.ToString(System.Globalization.CultureInfo.InvariantCulture), ProductCsv.FormatBool(p.IsPublished),
                ProductCsv.FormatBool(p.IsDigital), string.Join(ProductCsv.TagSeparator, p.Tags), p.Summary, p.DescriptionMarkdown,
                p.MetaDescription, p.LowStockThreshold.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ];
        }
    }
}
