using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Nexus.Modules.Catalog.Data;
using Nexus.Modules.Catalog.Domain;

namespace Nexus.Modules.Catalog.Features.Reviews;

internal sealed class SubmitReviewValidator : AbstractValidator<SubmitReview>
{
    public SubmitReviewValidator(CatalogDbContext db)
    {
        RuleFor(r => r.Rating).InclusiveBetween(1, 5).WithMessage("Choose from 1 to 5 stars.");
        RuleFor(r => r.Title).MaximumLength(ProductReview.TitleMaxLength);
        RuleFor(r => r.Body)
            .Must(b => (b?.Trim().Length ?? 0) >= ProductReview.BodyMinLength).WithMessage($"Write at least {ProductReview.BodyMinLength} characters.")
            .MaximumLength(ProductReview.BodyMaxLength);
        RuleFor(r => r.AuthorName).NotEmpty().MaximumLength(ProductReview.AuthorMaxLength);
        RuleFor(r => r.CustomerId).NotEmpty().MaximumLength(ProductReview.CustomerIdMaxLength).WithMessage("Sign in to review.");
        RuleFor(r => r.ProductId)
            .MustAsync(async (id, ct) => await db.Products.Listed().AnyAsync(p => p.Id == id, ct)).WithMessage("This product is not for sale.")
            .DependentRules(() =>
            {
                // Only a verified purchase may be reviewed, and only once.
                RuleFor(r => r)
                    .MustAsync(async (r, ct) => await db.Purchases.AnyAsync(p => p.ProductId == r.ProductId && p.CustomerId == r.CustomerId, ct))
                    .WithName(nameof(SubmitReview.ProductId)).WithMessage("Only customers who bought this product can review it.")
                    .MustAsync(async (r, ct) => !await db.Reviews.AnyAsync(x => x.ProductId == r.ProductId && x.CustomerId == r.CustomerId, ct))
                    .WithName(nameof(SubmitReview.ProductId)).WithMessage("You have already reviewed this product.");
            });
    }
}
