using Nexus.Modules.Catalog.Features.BrowseCatalog;
using Nexus.Modules.Catalog.Features;

namespace Nexus.Modules.Catalog.Pages;

/// <summary>A product card: the product, the search terms to highlight, and whether its image is below the fold (lazy).</summary>
internal sealed record ProductCardView(ListedProduct Product, IReadOnlyList<string> Terms, bool Lazy);
