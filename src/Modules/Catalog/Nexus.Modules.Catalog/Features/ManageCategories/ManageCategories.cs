using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Nexus.Modules.Catalog.Data;
using Nexus.Modules.Catalog.Domain;
using Nexus.Shared.Abstractions.Application;

namespace Nexus.Modules.Catalog.Features.ManageCategories;

/// <summary>Adds a category under <see cref="ParentId"/> (null: at the top); an empty slug is made from the name.</summary>
internal sealed record CreateCategory(string Name, string? Slug, Guid? ParentId, string? Description, int SortOrder) : ICommand<Guid>;

/// <summary>
/// Renames, re-describes, re-orders and moves a category (never under itself or one of its descendants). A new slug
/// keeps the old one as a redirect. False when the category is unknown.
/// </summary>
internal sealed record UpdateCategory(Guid Id, string Name, string? Slug, Guid? ParentId, string? Description, int SortOrder) : ICommand<bool>;

/// <summary>Deletes an empty category (no sub-categories, no products — deleted products too, which orders may still show).</summary>
internal sealed record DeleteCategory(Guid Id) : ICommand<bool>;

internal sealed class CreateCategoryValidator : AbstractValidator<CreateCategory>
{
    public CreateCategoryValidator(CatalogDbContext db)
    {
        RuleFor(c => c.Name).NotEmpty().WithMessage("Enter a name.").MaximumLength(Category.NameMaxLength);
        RuleFor(c => c.Description).MaximumLength(Category.DescriptionMaxLength);
        RuleFor(c => c.Slug!)
            .Must(s => s == Slug.From(s)).WithMessage("Slug: lower-case letters, digits and single dashes, e.g. laptops.")
            .MaximumLength(Category.SlugMaxLength)
            .MustAsync(async (s, ct) => !await db.Categories.AnyAsync(x => x.Slug == s, ct)).WithMessage("Another category has this slug.")
            .When(c => !string.IsNullOrEmpty(c.Slug));
        RuleFor(c => c.ParentId)
            .MustAsync(async (p, ct) => await db.Categories.AnyAsync(x => x.Id == p, ct)).WithMessage("Choose an existing parent category.")
            .When(c => c.ParentId is not null);
        RuleFor(c => c.Name)
            .MustAsync(async (c, n, ct) => string.IsNullOrEmpty(c.Slug) && Slug.From(n).Length > 0
                ? !await db.Categories.AnyAsync(x => x.Slug == Slug.From(n), ct)
                : true)
            .WithMessage("Another category already has the slug this name makes; enter a different slug.");
    }
}

internal sealed class UpdateCategoryValidator : AbstractValidator<UpdateCategory>
{
    public UpdateCategoryValidator(CatalogDbContext db)
    {
        RuleFor(c => c.Name).NotEmpty().WithMessage("Enter a name.").MaximumLength(Category.NameMaxLength);
        RuleFor(c => c.Description).MaximumLength(Category.DescriptionMaxLength);
        RuleFor(c => c.Slug!)
            .Must(s => s == Slug.From(s)).WithMessage("Slug: lower-case letters, digits and single dashes, e.g. laptops.")
            .MaximumLength(Category.SlugMaxLength)
            .MustAsync(async (c, s, ct) => !await db.Categories.AnyAsync(x => x.Slug == s && x.Id != c.Id, ct)).WithMessage("Another category has this slug.")
            .When(c => !string.IsNullOrEmpty(c.Slug));
        RuleFor(c => c.ParentId)
            .MustAsync(async (p, ct) => await db.Categories.AnyAsync(x => x.Id == p, ct)).WithMessage("Choose an existing parent category.")
            .When(c => c.ParentId is not null);
        RuleFor(c => c.ParentId)
            .MustAsync(async (c, parent, ct) => !await IsSelfOrDescendantAsync(db, c.Id, parent!.Value, ct))
            .WithMessage("A category cannot move under itself or one of its own sub-categories.")
            .When(c => c.ParentId is not null);
    }

