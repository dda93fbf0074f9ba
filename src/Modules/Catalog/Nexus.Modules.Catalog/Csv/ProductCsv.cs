using System.Globalization;

namespace Nexus.Modules.Catalog.Csv;

/// <summary>
/// The catalog's CSV shape, shared by export and import so a file exported can be imported unchanged: one row per
/// product (its default variant), prices in major units with a dot (<c>19.99</c>), tags separated by <c>|</c>,
/// the category by slug or by path of slugs (<c>computers/laptops</c>), booleans as <c>true</c>/<c>false</c>.
/// </summary>
internal static class ProductCsv
{
    public const string Sku = "sku";
    public const string Name = "name";
    public const string Slug = "slug";
    public const string Category = "category";
    public const string Price = "price";
    public const string CompareAtPrice = "compare_at_price";
    public const string Stock = "stock";
    public const string Published = "published";
    public const string Digital = "digital";
    public const string Tags = "tags";
    public const string Summary = "summary";
    public const string Description = "description";
    public const string MetaDescription = "meta_description";
    public const string LowStockThreshold = "low_stock_threshold";

    /// <summary>Every column, in export order.</summary>
    public static readonly IReadOnlyList<string> Columns =
        [Sku, Name, Slug, Category, Price, CompareAtPrice, Stock, Published, Digital, Tags, Summary, Description, MetaDescription, LowStockThreshold];

    /// <summary>The columns a file must have; the others may be left out (new products get defaults, existing ones keep their values).</summary>
    public static readonly IReadOnlyList<string> Required = [Sku, Name, Category, Price];

    public const char TagSeparator = '|';

    public static string FormatPrice(long minor) => (minor / 100m).ToString("0.00", CultureInfo.InvariantCulture);

    /// <summary>Major units with at most two decimals, 0 to 1,000,000.00; null when it is not one.</summary>
    public static long? ParsePrice(string text)
    {
        if (!decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value)
            || value < 0 || value > 1_000_000m || decimal.Round(value, 2) != value)
        {
            return null;
        }

        return (long)(value * 100);
    }

    public static bool? ParseBool(string text) => text.Trim().ToLowerInvariant() switch
    {
        "true" or "yes" or "1" or "y" => true,
        "false" or "no" or "0" or "n" => false,
        _ => null,
    };

    public static string FormatBool(bool value) => value ? "true" : "false";
}
