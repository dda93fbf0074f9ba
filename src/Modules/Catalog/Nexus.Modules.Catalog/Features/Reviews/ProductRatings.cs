using Microsoft.EntityFrameworkCore;
using Nexus.Modules.Catalog.Data;
using Nexus.Modules.Catalog.Domain;

namespace Nexus.Modules.Catalog.Features.Reviews;

/// <summary>
/// Keeps a product's denormalised <see cref="Product.RatingAverage"/> and <see cref="Product.RatingCount"/> equal to
/// its visible reviews, counting the changes this unit of work is about to save (a new review, a hidden one) as well
/// as what is stored.
/// </summary>
internal static class ProductRatings
{
    public static async Task RecomputeAsync(CatalogDbContext db, Product product, CancellationToken cancellationToken)
    {
        var stored = await db.Reviews.AsNoTracking().Where(r => r.ProductId == product.Id)
            .Select(r => new { r.Id, r.Rating, r.IsHidden }).ToListAsync(cancellationToken);
        var current = stored.ToDictionary(r => r.Id, r => (r.Rating, r.IsHidden));
        foreach (var entry in db.ChangeTracker.Entries<ProductReview>().Where(e => e.Entity.ProductId == product.Id))
        {
            if (entry.State == EntityState.Deleted)
            {
                current.Remove(entry.Entity.Id);
            }
            else
            {
                current[entry.Entity.Id] = (entry.Entity.Rating, entry.Entity.IsHidden);
            }
        }

        var visible = current.Values.Where(r => !r.IsHidden).Select(r => r.Rating).ToList();
        product.SetRating(visible.Count == 0 ? 0 : visible.Average(), visible.Count);
    }
}
