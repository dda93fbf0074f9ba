using System.ComponentModel.DataAnnotations;

namespace Nexus.Modules.Catalog;

/// <summary>The <c>Modules:Catalog</c> section.</summary>
internal sealed class CatalogOptions
{
    /// <summary>Products per storefront page.</summary>
    [Range(1, 100)]
    public int PageSize { get; set; } = 24;
}
