using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Nexus.Modules.Catalog.Data;
using Nexus.Modules.Catalog.Domain;
using Nexus.Shared.Abstractions.Application;
using Nexus.Shared.Abstractions.Messaging;

namespace Nexus.Modules.Catalog.Features.BulkEditProducts;

/// <summary>What the product list's bulk action does to the ticked products.</summary>
internal enum BulkProductAction
{
    Publish,
    Unpublish,
    Delete,
    MoveToCategory,
}

/// <summary>
/// Publishes, unpublishes, (soft-)deletes or moves to a category many products at once; one commit, with each
/// product's events. Deleted products are left alone; returns how many products changed.
/// </summary>
internal sealed record BulkEditProducts(IReadOnlyList<Guid> ProductIds, BulkProductAction Action, Guid? CategoryId = null) : ICommand<int>
{
    public const int MaxProducts = 500;
}

internal sealed class BulkEditProductsValidator : AbstractValidator<BulkEditProducts>
{
    public BulkEditProductsValidator(CatalogDbContext db)
    {
        RuleFor(c => c.ProductIds).NotEmpty().WithMessage("Tick at least one product.")
            .Must(ids => ids.Count <= BulkEditProducts.MaxProducts).WithMessage($"At most {BulkEditProducts.MaxProducts} products at once.");
        RuleFor(c => c.Action).IsInEnum();
        RuleFor(c => c.CategoryId)
            .NotNull().WithMessage("Choose the category to move the products to.")
            .MustAsync(async (id, ct) => await db.Categories.AnyAsync(c => c.Id == id, ct)).WithMessage("Choose an existing category.")
            .When(c => c.Action == BulkProductAction.MoveToCategory);
    }
}

internal sealed class BulkEditProductsHandler(CatalogDbContext db, IIntegrationEventPublisher events, TimeProvider clock) : IRequestHandler<BulkEditProducts, int>
{
    public async Task<int> Handle(BulkEditProducts request, CancellationToken cancellationToken)
    {
        var ids = request.ProductIds.Distinct().ToList();
        var products = await db.Products.NotDeleted().Where(p => ids.Contains(p.Id)).ToListAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var changed = 0;
        foreach (var product in products)
        {
            switch (request.Action)
            {
                case BulkProductAction.Publish when !product.IsPublished:
                    product.Publish(now);
                    break;
                case BulkProductAction.Unpublish when product.IsPublished:
                    product.Unpublish(now);
                    break;
                case BulkProductAction.MoveToCategory when product.CategoryId != request.CategoryId:
                    product.MoveToCategory(request.CategoryId!.Value, now);
                    break;
                case BulkProductAction.Delete:
                    product.Delete(now);
                    ProductEvents.Deleted(events, product);
                    changed++;
                    continue;
                default:
                    continue;
            }

            ProductEvents.Updated(events, product, product.Version + 1);
            changed++;
        }

        return changed;
    }
}
