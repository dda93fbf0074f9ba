using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace Nexus.Modules.Catalog.Features.BrowseCatalog;

/// <summary>How a listing is ordered (<c>sort=</c>).</summary>
internal enum CatalogSort
{
    Relevance,
    PriceAscending,
    PriceDescending,
    Rating,
    Newest,
    Name,
}

/// <summary>
/// A listing's state, as shared in its URL: <c>q</c>, <c>category</c>, <c>min</c>/<c>max</c> (major units, inclusive),
/// <c>rating</c>, <c>instock</c>, <c>tag</c> (repeatable, all must hold), <c>sort</c>, <c>p</c>. Built only through
/// <see cref="FromQuery"/>, which clamps whatever a visitor typed into something safe to run and says what it changed,
/// so hostile or stale links get a page and a notice, never an error.
/// </summary>
internal sealed record CatalogFilter
{
    public const int MaxQueryLength = 200;
    public const int MaxTags = 5;
    public const int MaxTagLength = 40;
    public const int MaxSlugLength = 220;

    /// <summary>Prices above this (in minor units) are clamped: no product costs ten million.</summary>
    public const long PriceCeilingMinor = 1_000_000_000;

    public static readonly CatalogFilter None = new();

    public string? Query { get; init; }

    public string? CategorySlug { get; init; }

    public long? MinPriceMinor { get; init; }

    public long? MaxPriceMinor { get; init; }

    public int? MinRating { get; init; }

    public bool InStockOnly { get; init; }

    public IReadOnlyList<string> Tags { get; init; } = [];

    public CatalogSort Sort { get; init; } = CatalogSort.Relevance;

    public bool HasQuery => !string.IsNullOrEmpty(Query);

    public bool IsEmpty => !HasQuery && CategorySlug is null && MinPriceMinor is null && MaxPriceMinor is null && MinRating is null && !InStockOnly && Tags.Count == 0;

    public static string SortKey(CatalogSort sort) => sort switch
    {
        CatalogSort.PriceAscending => "price-asc",
        CatalogSort.PriceDescending => "price-desc",
        CatalogSort.Rating => "rating",
        CatalogSort.Newest => "newest",
        CatalogSort.Name => "name",
        _ => "relevance",
    };

    public static CatalogFilter FromQuery(IQueryCollection query, List<string> notices) =>
        FromValues(key => query.TryGetValue(key, out var v) ? v : StringValues.Empty, notices);

    public static CatalogFilter FromValues(Func<string, StringValues> get, List<string> notices)
    {
        ArgumentNullException.ThrowIfNull(get);
        ArgumentNullException.ThrowIfNull(notices);

        var q = Clean(get("q").FirstOrDefault());
        if (q is { Length: > MaxQueryLength })
        {
            q = q[..MaxQueryLength];
            notices.Add($"Your search was shortened to its first {MaxQueryLength} characters.");
        }

        var category = Clean(get("category").FirstOrDefault())?.ToLowerInvariant();
        if (category is { Length: > MaxSlugLength })
        {
            category = category[..MaxSlugLength];
        }

        var min = Price(get("min").FirstOrDefault(), "minimum", notices);
        var max = Price(get("max").FirstOrDefault(), "maximum", notices);
        if (min is not null && max is not null && min > max)
        {
            (min, max) = (max, min);
            notices.Add("The minimum price was above the maximum, so the two were swapped.");
        }

        int? rating = null;
        var ratingText = Clean(get("rating").FirstOrDefault());
        if (ratingText is not null)
        {
            if (int.TryParse(ratingText, NumberStyles.Integer, CultureInfo.InvariantCulture, out var r) && r is >= 1 and <= 5)
            {
                rating = r;
            }
            else
            {
                notices.Add("The rating filter must be a whole number of stars from 1 to 5; it was ignored.");
            }
        }

        var inStock = string.Equals(Clean(get("instock").FirstOrDefault()), "true", StringComparison.OrdinalIgnoreCase);

        var tags = get("tag")
            .Select(Clean)
            .Where(t => t is not null && t.Length <= MaxTagLength)
            .Select(t => t!.ToLowerInvariant())
            .Distinct(StringComparer.Ordinal)
            .ToList();
        if (tags.Count > MaxTags)
        {
            tags = tags[..MaxTags];
            notices.Add($"Only the first {MaxTags} tags were applied.");
        }

        var sortText = Clean(get("sort").FirstOrDefault());
        var sort = sortText switch
        {
            null or "relevance" => CatalogSort.Relevance,
            "price-asc" => CatalogSort.PriceAscending,
            "price-desc" => CatalogSort.PriceDescending,
            "rating" => CatalogSort.Rating,
            "newest" => CatalogSort.Newest,
            "name" => CatalogSort.Name,
            _ => CatalogSort.Relevance,
        };

        return new CatalogFilter
        {
            Query = q,
            CategorySlug = category,
            MinPriceMinor = min,
            MaxPriceMinor = max,
            MinRating = rating,
            InStockOnly = inStock,
            Tags = tags,
            Sort = sort,
        };
    }

