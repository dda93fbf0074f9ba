using System.ComponentModel.DataAnnotations;

namespace Nexus.Modules.Catalog;

/// <summary>The <c>Modules:Catalog</c> section.</summary>
internal sealed class CatalogOptions
{
    /// <summary>Products per storefront page.</summary>
    [Range(1, 100)]
    public int PageSize { get; set; } = 24;

    /// <summary>The shop's currency (ISO 4217), in which products are priced and shown; the demo catalog uses USD.</summary>
    [RegularExpression("^[A-Z]{3}$")]
    public string Currency { get; set; } = "USD";

    /// <summary>
    /// Draw the demo catalog's pictures in the background after start-up (<see cref="Images.DemoImagePainter"/>), so the
    /// shop's first visitors do not wait for them. Off: each is drawn on its first request. Test hosts turn it off (many
    /// short-lived hosts on one machine) unless they measure the first visit.
    /// </summary>
    public bool DrawDemoImagesInBackground { get; set; } = true;

    /// <summary>
    /// Bench-Catalog only: serves <c>/_bench/catalog-bare</c>, the reference page that renders a listing held in memory
    /// with the same layout and partials (404 unless set).
    /// </summary>
    public bool BenchReference { get; set; }
}
