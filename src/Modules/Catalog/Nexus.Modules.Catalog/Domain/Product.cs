namespace Nexus.Modules.Catalog.Domain;

/// <summary>
/// A thing the shop sells. Prices are integer minor units (cents) so arithmetic is exact and SQLite can sort
/// them; <see cref="IsDigital"/> products are delivered as license keys rather than shipped.
/// What is bought is always a <see cref="ProductVariant"/>: a product without options has exactly one (its default
/// variant, carrying the product's SKU). <see cref="StockOnHand"/> is the sum over the variants, kept here so
/// listings can filter and badge "in stock" without a join; <see cref="RatingAverage"/>/<see cref="RatingCount"/>
/// are likewise kept up to date from the visible reviews.
/// </summary>
internal sealed class Product
{
    public const int SkuMaxLength = 64;
    public const int NameMaxLength = 200;
    public const int SlugMaxLength = 220;
    public const int SummaryMaxLength = 300;
    public const int MetaDescriptionMaxLength = 300;
    public const int DescriptionMaxLength = 20_000;
    public const int OptionNameMaxLength = 40;
    public const int MaxOptions = 3;
    public const int DefaultLowStockThreshold = 5;

    private readonly List<ProductVariant> variants = [];
    private readonly List<ProductImage> images = [];
    private readonly List<ProductTag> tags = [];
    private readonly List<ProductSpecification> specifications = [];

    private Product()
    {
    }

    public Product(Guid id, string sku, string name, string slug, string descriptionMarkdown, long priceMinor, string currency, Guid categoryId, bool isDigital, DateTime createdAt)
    {
        Id = id;
        Sku = sku;
        Name = name;
        Slug = slug;
        DescriptionMarkdown = descriptionMarkdown;
        PriceMinor = priceMinor;
        Currency = currency;
        CategoryId = categoryId;
        IsDigital = isDigital;
        IsPublished = true;
        LowStockThreshold = DefaultLowStockThreshold;
        CreatedAt = createdAt;
        UpdatedAt = createdAt;
    }

    public Guid Id { get; private set; }

    public string Sku { get; private set; } = string.Empty;

    public string Name { get; private set; } = string.Empty;

    public string Slug { get; private set; } = string.Empty;

    /// <summary>One or two sentences for cards and the product page's lead; optional.</summary>
    public string? Summary { get; private set; }

    /// <summary>Markdown, rendered with raw HTML disabled.</summary>
    public string DescriptionMarkdown { get; private set; } = string.Empty;

    /// <summary>The page's meta description; when empty, pages fall back to <see cref="Summary"/>.</summary>
    public string? MetaDescription { get; private set; }

    public long PriceMinor { get; private set; }

    /// <summary>The "was" price shown struck through; only meaningful above <see cref="PriceMinor"/>.</summary>
    public long? CompareAtPriceMinor { get; private set; }

    public string Currency { get; private set; } = "USD";

    public Guid CategoryId { get; private set; }

    public Category? Category { get; private set; }

    public bool IsDigital { get; private set; }

    public bool IsPublished { get; private set; }

    /// <summary>Soft delete: orders keep pointing at the product; every reader filters through <see cref="CatalogQueries"/>.</summary>
    public bool IsDeleted { get; private set; }

    public DateTime? DeletedAt { get; private set; }

    public int StockOnHand { get; private set; }

    public int LowStockThreshold { get; private set; }

    public double RatingAverage { get; private set; }

    public int RatingCount { get; private set; }

    public DateTime CreatedAt { get; private set; }

    public DateTime UpdatedAt { get; private set; }

    /// <summary>Optimistic concurrency token, bumped by <c>CatalogDbContext</c> on every save that changes the product.</summary>
    public int Version { get; private set; }

    public string? Option1Name { get; private set; }

    public string? Option2Name { get; private set; }

    public string? Option3Name { get; private set; }

    /// <summary>The variants' option names in order (e.g. Size, Colour); empty for a product without options.</summary>
    public IReadOnlyList<string> OptionNames =>
        new[] { Option1Name, Option2Name, Option3Name }.TakeWhile(o => o is not null).Select(o => o!).ToList();

    public IReadOnlyList<ProductVariant> Variants => variants;

    public IReadOnlyList<ProductImage> Images => images;

    public IReadOnlyList<ProductTag> Tags => tags;

    public IReadOnlyList<ProductSpecification> Specifications => specifications;

    public bool IsListed => IsPublished && !IsDeleted;

    public bool InStock => IsDigital || StockOnHand > 0;

    public bool IsLowStock => !IsDigital && StockOnHand <= LowStockThreshold;

    public void UpdateDetails(string name, string? summary, string descriptionMarkdown, string? metaDescription, DateTime now)
    {
        Name = name;
        Summary = string.IsNullOrWhiteSpace(summary) ? null : summary;
        DescriptionMarkdown = descriptionMarkdown;
        MetaDescription = string.IsNullOrWhiteSpace(metaDescription) ? null : metaDescription;
        UpdatedAt = now;
    }

    public void ChangePrice(long priceMinor, long? compareAtPriceMinor, DateTime now)
    {
        PriceMinor = priceMinor;
        CompareAtPriceMinor = compareAtPriceMinor;
        UpdatedAt = now;
    }

