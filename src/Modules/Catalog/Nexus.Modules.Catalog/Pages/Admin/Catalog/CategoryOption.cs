using Microsoft.EntityFrameworkCore;
using Nexus.Modules.Catalog.Data;

namespace Nexus.Modules.Catalog.Pages.Admin.Catalog;

/// <summary>A category for a select list, indented by depth ("Computers › Laptops"), in tree order.</summary>
internal sealed record CategoryOption(Guid Id, string Label, int Depth)
{
    public static async Task<IReadOnlyList<CategoryOption>> LoadAsync(CatalogDbContext db, CancellationToken cancellationToken)
    {
        var all = await db.Categories.AsNoTracking().Select(c => new { c.Id, c.ParentId, c.Name, c.SortOrder }).ToListAsync(cancellationToken);
        var children = all.ToLookup(c => c.ParentId);
        var result = new List<CategoryOption>(all.Count);
        void Walk(Guid? parent, string prefix, int depth)
        {
            if (depth > 32)
            {
                return;
            }

            foreach (var category in children[parent].OrderBy(c => c.SortOrder).ThenBy(c => c.Name, StringComparer.OrdinalIgnoreCase))
            {
                var label = prefix.Length == 0 ? category.Name : prefix + " › " + category.Name;
                result.Add(new CategoryOption(category.Id, label, depth));
                Walk(category.Id, label, depth + 1);
            }
        }

        Walk(null, string.Empty, 0);
        return result;
    }
}
