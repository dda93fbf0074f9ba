using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Nexus.Modules.Catalog.Contracts.Storefront;
using Nexus.Modules.Catalog.Data;

namespace Nexus.Modules.Catalog.Features.GetCategoryMenu;

/// <summary>
/// Reads the category menu every shop page shows. It changes rarely and is read on every page, so it is kept for
/// <see cref="Lifetime"/> per instance: a renamed or new category reaches the menu within that time on every
/// instance, without any instance having to hear about the change.
/// </summary>
internal sealed class GetCategoryMenuHandler(CatalogDbContext db, IMemoryCache cache) : IRequestHandler<Contracts.Storefront.GetCategoryMenu, CategoryMenu>
{
    internal static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(30);
    private static readonly object CacheKey = new();

    public async Task<CategoryMenu> Handle(Contracts.Storefront.GetCategoryMenu request, CancellationToken cancellationToken)
    {
        if (cache.TryGetValue(CacheKey, out CategoryMenu? menu) && menu is not null)
        {
            return menu;
        }

        var categories = await db.Categories.AsNoTracking()
            .Select(c => new { c.Id, c.ParentId, c.Name, c.Slug, c.SortOrder })
            .ToListAsync(cancellationToken);
        var children = categories.Where(c => c.ParentId is not null).ToLookup(c => c.ParentId!.Value);
        // Top-level categories with their direct children, each level in the admin's order (then by name): the menu
        // shows two levels; deeper ones are reached from the category pages.
        menu = new CategoryMenu(categories
            .Where(c => c.ParentId is null)
            .OrderBy(c => c.SortOrder).ThenBy(c => c.Name, StringComparer.OrdinalIgnoreCase)
            .Select(top => new CategoryMenuItem(top.Name, top.Slug, children[top.Id]
                .OrderBy(c => c.SortOrder).ThenBy(c => c.Name, StringComparer.OrdinalIgnoreCase)
                .Select(child => new CategoryMenuItem(child.Name, child.Slug, []))
                .ToList()))
            .ToList());
        cache.Set(CacheKey, menu, Lifetime);
        return menu;
    }
}
