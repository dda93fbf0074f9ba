using Microsoft.Extensions.Primitives;
using Nexus.Modules.Catalog.Features.BrowseCatalog;
using Nexus.Modules.Catalog.Features;

namespace Nexus.UnitTests.Catalog;

/// <summary>
/// Property-style checks of the storefront's listing over many generated catalogs and queries (seeded, so a failure
/// names its case and reproduces): search, every filter, each sort order, paging and the facet counts.
/// </summary>
internal sealed class CatalogBrowserPropertyTests
{
    private const int Cases = 300;
    private const int PageSize = 24;

    private static readonly string[] Words = ["amber", "basalt", "cobalt", "delta", "ember", "fjord", "granite", "harbor", "indigo", "juniper", "kelp", "lumen"];
    private static readonly string[] TagPool = ["gift", "eco", "sale", "new", "wireless", "bundle"];

    [Test]
    public void Every_listing_obeys_its_filters_sort_paging_and_facets([Range(0, Cases - 1)] int seed)
    {
        var random = new Random(seed);
        var snapshot = Generate(random);
        var filter = RandomFilter(random, snapshot);
        var matches = filter.HasQuery ? SearchInMemory(snapshot, SearchText.Terms(filter.Query)) : null;

        var first = CatalogBrowser.Browse(snapshot, filter, matches, 1, PageSize);
        var expected = snapshot.Products.Where(p => Passes(snapshot, filter, matches, p)).ToList();

        // Every result satisfies every active filter, and nothing that would is missing.
        first.TotalCount.Should().Be(expected.Count, "seed {0}", seed);

        // Paging returns each matching product exactly once, in one total order.
        var all = new List<ListedProduct>();
        for (var page = 1; page <= first.PageCount; page++)
        {
            all.AddRange(CatalogBrowser.Browse(snapshot, filter, matches, page, PageSize).Products);
        }

        all.Select(p => p.Id).Should().OnlyHaveUniqueItems().And.BeEquivalentTo(expected.Select(p => p.Id), "seed {0}", seed);

        // Each sort order holds across the pages.
        for (var i = 1; i < all.Count; i++)
        {
            Compare(filter, matches, all[i - 1], all[i]).Should().BeLessThanOrEqualTo(0, "seed {0}: {1} before {2}", seed, all[i - 1].Name, all[i].Name);
        }

        // Search results match the query.
        if (filter.HasQuery)
        {
            var terms = SearchText.Terms(filter.Query);
            all.Where(p => !SearchText.Matches(terms, Searchable(snapshot, p))).Should().BeEmpty("seed {0}", seed);
        }

        // Facet counts equal the count the choice would give with the other filters kept.
        foreach (var facet in first.Facets.Categories)
        {
            Count(snapshot, filter with { CategorySlug = facet.Category.Slug }, matches).Should().Be(facet.Count, "seed {0} category {1}", seed, facet.Category.Slug);
        }

        foreach (var facet in first.Facets.Prices)
        {
            Count(snapshot, filter with { MinPriceMinor = facet.MinMinor, MaxPriceMinor = facet.MaxMinor }, matches).Should().Be(facet.Count, "seed {0} price {1}", seed, facet.MinMinor);
        }

        foreach (var facet in first.Facets.Ratings)
        {
            Count(snapshot, filter with { MinRating = facet.MinRating }, matches).Should().Be(facet.Count, "seed {0} rating {1}", seed, facet.MinRating);
        }

        Count(snapshot, filter with { InStockOnly = true }, matches).Should().Be(first.Facets.InStock, "seed {0} in stock", seed);
        foreach (var facet in first.Facets.Tags)
        {
            Count(snapshot, filter with { Tags = filter.Tags.Union([facet.Tag]).ToList() }, matches).Should().Be(facet.Count, "seed {0} tag {1}", seed, facet.Tag);
        }
    }

    [Test]
    public void Price_bounds_are_inclusive()
    {
        var snapshot = Generate(new Random(7));
        var price = snapshot.Products[0].PriceMinor;
        var filter = CatalogFilter.None with { MinPriceMinor = price, MaxPriceMinor = price };
        var listing = CatalogBrowser.Browse(snapshot, filter, null, 1, PageSize);
        listing.Products.Should().Contain(p => p.Id == snapshot.Products[0].Id).And.OnlyContain(p => p.PriceMinor == price);
    }

    [TestCase("-5", 1)]
    [TestCase("0", 1)]
    [TestCase("abc", 1)]
    [TestCase("99999999999999999999", 1)]
    [TestCase("3", 3)]
    public void Page_numbers_are_clamped(string p, int expected) => CatalogFilter.PageFrom(p).Should().Be(expected);

