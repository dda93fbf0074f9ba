using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Nexus.Modules.Catalog.Data;
using Nexus.Shared.Abstractions.Application;

namespace Nexus.Modules.Catalog.Features.Reviews;

/// <summary>An admin hides a review from the shop (or shows it again); the product's rating follows. False: no such review.</summary>
internal sealed record HideReview(Guid ReviewId, bool Hidden, string ActorId) : ICommand<bool>;

internal sealed class HideReviewValidator : AbstractValidator<HideReview>
{
    public HideReviewValidator() => RuleFor(h => h.ActorId).NotEmpty().MaximumLength(64);
}

internal sealed class HideReviewHandler(CatalogDbContext db, TimeProvider clock) : IRequestHandler<HideReview, bool>
{
    public async Task<bool> Handle(HideReview request, CancellationToken cancellationToken)
    {
        var review = await db.Reviews.SingleOrDefaultAsync(r => r.Id == request.ReviewId, cancellationToken);
        if (review is null)
        {
            return false;
        }

        if (request.Hidden)
        {
            review.Hide(request.ActorId, clock.GetUtcNow().UtcDateTime);
        }
        else
        {
            review.Unhide();
        }

        var product = await db.Products.SingleAsync(p => p.Id == review.ProductId, cancellationToken);
        await ProductRatings.RecomputeAsync(db, product, cancellationToken);
        return true;
    }
}
