using Microsoft.EntityFrameworkCore;
using Nexus.Modules.Catalog.Csv;
using Nexus.Modules.Catalog.Data;
using Nexus.Modules.Catalog.Domain;
using Nexus.Modules.Catalog.Imports;

namespace Nexus.Modules.Catalog.Features.ImportProducts;

/// <summary>
/// Reads an import file and checks every row against the rules and the catalog as it is, for both passes: the first
/// (validation) and the second (applying), which reads the stored file again rather than keeping rows in memory.
/// Holds what the checks need — categories by slug and path, products by SKU and slug — which grows with the catalog,
/// not with the file.
/// </summary>
internal sealed class ProductImportPlan
{
    private readonly Dictionary<string, Guid> categories;
    private readonly Dictionary<string, ExistingProduct> products;
    private readonly Dictionary<string, Guid> slugOwners;
    private readonly HashSet<string> skusSeen = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> slugsClaimed = new(StringComparer.Ordinal);
    private Dictionary<string, int> columns = new(StringComparer.Ordinal);

    private ProductImportPlan(Dictionary<string, Guid> categories, Dictionary<string, ExistingProduct> products)
    {
        this.categories = categories;
        this.products = products;
        slugOwners = products.Values.ToDictionary(p => p.Slug, p => p.Id, StringComparer.Ordinal);
    }

    public static async Task<ProductImportPlan> LoadAsync(CatalogDbContext db, CancellationToken cancellationToken)
    {
        var all = await db.Categories.AsNoTracking().Select(c => new { c.Id, c.ParentId, c.Slug }).ToListAsync(cancellationToken);
        var byId = all.ToDictionary(c => c.Id);
        var lookup = new Dictionary<string, Guid>(StringComparer.OrdinalIgnoreCase);
        foreach (var category in all)
        {
            // Both the slug alone and the full path of slugs ("computers/laptops") name the category.
            lookup[category.Slug] = category.Id;
            var path = category.Slug;
            var parent = category.ParentId;
            for (var depth = 0; parent is { } id && byId.TryGetValue(id, out var up) && depth < 32; depth++)
            {
                path = up.Slug + "/" + path;
                parent = up.ParentId;
            }

            lookup[path] = category.Id;
        }

        var existing = await db.Products.AsNoTracking()
            .Select(p => new ExistingProduct(p.Id, p.Sku, p.Slug, p.IsDeleted, p.Variants.Count))
            .ToListAsync(cancellationToken);
        return new ProductImportPlan(lookup, existing.ToDictionary(p => p.Sku, StringComparer.Ordinal));
    }

    /// <summary>
    /// Every row of the file, checked: a row with its plan, or its errors; a header or syntax problem ends the file
    /// with a row that carries only errors.
    /// </summary>
    public async IAsyncEnumerable<CheckedRow> ReadAsync(Stream file, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var header = true;
        await foreach (var record in CsvRecordReader.ReadAsync(file, cancellationToken))
        {
            if (record.Error is not null)
            {
                yield return CheckedRow.Failed(record.Line, record.Error, fatal: true);
                yield break;
            }

            if (header)
            {
                header = false;
                if (CheckHeader(record) is { } problem)
                {
                    yield return CheckedRow.Failed(record.Line, problem, fatal: true);
                    yield break;
                }

                continue;
            }

            yield return Check(record);
        }

        if (header)
        {
            yield return CheckedRow.Failed(1, "The file is empty; the first line must name the columns (" + string.Join(",", ProductCsv.Required) + ").", fatal: true);
        }
    }

    private string? CheckHeader(CsvRecord record)
    {
        columns = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < record.Fields.Length; i++)
        {
            var name = record.Fields[i].Trim().ToLowerInvariant();
            if (!ProductCsv.Columns.Contains(name))
            {
                return $"Line {record.Line}: unknown column \"{Shorten(record.Fields[i])}\". Columns: {string.Join(",", ProductCsv.Columns)}.";
            }

            if (!columns.TryAdd(name, i))
            {
                return $"Line {record.Line}: the column \"{name}\" appears twice.";
            }
        }

