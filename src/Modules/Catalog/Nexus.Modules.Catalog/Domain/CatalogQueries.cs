using System.Linq.Expressions;

namespace Nexus.Modules.Catalog.Domain;

/// <summary>
/// The one definition of which products a reader may see, so the storefront, search, the API, sitemaps and other
/// modules' questions agree: <see cref="NotDeleted"/> for the back office and order history, <see cref="Listed"/>
/// (published and not deleted) for everything a shopper sees.
/// </summary>
internal static class CatalogQueries
{
    public static readonly Expression<Func<Product, bool>> IsNotDeleted = p => !p.IsDeleted;

    public static readonly Expression<Func<Product, bool>> IsListed = p => p.IsPublished && !p.IsDeleted;

    public static IQueryable<Product> NotDeleted(this IQueryable<Product> products) => products.Where(IsNotDeleted);

    public static IQueryable<Product> Listed(this IQueryable<Product> products) => products.Where(IsListed);
}
