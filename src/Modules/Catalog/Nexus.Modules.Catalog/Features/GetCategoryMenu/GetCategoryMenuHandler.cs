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
            .OrderBy(c => c.Name)
            .Select(c => new { c.Name, c.Slug })
            .ToListAsync(cancellationToken);
        // Today's categories are one level deep; children come with the nested model.
        menu = new CategoryMenu(categories.Select(c => new CategoryMenuItem(c.Name, c.Slug, [])).ToList());
        cache.Set(CacheKey, menu, Lifetime);
        return menu;
    }
}
