using MediatR;
using Microsoft.EntityFrameworkCore;
using Nexus.Modules.Catalog.Contracts.Storefront;
using Nexus.Modules.Catalog.Data;

namespace Nexus.Modules.Catalog.Features.ListSitemapEntries;

/// <summary>Listed categories, then listed products, streamed from the database as the sitemap is written.</summary>
internal sealed class ListSitemapEntriesHandler(CatalogDbContext db) : IRequestHandler<Contracts.Storefront.ListSitemapEntries, IAsyncEnumerable<SitemapEntry>>
{
    public Task<IAsyncEnumerable<SitemapEntry>> Handle(Contracts.Storefront.ListSitemapEntries request, CancellationToken cancellationToken) =>
        Task.FromResult(Entries(cancellationToken));

    private async IAsyncEnumerable<SitemapEntry> Entries([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var categories = db.Categories.AsNoTracking().OrderBy(c => c.Slug).Select(c => c.Slug).AsAsyncEnumerable();
        await foreach (var slug in categories.WithCancellation(cancellationToken))
        {
            yield return new SitemapEntry("/categories/" + Uri.EscapeDataString(slug), null);
        }

        var products = db.Products.AsNoTracking()
            .Where(p => p.IsPublished)
            .OrderBy(p => p.Slug)
            .Select(p => new { p.Slug, p.UpdatedAt })
            .AsAsyncEnumerable();
        await foreach (var product in products.WithCancellation(cancellationToken))
        {
            yield return new SitemapEntry("/products/" + Uri.EscapeDataString(product.Slug), product.UpdatedAt);
        }
    }
}
