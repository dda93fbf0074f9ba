using MediatR;
using Microsoft.EntityFrameworkCore;
using Nexus.Modules.Catalog.Contracts.Products;
using Nexus.Modules.Catalog.Data;
using Nexus.Modules.Catalog.Images;

namespace Nexus.Modules.Catalog.Features.GetPurchasableVariants;

/// <summary>
/// Answers the cart and checkout with what a variant costs and how many can be sold now. Reads the database every
/// time (never the storefront's snapshot cache): a cart must not charge a price or promise stock that changed a
/// moment ago. Deleted products are treated as unknown for a shopper only through <see cref="PurchasableVariant.IsPurchasable"/>
/// — they stay in the answer so a cart can say "no longer sold" instead of silently dropping the line.
/// </summary>
internal sealed class GetPurchasableVariantsHandler : IRequestHandler<Contracts.Products.GetPurchasableVariants, IReadOnlyList<PurchasableVariant>>
{
    /// <summary>A cart holds few lines; the cap keeps a hostile request from building a huge IN list.</summary>
    private const int MaxIds = 500;

    /// <summary>
    /// Digital products are delivered as license keys and never run out (<c>Product.InStock</c> says the same), so they
    /// report "unlimited"; their variants' stock columns stay 0.
    /// </summary>
    public const int DigitalAvailable = int.MaxValue;

    private readonly CatalogDbContext db;

    public GetPurchasableVariantsHandler(CatalogDbContext db) => this.db = db;

    public async Task<IReadOnlyList<PurchasableVariant>> Handle(Contracts.Products.GetPurchasableVariants request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var ids = request.VariantIds.Distinct().Take(MaxIds).ToList();
        if (ids.Count == 0)
        {
            return [];
        }

        var rows = await (
            from v in db.Variants.AsNoTracking()
            join p in db.Products.AsNoTracking() on v.ProductId equals p.Id
            where ids.Contains(v.Id)
            select new
            {
                v.Id,
                v.ProductId,
                v.Sku,
                v.Option1,
                v.Option2,
                v.Option3,
                VariantPrice = v.PriceMinor,
                v.StockOnHand,
                v.ImageId,
                p.Name,
                p.Slug,
                ProductPrice = p.PriceMinor,
                p.Currency,
                p.IsDigital,
                p.IsPublished,
                p.IsDeleted,
            }).ToListAsync(cancellationToken);

        var productIds = rows.Select(r => r.ProductId).Distinct().ToList();
        var images = await db.Images.AsNoTracking()
            .Where(i => productIds.Contains(i.ProductId))
            .Select(i => new { i.Id, i.ProductId, i.Key, i.IsPrimary, i.SortOrder })
            .ToListAsync(cancellationToken);

        return rows.Select(r =>
        {
            // The variant's own picture when it has one, else the product's primary (else first) picture.
            var image = images.FirstOrDefault(i => r.ImageId is not null && i.Id == r.ImageId)
                ?? images.Where(i => i.ProductId == r.ProductId).OrderByDescending(i => i.IsPrimary).ThenBy(i => i.SortOrder).FirstOrDefault();
            var title = string.Join(" / ", new[] { r.Option1, r.Option2, r.Option3 }.Where(o => !string.IsNullOrEmpty(o)));
            return new PurchasableVariant(
                r.Id,
                r.ProductId,
                r.Sku,
                r.Name,
                title,
                r.Slug,
                r.VariantPrice ?? r.ProductPrice,
                r.Currency,
                r.IsDigital,
                r.IsDigital ? DigitalAvailable : Math.Max(0, r.StockOnHand),
                image is null ? null : CatalogImageKey.Url(image.Key, CatalogImageSize.Small),
                r.IsPublished && !r.IsDeleted);
        }).ToList();
    }
}