    /// <summary>Walks up from the new parent: meeting the category itself means the move would make a cycle.</summary>
    private static async Task<bool> IsSelfOrDescendantAsync(CatalogDbContext db, Guid category, Guid newParent, CancellationToken cancellationToken)
    {
        var parents = await db.Categories.AsNoTracking().Select(c => new { c.Id, c.ParentId }).ToDictionaryAsync(c => c.Id, c => c.ParentId, cancellationToken);
        Guid? current = newParent;
        for (var steps = 0; current is { } at && steps <= parents.Count; steps++)
        {
            if (at == category)
            {
                return true;
            }

            current = parents.GetValueOrDefault(at);
        }

        return false;
    }
}

internal sealed class DeleteCategoryValidator : AbstractValidator<DeleteCategory>
{
    public DeleteCategoryValidator(CatalogDbContext db)
    {
        RuleFor(c => c.Id)
            .MustAsync(async (id, ct) => !await db.Categories.AnyAsync(c => c.ParentId == id, ct))
            .WithMessage("This category has sub-categories; move or delete them first.")
            .MustAsync(async (id, ct) => !await db.Products.AnyAsync(p => p.CategoryId == id, ct))
            .WithMessage("This category still holds products (deleted ones count: orders may show them); move them to another category first.");
    }
}

internal sealed class CreateCategoryHandler(CatalogDbContext db) : IRequestHandler<CreateCategory, Guid>
{
    public Task<Guid> Handle(CreateCategory request, CancellationToken cancellationToken)
    {
        var slug = string.IsNullOrEmpty(request.Slug) ? Slug.From(request.Name) : request.Slug;
        var category = new Category(Guid.CreateVersion7(), request.Name.Trim(), slug, request.ParentId, request.Description?.Trim() ?? string.Empty, request.SortOrder);
        db.Categories.Add(category);
        return Task.FromResult(category.Id);
    }
}

internal sealed class UpdateCategoryHandler(CatalogDbContext db, TimeProvider clock) : IRequestHandler<UpdateCategory, bool>
{
    public async Task<bool> Handle(UpdateCategory request, CancellationToken cancellationToken)
    {
        var category = await db.Categories.FirstOrDefaultAsync(c => c.Id == request.Id, cancellationToken);
        if (category is null)
        {
            return false;
        }

        category.Rename(request.Name.Trim(), request.Description?.Trim() ?? string.Empty);
        category.MoveTo(request.ParentId, request.SortOrder);
        if (!string.IsNullOrEmpty(request.Slug) && request.Slug != category.Slug)
        {
            var old = category.ChangeSlug(request.Slug);
            var now = clock.GetUtcNow().UtcDateTime;
            var redirect = await db.SlugRedirects.FirstOrDefaultAsync(r => r.Kind == SlugKind.Category && r.OldSlug == old, cancellationToken);
            if (redirect is null)
            {
                db.SlugRedirects.Add(new SlugRedirect(SlugKind.Category, old, category.Id, now));
            }
            else
            {
                redirect.PointAt(category.Id, now);
            }
        }

        return true;
    }
}

internal sealed class DeleteCategoryHandler(CatalogDbContext db) : IRequestHandler<DeleteCategory, bool>
{
    public async Task<bool> Handle(DeleteCategory request, CancellationToken cancellationToken)
    {
        var category = await db.Categories.FirstOrDefaultAsync(c => c.Id == request.Id, cancellationToken);
        if (category is null)
        {
            return false;
        }

        // Its old slugs would redirect to nothing.
        db.SlugRedirects.RemoveRange(await db.SlugRedirects.Where(r => r.Kind == SlugKind.Category && r.TargetId == request.Id).ToListAsync(cancellationToken));
        db.Categories.Remove(category);
        return true;
    }
}
