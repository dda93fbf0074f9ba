namespace Nexus.Modules.Catalog.Domain;

/// <summary>
/// The text full-text search reads for one product: name, summary and description, category name and tags, flattened
/// into one row so one index covers them. It is derived data — <c>CatalogSearchIndex</c> rewrites it from the product
/// tables whenever a save touches a product, its tags or its category — and the database indexes it: an FTS5
/// external-content table (<c>catalog_product_fts</c>, kept in step by triggers) on SQLite, a generated, weighted
/// <c>tsvector</c> column with a GIN index on PostgreSQL. <see cref="Id"/> is an integer because FTS5 addresses rows
/// by rowid (an <c>INTEGER PRIMARY KEY</c> is one, and stays stable through VACUUM).
/// </summary>
internal sealed class ProductSearchDocument
{
    public const int TagsMaxLength = 2000;

    private ProductSearchDocument()
    {
    }

    public ProductSearchDocument(Guid productId, string name, string body, string categoryName, string tags)
    {
        ProductId = productId;
        Name = name;
        Body = body;
        CategoryName = categoryName;
        Tags = tags;
    }

    public long Id { get; private set; }

    public Guid ProductId { get; private set; }

    public string Name { get; private set; } = string.Empty;

    /// <summary>Summary and Markdown description.</summary>
    public string Body { get; private set; } = string.Empty;

    public string CategoryName { get; private set; } = string.Empty;

    /// <summary>The tags, space separated.</summary>
    public string Tags { get; private set; } = string.Empty;

    public void Rewrite(string name, string body, string categoryName, string tags)
    {
        Name = name;
        Body = body;
        CategoryName = categoryName;
        Tags = tags;
    }
}
