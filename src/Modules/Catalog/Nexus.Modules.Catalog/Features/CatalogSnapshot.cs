using System.Collections.Concurrent;
using Nexus.Modules.Catalog.Features.BrowseCatalog;

namespace Nexus.Modules.Catalog.Features;

/// <summary>What a listing needs to know of one listed product (published, not deleted).</summary>
internal sealed record ListedProduct(
    Guid Id,
    string Name,
    string Slug,
    string? Summary,
    long PriceMinor,
    long? CompareAtPriceMinor,
    string Currency,
    Guid CategoryId,
    bool IsDigital,
    int StockOnHand,
    double RatingAverage,
    int RatingCount,
    DateTime CreatedAt,
    IReadOnlyList<string> Tags,
    ListedImage? Image)
{
    public bool InStock => IsDigital || StockOnHand > 0;
}

/// <summary>A product's primary picture: its store key (<c>/media/catalog/{key}-m.webp</c>), alt text and largest size.</summary>
internal sealed record ListedImage(string Key, string AltText, int Width, int Height);

/// <summary>A shelf in the category tree.</summary>
internal sealed record ListedCategory(Guid Id, Guid? ParentId, string Name, string Slug, string Description, int SortOrder);

/// <summary>
/// The listed catalog as one immutable value: every listed product's listing facts and the category tree. Listings,
/// filters and facet counts are computed from it in memory (a few thousand rows cost microseconds to scan); it is
/// rebuilt from the database when the catalog changes (<see cref="CatalogSnapshotCache"/>).
/// </summary>
internal sealed class CatalogSnapshot
{
    /// <summary>At most this many computed listings are kept per snapshot (a few KB each).</summary>
    public const int MaxRememberedListings = 2000;

    // Listings computed from this snapshot, by canonical query (filter + page). A listing is a pure function of the
    // snapshot and its query (CatalogBrowser), so it lives exactly as long as the snapshot: a changed catalog is a new
    // snapshot with an empty memo, and nothing here needs invalidating of its own.
    private readonly ConcurrentDictionary<string, CatalogListing> listings = new(StringComparer.Ordinal);
    private readonly Dictionary<Guid, ListedCategory> categoriesById;
    private readonly Dictionary<string, ListedCategory> categoriesBySlug;
    private readonly Dictionary<Guid, HashSet<Guid>> subtrees = [];
    private readonly Dictionary<Guid, List<ListedCategory>> children;
    private readonly List<ListedCategory> roots;

    public CatalogSnapshot(IReadOnlyList<ListedProduct> products, IReadOnlyList<ListedCategory> categories, long generation = 0)
    {
        Products = products;
        Categories = categories;
        Generation = generation;
        categoriesById = categories.ToDictionary(c => c.Id);
        categoriesBySlug = categories.ToDictionary(c => c.Slug, StringComparer.Ordinal);
        // A category whose parent is missing is shown at the top rather than lost.
        bool IsRoot(ListedCategory c) => c.ParentId is not { } parent || !categoriesById.ContainsKey(parent);
        roots = Ordered(categories.Where(IsRoot));
        children = categories.Where(c => !IsRoot(c))
            .GroupBy(c => c.ParentId!.Value)
            .ToDictionary(g => g.Key, g => Ordered(g));
        foreach (var category in categories)
        {
            var set = new HashSet<Guid>();
            Collect(category.Id, set);
            subtrees[category.Id] = set;
        }

        ProductsById = products.ToDictionary(p => p.Id);
        Vocabulary = products.SelectMany(p => SearchText.Words(p.Name))
            .Concat(categories.SelectMany(c => SearchText.Words(c.Name)))
            .Concat(products.SelectMany(p => p.Tags).SelectMany(SearchText.Words))
            .Where(w => w.Length >= 3)
            .Distinct(StringComparer.Ordinal)
            .ToArray();
    }

    public long Generation { get; }

    public IReadOnlyList<ListedProduct> Products { get; }

    public IReadOnlyDictionary<Guid, ListedProduct> ProductsById { get; }

    public IReadOnlyList<ListedCategory> Categories { get; }

    /// <summary>Lower-case words of product names, category names and tags, for "did you mean" suggestions.</summary>
    public IReadOnlyList<string> Vocabulary { get; }

    /// <summary>A listing computed from this snapshot earlier for the same canonical query, if any.</summary>
    public bool TryRecallListing(string query, out CatalogListing listing) => listings.TryGetValue(query, out listing!);

    /// <summary>
    /// Keeps a listing computed from this snapshot. Bounded: past <see cref="MaxRememberedListings"/> distinct queries
    /// the memo starts over, so a flood of distinct queries costs what it would without it and cannot grow memory.
    /// </summary>
    public void RememberListing(string query, CatalogListing listing)
    {
        if (listings.Count >= MaxRememberedListings)
        {
            listings.Clear();
        }

        listings[query] = listing;
    }

    public ListedCategory? CategoryBySlug(string slug) => categoriesBySlug.GetValueOrDefault(slug);

    public ListedCategory? Category(Guid id) => categoriesById.GetValueOrDefault(id);

    /// <summary>The category and all its descendants.</summary>
    public IReadOnlySet<Guid> Subtree(Guid categoryId) => subtrees.TryGetValue(categoryId, out var set) ? set : new HashSet<Guid>();

    public IReadOnlyList<ListedCategory> ChildrenOf(Guid? parentId) =>
        parentId is not { } id ? roots : children.TryGetValue(id, out var list) ? list : [];

    /// <summary>The path from the top of the tree down to the category (for breadcrumbs).</summary>
    public IReadOnlyList<ListedCategory> PathTo(Guid categoryId)
    {
        var path = new List<ListedCategory>();
        var seen = new HashSet<Guid>();
        for (var current = Category(categoryId); current is not null && seen.Add(current.Id); current = current.ParentId is { } parent ? Category(parent) : null)
        {
            path.Add(current);
        }

        path.Reverse();
        return path;
    }

    private static List<ListedCategory> Ordered(IEnumerable<ListedCategory> categories) =>
        categories.OrderBy(c => c.SortOrder).ThenBy(c => c.Name, StringComparer.OrdinalIgnoreCase).ToList();

    private void Collect(Guid id, HashSet<Guid> set)
    {
        if (!set.Add(id))
        {
            return; // a cycle in bad data must not loop forever
        }

        foreach (var child in ChildrenOf(id))
        {
            Collect(child.Id, set);
        }
    }
}