        var missing = ProductCsv.Required.Where(c => !columns.ContainsKey(c)).ToList();
        return missing.Count > 0 ? $"Line {record.Line}: missing column(s) {string.Join(", ", missing)}." : null;
    }

    private CheckedRow Check(CsvRecord record)
    {
        var errors = new List<string>();
        if (record.Fields.Length != columns.Count)
        {
            return CheckedRow.Failed(record.Line, $"Line {record.Line}: {record.Fields.Length} field(s), the header has {columns.Count}.");
        }

        string? Cell(string column) => columns.TryGetValue(column, out var index) ? record.Fields[index].Trim() : null;
        void Error(string message) => errors.Add($"Line {record.Line}: {message}");

        var sku = Cell(ProductCsv.Sku)!;
        if (!System.Text.RegularExpressions.Regex.IsMatch(sku, "^[A-Z0-9][A-Z0-9-]{2,63}$"))
        {
            Error($"SKU \"{Shorten(sku)}\" must be 3–64 upper-case letters, digits or dashes.");
        }
        else if (!skusSeen.Add(sku))
        {
            Error($"SKU {sku} appears more than once in the file.");
        }

        products.TryGetValue(sku, out var existing);
        if (existing is { IsDeleted: true })
        {
            Error($"SKU {sku} belongs to a deleted product; restore it in the back office first.");
        }

        var name = Cell(ProductCsv.Name)!;
        if (name.Length == 0 || name.Length > Product.NameMaxLength)
        {
            Error($"name is required, at most {Product.NameMaxLength} characters.");
        }

        Guid categoryId = default;
        var category = Cell(ProductCsv.Category)!.Trim('/');
        if (!categories.TryGetValue(category, out categoryId))
        {
            Error($"category \"{Shorten(category)}\" does not exist (use its slug or path, e.g. computers/laptops).");
        }

        var price = ProductCsv.ParsePrice(Cell(ProductCsv.Price)!);
        if (price is null)
        {
            Error($"price \"{Shorten(Cell(ProductCsv.Price)!)}\" must be a number from 0 to 1000000 with at most two decimals, e.g. 19.99.");
        }

        long? compareAt = null;
        if (Cell(ProductCsv.CompareAtPrice) is { Length: > 0 } compareText)
        {
            compareAt = ProductCsv.ParsePrice(compareText);
            if (compareAt is null)
            {
                Error($"compare_at_price \"{Shorten(compareText)}\" must be a price like 24.99, or empty.");
            }
            else if (price is not null && compareAt <= price)
            {
                Error("compare_at_price must be above price (it is the struck-through \"was\" price).");
            }
        }

        int? stock = null;
        if (Cell(ProductCsv.Stock) is { Length: > 0 } stockText)
        {
            if (!int.TryParse(stockText, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var parsed) || parsed > 1_000_000)
            {
                Error($"stock \"{Shorten(stockText)}\" must be a whole number from 0 to 1000000.");
            }
            else if (existing is { VariantCount: > 1 })
            {
                Error($"SKU {sku} has {existing.VariantCount} variants; change their stock on the inventory page, or leave stock empty.");
            }
            else
            {
                stock = parsed;
            }
        }

        bool? published = ParseBool(Cell(ProductCsv.Published), ProductCsv.Published, Error);
        bool? digital = ParseBool(Cell(ProductCsv.Digital), ProductCsv.Digital, Error);

        int? lowStock = null;
        if (Cell(ProductCsv.LowStockThreshold) is { Length: > 0 } lowText)
        {
            if (!int.TryParse(lowText, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var parsed) || parsed > 1_000_000)
            {
                Error($"low_stock_threshold \"{Shorten(lowText)}\" must be a whole number from 0 to 1000000.");
            }
            else
            {
                lowStock = parsed;
            }
        }

        var summary = Cell(ProductCsv.Summary);
        var description = columns.TryGetValue(ProductCsv.Description, out var d) ? record.Fields[d] : null;
        var meta = Cell(ProductCsv.MetaDescription);
        CheckLength(summary, ProductCsv.Summary, Product.SummaryMaxLength, Error);
        CheckLength(description, ProductCsv.Description, Product.DescriptionMaxLength, Error);
        CheckLength(meta, ProductCsv.MetaDescription, Product.MetaDescriptionMaxLength, Error);

        IReadOnlyList<string>? tags = null;
        if (Cell(ProductCsv.Tags) is { } tagText)
        {
            tags = tagText.Split(ProductCsv.TagSeparator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(ProductTag.Normalize).Where(t => t.Length > 0).Distinct(StringComparer.Ordinal).ToList();
            if (tags.Count > 30)
            {
                Error("at most 30 tags.");
            }
        }

        var slug = ResolveSlug(Cell(ProductCsv.Slug), name, sku, existing, Error);
        if (errors.Count > 0)
        {
            return new CheckedRow(record.Line, null, errors, Fatal: false);
        }

        return new CheckedRow(
            record.Line,
            new ProductRowPlan(sku, existing?.Id, name, slug!, categoryId, price!.Value, columns.ContainsKey(ProductCsv.CompareAtPrice), compareAt, stock, published, digital, tags, summary, description, meta, lowStock),
            [],
            Fatal: false);
    }

    private string? ResolveSlug(string? given, string name, string sku, ExistingProduct? existing, Action<string> error)
    {
        string slug;
        if (!string.IsNullOrEmpty(given))
        {
            slug = given;
            if (slug != Slug.From(slug) || slug.Length > Product.SlugMaxLength)
            {
                error($"slug \"{Shorten(given)}\" must be lower-case letters, digits and single dashes (e.g. {Slug.From(given)}).");
                return null;
            }
        }
        else if (existing is not null)
        {
            slug = existing.Slug;
        }
        else
        {
            // As CreateProduct does: the name's slug, or with the SKU appended when another product has it.
            slug = Slug.From(name);
            if (slug.Length == 0 || slugOwners.ContainsKey(slug) || slugsClaimed.ContainsKey(slug))
            {
                slug = string.IsNullOrEmpty(slug) ? Slug.From(sku) : $"{slug}-{Slug.From(sku)}";
            }

            if (slug.Length > Product.SlugMaxLength)
            {
                slug = slug[..Product.SlugMaxLength].TrimEnd('-');
            }
        }

        if (slugOwners.TryGetValue(slug, out var owner) && owner != existing?.Id)
        {
            error($"slug {slug} belongs to another product.");
            return null;
        }

        if (slugsClaimed.TryGetValue(slug, out var claimedBy) && claimedBy != sku)
        {
            error($"slug {slug} is also given to {claimedBy} in this file.");
            return null;
        }

        slugsClaimed[slug] = sku;
        return slug;
    }

    private static bool? ParseBool(string? text, string column, Action<string> error)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        var value = ProductCsv.ParseBool(text);
        if (value is null)
        {
            error($"{column} \"{Shorten(text)}\" must be true or false.");
        }

        return value;
    }

    private static void CheckLength(string? text, string column, int max, Action<string> error)
    {
        if (text is not null && text.Length > max)
        {
            error($"{column} is longer than {max:N0} characters.");
        }
    }

    // Echoes of hostile cells stay short in the report (a 64 KB cell would make every error line 64 KB).
    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";

    private sealed record ExistingProduct(Guid Id, string Sku, string Slug, bool IsDeleted, int VariantCount);
}

/// <summary>A row read and checked: its plan when it is good, otherwise its errors. <c>Fatal</c>: nothing after it can be read.</summary>
internal sealed record CheckedRow(long Line, ProductRowPlan? Plan, IReadOnlyList<string> Errors, bool Fatal)
{
    public static CheckedRow Failed(long line, string error, bool fatal = false) => new(line, null, [error], fatal);

    public IEnumerable<ProductImportError> AsErrors() => Errors.Select(e => new ProductImportError(Line, e));
}

/// <summary>
/// What a good row does: create (<see cref="ExistingId"/> null) or update the product with this SKU. Null fields are
/// columns the file left out (or optional cells left empty): new products get defaults, existing ones keep theirs.
/// </summary>
internal sealed record ProductRowPlan(
    string Sku,
    Guid? ExistingId,
    string Name,
    string Slug,
    Guid CategoryId,
    long PriceMinor,
    bool CompareAtGiven,
    long? CompareAtPriceMinor,
    int? Stock,
    bool? Published,
    bool? Digital,
    IReadOnlyList<string>? Tags,
    string? Summary,
    string? Description,
    string? MetaDescription,
    int? LowStockThreshold);
