using MediatR;
using Microsoft.EntityFrameworkCore;
using Nexus.Modules.Catalog.Data;
using Nexus.Modules.Catalog.Domain;

namespace Nexus.Modules.Catalog.Features.Reviews;

internal sealed class SubmitReviewHandler(CatalogDbContext db, TimeProvider clock) : IRequestHandler<SubmitReview, Guid>
{
    public async Task<Guid> Handle(SubmitReview request, CancellationToken cancellationToken)
    {
        var product = await db.Products.SingleAsync(p => p.Id == request.ProductId, cancellationToken);
        var title = string.IsNullOrWhiteSpace(request.Title) ? null : request.Title.Trim();
        var review = new ProductReview(Guid.CreateVersion7(), product.Id, request.CustomerId, request.AuthorName.Trim(), request.Rating, title, request.Body.Trim(), clock.GetUtcNow().UtcDateTime);
        db.Reviews.Add(review);
        await ProductRatings.RecomputeAsync(db, product, cancellationToken);
        return review.Id;
    }
}
