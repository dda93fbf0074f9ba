using MediatR;
using Microsoft.EntityFrameworkCore;
using Nexus.Modules.Catalog.Data;
using Nexus.Shared.Abstractions.Application;

namespace Nexus.Modules.Catalog.Features.Reviews;

/// <summary>
/// A product's visible reviews (newest first, a page of <see cref="PageSize"/>), the distribution of stars, and
/// whether <paramref name="CustomerId"/> (null: a visitor) may write one.
/// </summary>
internal sealed record GetProductReviews(Guid ProductId, string? CustomerId, int Page = 1) : IQuery<ProductReviewsView>
{
    public const int PageSize = 10;
}

internal enum ReviewEligibility
{
    SignInRequired,
    NotPurchased,
    AlreadyReviewed,
    CanReview,
}

internal sealed record ReviewLine(Guid Id, string AuthorName, int Rating, string? Title, string Body, DateTime CreatedAt);

internal sealed record ProductReviewsView(
    Guid ProductId,
    string ProductSlug,
    double Average,
    int Count,
    IReadOnlyList<int> Distribution,
    IReadOnlyList<ReviewLine> Reviews,
    int Page,
    ReviewEligibility Eligibility)
{
    /// <summary>The share of reviews with <paramref name="stars"/> stars, 0–100.</summary>
    public int Percent(int stars) => Count == 0 ? 0 : (int)Math.Round(100.0 * Distribution[stars - 1] / Count);

    public int PageCount => Math.Max(1, (Count + GetProductReviews.PageSize - 1) / GetProductReviews.PageSize);
}

internal sealed class GetProductReviewsHandler(CatalogDbContext db) : IRequestHandler<GetProductReviews, ProductReviewsView>
{
    public async Task<ProductReviewsView> Handle(GetProductReviews request, CancellationToken cancellationToken)
    {
        var visible = db.Reviews.AsNoTracking().Where(r => r.ProductId == request.ProductId && !r.IsHidden);
        var counts = await visible.GroupBy(r => r.Rating).Select(g => new { Rating = g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        var distribution = Enumerable.Range(1, 5).Select(stars => counts.FirstOrDefault(c => c.Rating == stars)?.Count ?? 0).ToList();
        var count = distribution.Sum();
        var average = count == 0 ? 0 : Math.Round(distribution.Select((n, i) => n * (i + 1)).Sum() / (double)count, 2);
        var page = Math.Clamp(request.Page, 1, Math.Max(1, (count + GetProductReviews.PageSize - 1) / GetProductReviews.PageSize));
        var reviews = await visible
            .OrderByDescending(r => r.CreatedAt).ThenBy(r => r.Id)
            .Skip((page - 1) * GetProductReviews.PageSize).Take(GetProductReviews.PageSize)
            .Select(r => new ReviewLine(r.Id, r.AuthorName, r.Rating, r.Title, r.Body, r.CreatedAt))
            .ToListAsync(cancellationToken);
        var slug = await db.Products.AsNoTracking().Where(p => p.Id == request.ProductId).Select(p => p.Slug).FirstOrDefaultAsync(cancellationToken) ?? string.Empty;
        return new ProductReviewsView(request.ProductId, slug, average, count, distribution, reviews, page, await EligibilityAsync(request, cancellationToken));
    }

    private async Task<ReviewEligibility> EligibilityAsync(GetProductReviews request, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(request.CustomerId))
        {
            return ReviewEligibility.SignInRequired;
        }

        if (await db.Reviews.AnyAsync(r => r.ProductId == request.ProductId && r.CustomerId == request.CustomerId, cancellationToken))
        {
            return ReviewEligibility.AlreadyReviewed;
        }

        return await db.Purchases.AnyAsync(p => p.ProductId == request.ProductId && p.CustomerId == request.CustomerId, cancellationToken)
            ? ReviewEligibility.CanReview
            : ReviewEligibility.NotPurchased;
    }
}