    /// <summary>The page number <c>p</c>: anything that is not a positive whole number is page 1.</summary>
    public static int PageFrom(string? p) =>
        int.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out var page) && page >= 1 ? page : 1;

    /// <summary>The query string for this filter, with changes (null removes a key); <c>p</c> is left out unless given.</summary>
    public string ToQueryString(int page = 1, Action<Dictionary<string, List<string>>>? change = null)
    {
        var values = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        if (HasQuery)
        {
            values["q"] = [Query!];
        }

        if (CategorySlug is not null)
        {
            values["category"] = [CategorySlug];
        }

        if (MinPriceMinor is not null)
        {
            values["min"] = [Major(MinPriceMinor.Value)];
        }

        if (MaxPriceMinor is not null)
        {
            values["max"] = [Major(MaxPriceMinor.Value)];
        }

        if (MinRating is not null)
        {
            values["rating"] = [MinRating.Value.ToString(CultureInfo.InvariantCulture)];
        }

        if (InStockOnly)
        {
            values["instock"] = ["true"];
        }

        if (Tags.Count > 0)
        {
            values["tag"] = [.. Tags];
        }

        if (Sort != CatalogSort.Relevance)
        {
            values["sort"] = [SortKey(Sort)];
        }

        change?.Invoke(values);
        if (page > 1)
        {
            values["p"] = [page.ToString(CultureInfo.InvariantCulture)];
        }

        var parts = values.SelectMany(kv => kv.Value.Select(v => Uri.EscapeDataString(kv.Key) + "=" + Uri.EscapeDataString(v)));
        var text = string.Join("&", parts);
        return text.Length == 0 ? string.Empty : "?" + text;
    }

    public static string Major(long minor) => (minor / 100m).ToString(minor % 100 == 0 ? "0" : "0.00", CultureInfo.InvariantCulture);

    private static long? Price(string? text, string which, List<string> notices)
    {
        text = Clean(text);
        if (text is null)
        {
            return null;
        }

        if (text.Length > 20 || !decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var major))
        {
            notices.Add($"The {which} price \"{(text.Length > 20 ? text[..20] + "…" : text)}\" is not a number; it was ignored.");
            return null;
        }

        var minor = decimal.Round(major * 100, 0, MidpointRounding.AwayFromZero);
        return minor > PriceCeilingMinor ? PriceCeilingMinor : (long)minor;
    }

    private static string? Clean(string? value)
    {
        if (value is null)
        {
            return null;
        }

        // Control characters never belong in a search or a slug (and NUL upsets some drivers).
        var cleaned = new string(value.Where(c => !char.IsControl(c)).ToArray()).Trim();
        return cleaned.Length == 0 ? null : cleaned;
    }
}
