using Markdig;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Nexus.Modules.Catalog.Data;
using Nexus.Modules.Catalog.Domain;
using Nexus.Modules.Catalog.Features;
using Nexus.Shared.Abstractions.Application;

namespace Nexus.Modules.Catalog.Features.GetProductPage;

/// <summary>
/// A product page by slug. Answers the product (listed only), or the current slug when <paramref name="Slug"/> is an
/// old one (the page redirects with 301), or nothing (404).
/// </summary>
internal sealed record GetProductPage(string Slug) : IQuery<ProductPageResult>;

internal sealed record ProductPageResult(ProductDetails? Product, string? MovedTo);

internal sealed record ProductDetails(
    Guid Id,
    string Sku,
    string Name,
    string Slug,
    string? Summary,
    string? MetaDescription,
    string DescriptionHtml,
    long PriceMinor,
    long? CompareAtPriceMinor,
    string Currency,
    bool IsDigital,
    int StockOnHand,
    double RatingAverage,
    int RatingCount,
    IReadOnlyList<ListedCategory> CategoryPath,
    IReadOnlyList<ListedImage> Images,
    IReadOnlyList<string> OptionNames,
    IReadOnlyList<VariantDetails> Variants,
    IReadOnlyList<(string Name, string Value)> Specifications,
    IReadOnlyList<string> Tags,
    IReadOnlyList<ListedProduct> Related);

internal sealed record VariantDetails(Guid Id, string Sku, string? Option1, string? Option2, string? Option3, long PriceMinor, int StockOnHand, string Title)
{
    public string? Option(int index) => index switch { 0 => Option1, 1 => Option2, _ => Option3 };
}

internal sealed class GetProductPageHandler : IRequestHandler<GetProductPage, ProductPageResult>
{
    public const int RelatedCount = 4;

    // Raw HTML in a description is shown as text, never as markup: an admin's paste cannot inject script or styles.
    private static readonly MarkdownPipeline Markdown = new MarkdownPipelineBuilder().DisableHtml().UsePipeTables().Build();

    private readonly CatalogDbContext db;
    private readonly CatalogSnapshotCache cache;

    public GetProductPageHandler(CatalogDbContext db, CatalogSnapshotCache cache)
    {
        this.db = db;
        this.cache = cache;
    }

    public async Task<ProductPageResult> Handle(GetProductPage request, CancellationToken cancellationToken)
    {
        var slug = request.Slug.ToLowerInvariant();
        if (slug.Length > Product.SlugMaxLength)
        {
            return new ProductPageResult(null, null);
        }

        var product = await db.Products.AsNoTracking().Listed()
            .Include(p => p.Images).Include(p => p.Variants).Include(p => p.Specifications).Include(p => p.Tags)
            .AsSplitQuery()
            .SingleOrDefaultAsync(p => p.Slug == slug, cancellationToken);
        if (product is null)
        {
            var target = await db.SlugRedirects.AsNoTracking()
                .Where(r => r.Kind == SlugKind.Product && r.OldSlug == slug)
                .Join(db.Products.Listed(), r => r.TargetId, p => p.Id, (r, p) => p.Slug)
                .FirstOrDefaultAsync(cancellationToken);
            return new ProductPageResult(null, target);
        }

        var snapshot = await cache.GetAsync(db, cancellationToken);
        var related = snapshot.Products
            .Where(p => p.CategoryId == product.CategoryId && p.Id != product.Id)
            .OrderByDescending(p => p.RatingAverage).ThenBy(p => p.Name, StringComparer.OrdinalIgnoreCase).ThenBy(p => p.Id)
            .Take(RelatedCount)
            .ToList();
        var images = product.Images
            .OrderByDescending(i => i.IsPrimary).ThenBy(i => i.SortOrder)
            .Select(i => new ListedImage(i.Key, string.IsNullOrWhiteSpace(i.AltText) ? product.Name : i.AltText, i.Width, i.Height))
            .ToList();
        var variants = product.Variants
            .OrderBy(v => v.Option1).ThenBy(v => v.Option2).ThenBy(v => v.Option3).ThenBy(v => v.Sku, StringComparer.Ordinal)
            .Select(v => new VariantDetails(v.Id, v.Sku, v.Option1, v.Option2, v.Option3, v.EffectivePriceMinor(product), v.StockOnHand, v.Title))
            .ToList();
        return new ProductPageResult(
            new ProductDetails(
                product.Id, product.Sku, product.Name, product.Slug, product.Summary, product.MetaDescription,
                Markdig.Markdown.ToHtml(product.DescriptionMarkdown, Markdown),
                product.PriceMinor, product.CompareAtPriceMinor, product.Currency, product.IsDigital, product.StockOnHand,
                product.RatingAverage, product.RatingCount,
                snapshot.PathTo(product.CategoryId),
                images,
                product.OptionNames,
                variants,
                product.Specifications.OrderBy(s => s.SortOrder).Select(s => (s.Name, s.Value)).ToList(),
                product.Tags.Select(t => t.Tag).Order(StringComparer.Ordinal).ToList(),
                related),
            null);
    }
}
