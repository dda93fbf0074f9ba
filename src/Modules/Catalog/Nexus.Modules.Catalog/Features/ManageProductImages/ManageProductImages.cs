using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Nexus.Modules.Catalog.Data;
using Nexus.Modules.Catalog.Domain;
using Nexus.Modules.Catalog.Images;
using Nexus.Shared.Abstractions.Application;
using Nexus.Shared.Abstractions.Messaging;
using Nexus.Shared.Application;

namespace Nexus.Modules.Catalog.Features.ManageProductImages;

/// <summary>
/// Adds an uploaded picture (already checked and re-encoded by <see cref="ImageIntake"/>) to a product: its three
/// sizes go to the image store under a fresh key first, then the row is committed, so a committed image always has its
/// files. The first image becomes the primary one. False when the product is unknown or deleted.
/// </summary>
internal sealed record AddProductImage(Guid ProductId, ProcessedImage Image, string AltText) : ICommand<bool>
{
    public const int MaxImages = 20;
}

/// <summary>The editor's image list saved at once: alt texts, order (by position in the list) and the primary image.</summary>
internal sealed record ArrangeProductImages(Guid ProductId, IReadOnlyList<ImageArrangement> Images, Guid? PrimaryImageId) : ICommand<bool>;

internal sealed record ImageArrangement(Guid ImageId, string AltText, int SortOrder);

/// <summary>Removes one image (its files are deleted after the commit); the next image becomes primary.</summary>
internal sealed record RemoveProductImage(Guid ProductId, Guid ImageId) : ICommand<bool>;

internal sealed class AddProductImageValidator : AbstractValidator<AddProductImage>
{
    public AddProductImageValidator(CatalogDbContext db)
    {
        RuleFor(c => c.AltText).MaximumLength(ProductImage.AltTextMaxLength);
        RuleFor(c => c.ProductId)
            .MustAsync(async (id, ct) => await db.Images.CountAsync(i => i.ProductId == id, ct) < AddProductImage.MaxImages)
            .WithMessage($"A product has at most {AddProductImage.MaxImages} images; delete one first.");
    }
}

internal sealed class ArrangeProductImagesValidator : AbstractValidator<ArrangeProductImages>
{
    public ArrangeProductImagesValidator()
    {
        RuleForEach(c => c.Images).ChildRules(image =>
            image.RuleFor(i => i.AltText).MaximumLength(ProductImage.AltTextMaxLength).WithMessage($"Alt text is at most {ProductImage.AltTextMaxLength} characters."));
    }
}

internal sealed class AddProductImageHandler(CatalogDbContext db, ICatalogImageStore store, IIntegrationEventPublisher events, TimeProvider clock)
    : IRequestHandler<AddProductImage, bool>
{
    public async Task<bool> Handle(AddProductImage request, CancellationToken cancellationToken)
    {
        var product = await db.Products.NotDeleted().Include(p => p.Images).FirstOrDefaultAsync(p => p.Id == request.ProductId, cancellationToken);
        if (product is null)
        {
            return false;
        }

        var key = CatalogImageKey.New();
        foreach (var size in CatalogImageSizes.All)
        {
            await store.PutAsync(key, size, request.Image.Renditions[size], cancellationToken);
        }

        product.AddImage(Guid.CreateVersion7(), key, request.AltText.Trim(), request.Image.Width, request.Image.Height);
        Touch(db, product, clock);
        ProductEvents.Updated(events, product, product.Version + 1);
        return true;
    }

    // An image change is a change to the product: its token moves, so a stale editor form is told.
    internal static void Touch(CatalogDbContext db, Product product, TimeProvider clock) =>
        db.Entry(product).Property(p => p.UpdatedAt).CurrentValue = clock.GetUtcNow().UtcDateTime;
}

internal sealed class ArrangeProductImagesHandler(CatalogDbContext db, IIntegrationEventPublisher events, TimeProvider clock)
    : IRequestHandler<ArrangeProductImages, bool>
{
    public async Task<bool> Handle(ArrangeProductImages request, CancellationToken cancellationToken)
    {
        var product = await db.Products.NotDeleted().Include(p => p.Images).FirstOrDefaultAsync(p => p.Id == request.ProductId, cancellationToken);
        if (product is null)
        {
            return false;
        }

        var order = 0;
        foreach (var arrangement in request.Images.OrderBy(i => i.SortOrder))
        {
            if (product.Images.FirstOrDefault(i => i.Id == arrangement.ImageId) is { } image)
            {
                image.Describe(arrangement.AltText.Trim());
                image.MoveTo(order++);
            }
        }

        if (request.PrimaryImageId is { } primary && product.Images.Any(i => i.Id == primary))
        {
            product.SetPrimaryImage(primary);
        }

        AddProductImageHandler.Touch(db, product, clock);
        ProductEvents.Updated(events, product, product.Version + 1);
        return true;
    }
}

internal sealed class RemoveProductImageHandler(CatalogDbContext db, ICatalogImageStore store, AfterCommit afterCommit, IIntegrationEventPublisher events, TimeProvider clock)
    : IRequestHandler<RemoveProductImage, bool>
{
    public async Task<bool> Handle(RemoveProductImage request, CancellationToken cancellationToken)
    {
        var product = await db.Products.NotDeleted().Include(p => p.Images).Include(p => p.Variants)
            .FirstOrDefaultAsync(p => p.Id == request.ProductId, cancellationToken);
        if (product?.Images.FirstOrDefault(i => i.Id == request.ImageId) is not { } image)
        {
            return false;
        }

        product.RemoveImage(image);
        db.Images.Remove(image);
        AddProductImageHandler.Touch(db, product, clock);
        ProductEvents.Updated(events, product, product.Version + 1);
        // Only once the row is gone for good: a failed save keeps both the row and its files.
        var key = image.Key;
        afterCommit.Enqueue(db, _ =>
        {
            store.Delete(key);
            return Task.CompletedTask;
        });
        return true;
    }
}
