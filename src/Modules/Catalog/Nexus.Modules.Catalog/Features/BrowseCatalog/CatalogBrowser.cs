namespace Nexus.Modules.Catalog.Features.BrowseCatalog;

/// <summary>
/// Filters, counts, sorts and pages the listed catalog in memory. Pure: the same snapshot, filter and search matches
/// always give the same listing, which is what the property tests exercise over generated catalogs.
/// </summary>
internal static class CatalogBrowser
{
    /// <summary>Price buckets (minor units, inclusive): under $25, $25–50, $50–100, $100–250, $250 and up.</summary>
    public static readonly IReadOnlyList<(long Min, long? Max)> PriceBuckets =
    [
        (0, 2499),
        (2500, 4999),
        (5000, 9999),
        (10000, 24999),
        (25000, null),
    ];

    public const int TagFacetLimit = 20;

    /// <param name="matches">With a search: each matching product's rank (lower is better, as bm25 and the fallbacks give it); null without one.</param>
    public static CatalogListing Browse(CatalogSnapshot snapshot, CatalogFilter filter, IReadOnlyDictionary<Guid, double>? matches, int page, int pageSize)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(filter);
        var terms = SearchText.Terms(filter.Query);

        ListedCategory? category = null;
        IReadOnlySet<Guid>? subtree = null;
        var unknownCategory = false;
        if (filter.CategorySlug is not null)
        {
            category = snapshot.CategoryBySlug(filter.CategorySlug);
            if (category is null)
            {
                unknownCategory = true;
            }
            else
            {
                subtree = snapshot.Subtree(category.Id);
            }
        }

        // Products passing the search and every filter but one, per dimension, in one pass each: the facets need them.
        var searched = filter.HasQuery
            ? snapshot.Products.Where(p => matches is not null && matches.ContainsKey(p.Id)).ToList()
            : (IReadOnlyList<ListedProduct>)snapshot.Products;
        if (unknownCategory)
        {
            searched = [];
        }

        bool InCategory(ListedProduct p) => subtree is null || subtree.Contains(p.CategoryId);
        bool InPrice(ListedProduct p) => (filter.MinPriceMinor is not { } min || p.PriceMinor >= min) && (filter.MaxPriceMinor is not { } max || p.PriceMinor <= max);
        bool InRating(ListedProduct p) => filter.MinRating is not { } r || p.RatingAverage >= r;
        bool InStock(ListedProduct p) => !filter.InStockOnly || p.InStock;
        bool HasTags(ListedProduct p) => filter.Tags.All(t => p.Tags.Contains(t, StringComparer.Ordinal));

        var results = new List<ListedProduct>();
        var categoryCounts = new Dictionary<Guid, int>();
        var priceCounts = new int[PriceBuckets.Count];
        var ratingCounts = new int[6];
        var inStockCount = 0;
        foreach (var p in searched)
        {
            var c = InCategory(p);
            var pr = InPrice(p);
            var ra = InRating(p);
            var st = InStock(p);
            var tg = HasTags(p);
            if (pr && ra && st && tg)
            {
                categoryCounts[p.CategoryId] = categoryCounts.GetValueOrDefault(p.CategoryId) + 1;
            }

            if (c && ra && st && tg)
            {
                for (var b = 0; b < PriceBuckets.Count; b++)
                {
                    if (p.PriceMinor >= PriceBuckets[b].Min && (PriceBuckets[b].Max is not { } bucketMax || p.PriceMinor <= bucketMax))
                    {
                        priceCounts[b]++;
                    }
                }
            }

            if (c && pr && st && tg)
            {
                for (var r = 1; r <= 5; r++)
                {
                    if (p.RatingAverage >= r)
                    {
                        ratingCounts[r]++;
                    }
                }
            }

            if (c && pr && ra && tg && p.InStock)
            {
                inStockCount++;
            }

            if (c && pr && ra && st && tg)
            {
                results.Add(p);
            }
        }

        var tagCounts = results.SelectMany(p => p.Tags).GroupBy(t => t, StringComparer.Ordinal)
            .Select(g => new TagFacet(g.Key, g.Count()))
            .OrderByDescending(t => filter.Tags.Contains(t.Tag, StringComparer.Ordinal)).ThenByDescending(t => t.Count).ThenBy(t => t.Tag, StringComparer.Ordinal)
            .Take(TagFacetLimit)
            .ToList();

        var facets = new CatalogFacets(
            CategoryFacets(snapshot, categoryCounts),
            PriceBuckets.Select((b, i) => new PriceFacet(b.Min, b.Max, priceCounts[i])).ToList(),
            Enumerable.Range(1, 5).Reverse().Select(r => new RatingFacet(r, ratingCounts[r])).ToList(),
            inStockCount,
            tagCounts);

        var sorted = Sort(results, filter, matches);
        var pageCount = Math.Max(1, (int)Math.Ceiling(results.Count / (double)pageSize));
        var clampedPage = Math.Clamp(page, 1, pageCount);
        var items = sorted.Skip((clampedPage - 1) * pageSize).Take(pageSize).ToList();
        var suggestion = filter.HasQuery && results.Count == 0 ? SearchText.Suggest(terms, snapshot.Vocabulary) : null;
        var path = category is null ? [] : snapshot.PathTo(category.Id);
        return new CatalogListing(filter, items, clampedPage, pageSize, results.Count, facets, category, path, terms, suggestion, unknownCategory);
    }

    /// <summary>Every category with its count including sub-categories, in tree order.</summary>
    private static List<CategoryFacet> CategoryFacets(CatalogSnapshot snapshot, Dictionary<Guid, int> direct)
    {
        var list = new List<CategoryFacet>();
        void Walk(Guid? parent, int depth)
        {
            foreach (var child in snapshot.ChildrenOf(parent))
            {
                var count = snapshot.Subtree(child.Id).Sum(id => direct.GetValueOrDefault(id));
                list.Add(new CategoryFacet(child, depth, count));
                if (depth < 10)
                {
                    Walk(child.Id, depth + 1);
                }
            }
        }

        Walk(null, 0);
        return list;
    }

    /// <summary>Each order is total (ties fall back to name, then id), so pages never overlap or skip.</summary>
    private static IEnumerable<ListedProduct> Sort(List<ListedProduct> results, CatalogFilter filter, IReadOnlyDictionary<Guid, double>? matches)
    {
        var byName = StringComparer.OrdinalIgnoreCase;
        return filter.Sort switch
        {
            CatalogSort.PriceAscending => results.OrderBy(p => p.PriceMinor).ThenBy(p => p.Name, byName).ThenBy(p => p.Id),
            CatalogSort.PriceDescending => results.OrderByDescending(p => p.PriceMinor).ThenBy(p => p.Name, byName).ThenBy(p => p.Id),
            CatalogSort.Rating => results.OrderByDescending(p => p.RatingAverage).ThenByDescending(p => p.RatingCount).ThenBy(p => p.Name, byName).ThenBy(p => p.Id),
            CatalogSort.Name => results.OrderBy(p => p.Name, byName).ThenBy(p => p.Id),
            CatalogSort.Relevance when filter.HasQuery && matches is not null =>
                results.OrderBy(p => matches[p.Id]).ThenBy(p => p.Name, byName).ThenBy(p => p.Id),
            _ => results.OrderByDescending(p => p.CreatedAt).ThenBy(p => p.Name, byName).ThenBy(p => p.Id),
        };
    }
}