    [Test]
    public void A_page_past_the_end_shows_the_last_page()
    {
        var snapshot = Generate(new Random(3));
        var listing = CatalogBrowser.Browse(snapshot, CatalogFilter.None, null, int.MaxValue, PageSize);
        listing.Page.Should().Be(listing.PageCount);
        listing.Products.Should().NotBeEmpty();
    }

    [Test]
    public void Hostile_query_strings_are_clamped_with_notices()
    {
        var notices = new List<string>();
        var values = new Dictionary<string, StringValues>
        {
            ["q"] = new string('x', 10_000) + "\" OR 1=1 -- NEAR(a b) * <script>",
            ["min"] = "90",
            ["max"] = "10",
            ["rating"] = "7",
            ["tag"] = new StringValues(Enumerable.Range(0, 50).Select(i => "t" + i).ToArray()),
            ["sort"] = "'; DROP TABLE products; --",
        };
        var filter = CatalogFilter.FromValues(k => values.TryGetValue(k, out var v) ? v : StringValues.Empty, notices);

        filter.Query!.Length.Should().BeLessThanOrEqualTo(CatalogFilter.MaxQueryLength);
        filter.MinPriceMinor.Should().Be(1000);
        filter.MaxPriceMinor.Should().Be(9000);
        filter.MinRating.Should().BeNull();
        filter.Tags.Should().HaveCount(CatalogFilter.MaxTags);
        filter.Sort.Should().Be(CatalogSort.Relevance);
        notices.Should().HaveCountGreaterThanOrEqualTo(4);

        var notANumber = new List<string>();
        CatalogFilter.FromValues(k => k == "min" ? "cheap" : StringValues.Empty, notANumber).MinPriceMinor.Should().BeNull();
        notANumber.Should().ContainSingle().Which.Should().Contain("not a number");
    }

    [TestCase("\"keyboard\" OR NEAR(a b)", "\"keyboard\" \"or\" \"near\" \"a\" \"b\"*")]
    [TestCase("a*b^c:d", "\"a\" \"b\" \"c\" \"d\"*")]
    [TestCase("usb-c cable", "\"usb\" \"c\" \"cable\"*")]
    public void Search_text_never_reaches_fts_syntax_raw(string input, string expected) =>
        SearchText.ToFts5(SearchText.Terms(input)).Should().Be(expected);

    [Test]
    public void Highlighting_encodes_html_before_marking()
    {
        SearchText.Highlight("<b>Keyboard</b> & mouse", ["keyb"]).Should().Be("&lt;b&gt;<mark>Keyboard</mark>&lt;/b&gt; &amp; mouse");
    }

    [Test]
    public void A_misspelt_search_suggests_the_known_word()
    {
        SearchText.Suggest(["keybaord"], ["keyboard", "monitor"]).Should().Be("keyboard");
        SearchText.Suggest(["monitr", "cable"], ["keyboard", "monitor", "cable"]).Should().Be("monitor cable");
        SearchText.Suggest(["zzzzzz"], ["keyboard"]).Should().BeNull();
    }

    private static CatalogSnapshot Generate(Random random)
    {
        var categories = new List<ListedCategory>();
        var topCount = random.Next(1, 5);
        for (var i = 0; i < topCount; i++)
        {
            var top = new ListedCategory(Id(random), null, "Top " + i, "top-" + i, string.Empty, i);
            categories.Add(top);
            for (var j = 0; j < random.Next(0, 3); j++)
            {
                var child = new ListedCategory(Id(random), top.Id, $"Sub {i}.{j}", $"sub-{i}-{j}", string.Empty, j);
                categories.Add(child);
                if (random.Next(3) == 0)
                {
                    categories.Add(new ListedCategory(Id(random), child.Id, $"Leaf {i}.{j}", $"leaf-{i}-{j}", string.Empty, 0));
                }
            }
        }

        var products = new List<ListedProduct>();
        var count = random.Next(0, 120);
        var start = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        for (var i = 0; i < count; i++)
        {
            var name = $"{Pick(random, Words)} {Pick(random, Words)} {i}";
            var ratingCount = random.Next(0, 3) == 0 ? 0 : random.Next(1, 50);
            products.Add(new ListedProduct(
                Id(random),
                name,
                "p-" + i,
                random.Next(2) == 0 ? null : Pick(random, Words) + " summary",
                random.Next(0, 5) == 0 ? 2500 : random.Next(100, 40000), // some prices on a bucket edge
                random.Next(4) == 0 ? random.Next(100, 50000) : null,
                "USD",
                categories[random.Next(categories.Count)].Id,
                random.Next(5) == 0,
                random.Next(3) == 0 ? 0 : random.Next(1, 100),
                ratingCount == 0 ? 0 : Math.Round(1 + (random.NextDouble() * 4), 1),
                ratingCount,
                start.AddHours(random.Next(0, 24 * 30)), // ties on purpose
                TagPool.Where(_ => random.Next(3) == 0).Order(StringComparer.Ordinal).ToList(),
                null));
        }

        return new CatalogSnapshot(products, categories);
    }

