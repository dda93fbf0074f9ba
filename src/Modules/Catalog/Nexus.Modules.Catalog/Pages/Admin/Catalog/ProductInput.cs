using System.ComponentModel.DataAnnotations;
using Nexus.Modules.Catalog.Csv;
using Nexus.Modules.Catalog.Domain;

namespace Nexus.Modules.Catalog.Pages.Admin.Catalog;

/// <summary>
/// What the product editor posts: text as typed (prices too, so "12,5" comes back with a message beside the field
/// rather than vanishing), turned into a <c>SaveProduct</c> command whose validator is the authority.
/// </summary>
internal sealed class ProductInput
{
    public int Version { get; set; }

    [Display(Name = "SKU")]
    public string? Sku { get; set; }

    public string? Name { get; set; }

    [Display(Name = "Slug (URL)")]
    public string? Slug { get; set; }

    public string? Summary { get; set; }

    [Display(Name = "Description (Markdown)")]
    public string? Description { get; set; }

    [Display(Name = "Meta description")]
    public string? MetaDescription { get; set; }

    public string? Price { get; set; }

    [Display(Name = "Compare-at price")]
    public string? CompareAtPrice { get; set; }

    [Display(Name = "Category")]
    public Guid? CategoryId { get; set; }

    [Display(Name = "Digital (delivered as a licence key)")]
    public bool IsDigital { get; set; }

    [Display(Name = "Published")]
    public bool IsPublished { get; set; } = true;

    [Display(Name = "Low-stock threshold")]
    public int LowStockThreshold { get; set; } = Product.DefaultLowStockThreshold;

    [Display(Name = "Tags (comma-separated)")]
    public string? Tags { get; set; }

    [Display(Name = "Specifications (one \"Name: value\" per line)")]
    public string? Specifications { get; set; }

    [Display(Name = "Options (up to three, comma-separated, e.g. Size, Colour)")]
    public string? OptionNames { get; set; }

    /// <summary>Stock of a new product without options (later changes are inventory adjustments).</summary>
    [Display(Name = "Stock on hand")]
    public int Stock { get; set; }

    public List<VariantRow> Variants { get; set; } = [];

    public static ProductInput From(Product product) => new()
    {
        Version = product.Version,
        Sku = product.Sku,
        Name = product.Name,
        Slug = product.Slug,
        Summary = product.Summary,
        Description = product.DescriptionMarkdown,
        MetaDescription = product.MetaDescription,
        Price = ProductCsv.FormatPrice(product.PriceMinor),
        CompareAtPrice = product.CompareAtPriceMinor is { } compareAt ? ProductCsv.FormatPrice(compareAt) : null,
        CategoryId = product.CategoryId,
        IsDigital = product.IsDigital,
        IsPublished = product.IsPublished,
        LowStockThreshold = product.LowStockThreshold,
        Tags = string.Join(", ", product.Tags.Select(t => t.Tag).Order(StringComparer.Ordinal)),
        Specifications = string.Join("\n", product.Specifications.OrderBy(s => s.SortOrder).Select(s => $"{s.Name}: {s.Value}")),
        OptionNames = string.Join(", ", product.OptionNames),
        Stock = product.StockOnHand,
        Variants = product.OptionNames.Count == 0
            ? []
            : product.Variants.OrderBy(v => v.Sku, StringComparer.Ordinal).Select(v => new VariantRow
            {
                Id = v.Id,
                Sku = v.Sku,
                Option1 = v.Option1,
                Option2 = v.Option2,
                Option3 = v.Option3,
                Price = v.PriceMinor is { } price ? ProductCsv.FormatPrice(price) : null,
                Stock = v.StockOnHand,
            }).ToList(),
    };

    public static IReadOnlyList<string> SplitList(string? text, char separator) =>
        (text ?? string.Empty).Split(separator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public static IReadOnlyList<(string Name, string Value)> SplitSpecifications(string? text) =>
        SplitList(text?.Replace("\r", string.Empty, StringComparison.Ordinal), '\n')
            .Select(line => line.Split(':', 2, StringSplitOptions.TrimEntries))
            .Select(parts => (parts[0], parts.Length > 1 ? parts[1] : string.Empty))
            .ToList();

    internal sealed class VariantRow
    {
        public Guid? Id { get; set; }

        public string? Sku { get; set; }

        public string? Option1 { get; set; }

        public string? Option2 { get; set; }

        public string? Option3 { get; set; }

        public string? Price { get; set; }

        public int Stock { get; set; }

        public bool Remove { get; set; }
    }
}