    /// <summary>Gives the product a new slug and returns the old one, which the caller keeps as a <see cref="SlugRedirect"/>.</summary>
    public string ChangeSlug(string slug, DateTime now)
    {
        var old = Slug;
        Slug = slug;
        UpdatedAt = now;
        return old;
    }

    public void MoveToCategory(Guid categoryId, DateTime now)
    {
        CategoryId = categoryId;
        UpdatedAt = now;
    }

    public void SetDigital(bool isDigital, DateTime now)
    {
        IsDigital = isDigital;
        UpdatedAt = now;
    }

    public void Publish(DateTime now)
    {
        IsPublished = true;
        UpdatedAt = now;
    }

    public void Unpublish(DateTime now)
    {
        IsPublished = false;
        UpdatedAt = now;
    }

    public void Delete(DateTime now)
    {
        IsDeleted = true;
        DeletedAt = now;
        UpdatedAt = now;
    }

    public void Restore(DateTime now)
    {
        IsDeleted = false;
        DeletedAt = null;
        UpdatedAt = now;
    }

    public void SetLowStockThreshold(int threshold, DateTime now)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(threshold);
        LowStockThreshold = threshold;
        UpdatedAt = now;
    }

    /// <summary>Names the options variants choose between (at most three, e.g. Size and Colour).</summary>
    public void SetOptionNames(IReadOnlyList<string> names)
    {
        ArgumentNullException.ThrowIfNull(names);
        if (names.Count > MaxOptions)
        {
            throw new ArgumentException($"A product has at most {MaxOptions} options.", nameof(names));
        }

        Option1Name = names.Count > 0 ? names[0] : null;
        Option2Name = names.Count > 1 ? names[1] : null;
        Option3Name = names.Count > 2 ? names[2] : null;
    }

    public ProductVariant AddVariant(Guid id, string sku, string? option1, string? option2, string? option3, long? priceMinor, int stockOnHand, Guid? imageId = null)
    {
        var variant = new ProductVariant(id, Id, sku, option1, option2, option3, priceMinor, stockOnHand, imageId);
        variants.Add(variant);
        RecalculateStock();
        return variant;
    }

    /// <summary>The variant a product without options sells: same id as the product, same SKU (the migration gives one to every product that predates variants).</summary>
    public ProductVariant AddDefaultVariant(int stockOnHand) => AddVariant(Id, Sku, null, null, null, null, stockOnHand);

    public void RemoveVariant(ProductVariant variant)
    {
        variants.Remove(variant);
        RecalculateStock();
    }

    /// <summary>Changes one variant's stock by <paramref name="delta"/> and keeps the product's total in step.</summary>
    public int AdjustStock(ProductVariant variant, int delta, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(variant);
        if (variant.ProductId != Id)
        {
            throw new InvalidOperationException("The variant belongs to another product.");
        }

        var after = variant.AdjustStock(delta);
        RecalculateStock();
        UpdatedAt = now;
        return after;
    }

    /// <summary>Keeps <see cref="StockOnHand"/> the sum over the loaded variants (call after changing a variant's stock directly).</summary>
    public void RecalculateStock() => StockOnHand = variants.Sum(v => v.StockOnHand);

    public ProductImage AddImage(Guid id, string key, string altText, int width, int height)
    {
        var image = new ProductImage(id, Id, key, altText, images.Count == 0 ? 0 : images.Max(i => i.SortOrder) + 1, images.Count == 0, width, height);
        images.Add(image);
        return image;
    }

    /// <summary>Removes the image; variants showing it fall back to the product's images, and the next image becomes primary.</summary>
    public void RemoveImage(ProductImage image)
    {
        ArgumentNullException.ThrowIfNull(image);
        foreach (var variant in variants.Where(v => v.ImageId == image.Id))
        {
            variant.ShowImage(null);
        }

        images.Remove(image);
        if (image.IsPrimary && images.Count > 0)
        {
            SetPrimaryImage(images.OrderBy(i => i.SortOrder).First().Id);
        }
    }

    public void SetPrimaryImage(Guid imageId)
    {
        foreach (var image in images)
        {
            image.MarkPrimary(image.Id == imageId);
        }
    }

    /// <summary>Replaces the tags (normalised with <see cref="ProductTag.Normalize"/>; duplicates and blanks dropped).</summary>
    public void ReplaceTags(IEnumerable<string> newTags)
    {
        ArgumentNullException.ThrowIfNull(newTags);
        var wanted = newTags.Select(ProductTag.Normalize).Where(t => t.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        tags.RemoveAll(t => !wanted.Contains(t.Tag, StringComparer.Ordinal));
        foreach (var tag in wanted.Where(w => tags.All(t => t.Tag != w)))
        {
            tags.Add(new ProductTag(Id, tag));
        }
    }

    public void ReplaceSpecifications(IEnumerable<(string Name, string Value)> specs)
    {
        ArgumentNullException.ThrowIfNull(specs);
        specifications.Clear();
        var order = 0;
        foreach (var (name, value) in specs.DistinctBy(s => s.Name, StringComparer.OrdinalIgnoreCase))
        {
            specifications.Add(new ProductSpecification(Id, name, value, order++));
        }
    }

    /// <summary>The denormalised rating, recomputed from the visible reviews by the reviews feature.</summary>
    public void SetRating(double average, int count)
    {
        RatingAverage = count == 0 ? 0 : Math.Round(average, 2);
        RatingCount = count;
    }
}