    private static CatalogFilter RandomFilter(Random random, CatalogSnapshot snapshot)
    {
        long? min = random.Next(3) == 0 ? random.Next(0, 30000) : null;
        long? max = random.Next(3) == 0 ? random.Next(0, 40000) : null;
        if (min > max)
        {
            (min, max) = (max, min);
        }

        return new CatalogFilter
        {
            Query = random.Next(3) == 0 ? string.Join(' ', Enumerable.Range(0, random.Next(1, 3)).Select(_ => Pick(random, Words)[..random.Next(2, 5)])) : null,
            CategorySlug = random.Next(3) == 0 && snapshot.Categories.Count > 0 ? snapshot.Categories[random.Next(snapshot.Categories.Count)].Slug : null,
            MinPriceMinor = min,
            MaxPriceMinor = max,
            MinRating = random.Next(4) == 0 ? random.Next(1, 6) : null,
            InStockOnly = random.Next(3) == 0,
            Tags = TagPool.Where(_ => random.Next(6) == 0).ToList(),
            Sort = (CatalogSort)random.Next(0, 6),
        };
    }

    /// <summary>The reference search: every term a word of name, summary, category or tags (the last a prefix); rank = name hits first.</summary>
    private static Dictionary<Guid, double> SearchInMemory(CatalogSnapshot snapshot, IReadOnlyList<string> terms) =>
        snapshot.Products.Where(p => terms.Count > 0 && SearchText.Matches(terms, Searchable(snapshot, p)))
            .ToDictionary(p => p.Id, p => SearchText.Matches(terms, p.Name) ? 0.0 : 1.0);

    private static string Searchable(CatalogSnapshot snapshot, ListedProduct p) =>
        string.Join(' ', p.Name, p.Summary, snapshot.Category(p.CategoryId)?.Name, string.Join(' ', p.Tags));

    private static bool Passes(CatalogSnapshot snapshot, CatalogFilter f, IReadOnlyDictionary<Guid, double>? matches, ListedProduct p)
    {
        if (f.HasQuery && (matches is null || !matches.ContainsKey(p.Id)))
        {
            return false;
        }

        if (f.CategorySlug is not null)
        {
            // Walk up from the product's category: it passes if the chosen category is on the way.
            var chosen = snapshot.CategoryBySlug(f.CategorySlug);
            var found = false;
            for (var c = snapshot.Category(p.CategoryId); c is not null && !found; c = c.ParentId is { } parent ? snapshot.Category(parent) : null)
            {
                found = c.Id == chosen?.Id;
            }

            if (!found)
            {
                return false;
            }
        }

        return (f.MinPriceMinor is null || p.PriceMinor >= f.MinPriceMinor)
            && (f.MaxPriceMinor is null || p.PriceMinor <= f.MaxPriceMinor)
            && (f.MinRating is null || p.RatingAverage >= f.MinRating)
            && (!f.InStockOnly || p.IsDigital || p.StockOnHand > 0)
            && f.Tags.All(t => p.Tags.Contains(t));
    }

    private static int Count(CatalogSnapshot snapshot, CatalogFilter filter, IReadOnlyDictionary<Guid, double>? matches) =>
        snapshot.Products.Count(p => Passes(snapshot, filter, matches, p));

    private static int Compare(CatalogFilter filter, IReadOnlyDictionary<Guid, double>? matches, ListedProduct a, ListedProduct b)
    {
        var byName = StringComparer.OrdinalIgnoreCase.Compare(a.Name, b.Name);
        var tie = byName != 0 ? byName : a.Id.CompareTo(b.Id);
        return filter.Sort switch
        {
            CatalogSort.PriceAscending => a.PriceMinor != b.PriceMinor ? a.PriceMinor.CompareTo(b.PriceMinor) : tie,
            CatalogSort.PriceDescending => a.PriceMinor != b.PriceMinor ? b.PriceMinor.CompareTo(a.PriceMinor) : tie,
            CatalogSort.Rating => a.RatingAverage != b.RatingAverage ? b.RatingAverage.CompareTo(a.RatingAverage) : a.RatingCount != b.RatingCount ? b.RatingCount.CompareTo(a.RatingCount) : tie,
            CatalogSort.Name => tie,
            CatalogSort.Relevance when filter.HasQuery && matches is not null => matches[a.Id] != matches[b.Id] ? matches[a.Id].CompareTo(matches[b.Id]) : tie,
            _ => a.CreatedAt != b.CreatedAt ? b.CreatedAt.CompareTo(a.CreatedAt) : tie,
        };
    }

    private static Guid Id(Random random)
    {
        var bytes = new byte[16];
        random.NextBytes(bytes);
        return new Guid(bytes);
    }

    private static string Pick(Random random, string[] from) => from[random.Next(from.Length)];
}
