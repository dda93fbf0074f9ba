using Nexus.Modules.Catalog.Features.BrowseCatalog;
using Nexus.Modules.Catalog.Features;

namespace Nexus.Modules.Catalog.Pages;

/// <summary>
/// A product card: the product, the search terms to highlight, whether its image is below the fold (lazy), and whether
/// it is likely the page's largest paint (the first card: fetched with high priority).
/// </summary>
internal sealed record ProductCardView(ListedProduct Product, IReadOnlyList<string> Terms, bool Lazy, bool Priority = false);
