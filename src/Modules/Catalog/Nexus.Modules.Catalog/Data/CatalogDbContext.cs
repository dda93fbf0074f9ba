using Microsoft.EntityFrameworkCore;
using Nexus.Modules.Catalog.Domain;
using Nexus.Shared.Persistence;
using NpgsqlTypes;

namespace Nexus.Modules.Catalog.Data;

internal sealed class CatalogDbContext : ModuleDbContext
{
    public const string SchemaName = "catalog";

    /// <summary>PostgreSQL only: the generated, weighted tsvector over a <see cref="ProductSearchDocument"/> (GIN-indexed).</summary>
    public const string SearchVectorColumn = "SearchVector";

    public CatalogDbContext(DbContextOptions<CatalogDbContext> options)
        : base(options)
    {
    }

    public DbSet<Product> Products => Set<Product>();

    public DbSet<Category> Categories => Set<Category>();

    public DbSet<ProductVariant> Variants => Set<ProductVariant>();

    public DbSet<ProductImage> Images => Set<ProductImage>();

    public DbSet<ProductTag> Tags => Set<ProductTag>();

    public DbSet<ProductSpecification> Specifications => Set<ProductSpecification>();

    public DbSet<SlugRedirect> SlugRedirects => Set<SlugRedirect>();

    public DbSet<InventoryAdjustment> InventoryAdjustments => Set<InventoryAdjustment>();

    public DbSet<ProductReview> Reviews => Set<ProductReview>();

    public DbSet<ProductPurchase> Purchases => Set<ProductPurchase>();

    public DbSet<ProductSearchDocument> SearchDocuments => Set<ProductSearchDocument>();

    public DbSet<StockReservation> StockReservations => Set<StockReservation>();

    protected override string Schema => SchemaName;

    /// <summary>PostgreSQL is the provider that is neither SQLite nor SQL Server (the three Nexus runs on).</summary>
    public static bool IsPostgres(ModuleNaming naming) => !naming.IsSqlite && !naming.IsSqlServer;

    /// <summary>"At most one primary image per product": a unique index filtered to primary rows, in each provider's SQL.</summary>
    public static string PrimaryImageFilter(ModuleNaming naming) => naming.IsSqlServer ? "[IsPrimary] = 1" : "\"IsPrimary\"";

    /// <summary>
    /// The tsvector PostgreSQL keeps for each search row: name weighs most, then category and tags, then the text.
    /// The two-argument <c>to_tsvector</c> with a fixed configuration is immutable, as a generated column requires.
    /// </summary>
    public const string SearchVectorSql =
        "setweight(to_tsvector('english', coalesce(\"Name\", '')), 'A') || " +
        "setweight(to_tsvector('english', coalesce(\"CategoryName\", '') || ' ' || coalesce(\"Tags\", '')), 'B') || " +
        "setweight(to_tsvector('english', coalesce(\"Body\", '')), 'C')";

    public override int SaveChanges(bool acceptAllChangesOnSuccess) =>
        SaveChangesAsync(acceptAllChangesOnSuccess).GetAwaiter().GetResult();

    /// <summary>
    /// Saves as usual, and when the save touches what search reads, rewrites the affected search rows from the saved
    /// state in the same transaction (<see cref="CatalogSearchIndex"/>).
    /// </summary>
    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        BumpVersions();
        var search = CatalogSearchIndex.Affected(ChangeTracker);
        if (search.IsEmpty)
        {
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }

        var transaction = Database.CurrentTransaction is null ? await Database.BeginTransactionAsync(cancellationToken) : null;
        await using (transaction)
        {
            // Accepted at once whatever the caller asked: the second save below must not write these changes again.
            var saved = await base.SaveChangesAsync(acceptAllChangesOnSuccess: true, cancellationToken);
            await CatalogSearchIndex.RefreshAsync(this, search.Products, search.Categories, cancellationToken);
            saved += await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
            if (transaction is not null)
            {
                await transaction.CommitAsync(cancellationToken);
            }

            return saved;
        }
    }

    /// <summary>
    /// Every save that changes a product moves its concurrency token on, so an edit made from a stale form fails with
    /// a concurrency conflict instead of overwriting someone else's change. Done here so no write path can forget it
    /// (set-based <c>ExecuteUpdate</c> bypasses it and must bump <c>Version</c> itself).
    /// </summary>
    private void BumpVersions()
    {
        foreach (var entry in ChangeTracker.Entries<Product>())
        {
            if (entry.State == EntityState.Modified)
            {
                var version = entry.Property(p => p.Version);
                version.CurrentValue = version.OriginalValue + 1;
            }
        }
    }

    protected override void ConfigureModel(ModelBuilder modelBuilder, ModuleNaming naming)
    {
        modelBuilder.Entity<Category>(category =>
        {
            category.ToTable("categories");
            category.HasKey(c => c.Id);
            category.Property(c => c.Name).HasMaxLength(Category.NameMaxLength).IsRequired();
            category.Property(c => c.Slug).HasMaxLength(Category.SlugMaxLength).IsRequired();
            // Columns added to a table that had rows carry the default the migration gave them.
            category.Property(c => c.Description).HasMaxLength(Category.DescriptionMaxLength).IsRequired().HasDefaultValue(string.Empty).ValueGeneratedNever();
            category.Property(c => c.SortOrder).HasDefaultValue(0).ValueGeneratedNever();
            category.HasOne<Category>().WithMany().HasForeignKey(c => c.ParentId).OnDelete(DeleteBehavior.Restrict);
            category.HasIndex(c => c.Slug).IsUnique();
            category.HasIndex(c => c.ParentId);
        });

        modelBuilder.Entity<Product>(product =>
        {
            product.ToTable("products");
            product.HasKey(p => p.Id);
            product.Property(p => p.Sku).HasMaxLength(Product.SkuMaxLength).IsRequired();
            product.Property(p => p.Name).HasMaxLength(Product.NameMaxLength).IsRequired();
            product.Property(p => p.Slug).HasMaxLength(Product.SlugMaxLength).IsRequired();
            product.Property(p => p.Summary).HasMaxLength(Product.SummaryMaxLength);
            // Unbounded in the database (text / nvarchar(max)); the validators hold it to Product.DescriptionMaxLength.
            product.Property(p => p.DescriptionMarkdown).IsRequired();
            product.Property(p => p.MetaDescription).HasMaxLength(Product.MetaDescriptionMaxLength);
            product.Property(p => p.Currency).HasMaxLength(3).IsRequired();
            product.Property(p => p.IsDeleted).HasDefaultValue(false).ValueGeneratedNever();
            product.Property(p => p.LowStockThreshold).HasDefaultValue(Product.DefaultLowStockThreshold).ValueGeneratedNever();
            product.Property(p => p.RatingAverage).HasDefaultValue(0d).ValueGeneratedNever();
            product.Property(p => p.RatingCount).HasDefaultValue(0).ValueGeneratedNever();
            product.Property(p => p.Version).IsConcurrencyToken().HasDefaultValue(0).ValueGeneratedNever();
            product.Property(p => p.Option1Name).HasMaxLength(Product.OptionNameMaxLength);
            product.Property(p => p.Option2Name).HasMaxLength(Product.OptionNameMaxLength);
            product.Property(p => p.Option3Name).HasMaxLength(Product.OptionNameMaxLength);
            product.Ignore(p => p.OptionNames);
            product.Ignore(p => p.IsListed);
            product.Ignore(p => p.InStock);
            product.Ignore(p => p.IsLowStock);
            product.HasOne(p => p.Category).WithMany().HasForeignKey(p => p.CategoryId).OnDelete(DeleteBehavior.Restrict);
            product.HasMany(p => p.Variants).WithOne().HasForeignKey(v => v.ProductId).OnDelete(DeleteBehavior.Cascade);
            product.HasMany(p => p.Images).WithOne().HasForeignKey(i => i.ProductId).OnDelete(DeleteBehavior.Cascade);
            product.HasMany(p => p.Tags).WithOne().HasForeignKey(t => t.ProductId).OnDelete(DeleteBehavior.Cascade);
            product.HasMany(p => p.Specifications).WithOne().HasForeignKey(s => s.ProductId).OnDelete(DeleteBehavior.Cascade);
            product.Navigation(p => p.Variants).UsePropertyAccessMode(PropertyAccessMode.Field);
            product.Navigation(p => p.Images).UsePropertyAccessMode(PropertyAccessMode.Field);
            product.Navigation(p => p.Tags).UsePropertyAccessMode(PropertyAccessMode.Field);
            product.Navigation(p => p.Specifications).UsePropertyAccessMode(PropertyAccessMode.Field);
            product.HasIndex(p => p.Sku).IsUnique();
            product.HasIndex(p => p.Slug).IsUnique();
            product.HasIndex(p => p.CategoryId);
            // The listing filters on "listed" (IsDeleted, IsPublished) and orders by one of these; each index serves one sort.
            product.HasIndex(p => new { p.IsDeleted, p.IsPublished, p.CreatedAt });
            product.HasIndex(p => new { p.IsDeleted, p.IsPublished, p.PriceMinor });
            product.HasIndex(p => new { p.IsDeleted, p.IsPublished, p.RatingAverage });
            product.HasIndex(p => new { p.IsDeleted, p.IsPublished, p.Name });
        });

        modelBuilder.Entity<ProductVariant>(variant =>
        {
            variant.ToTable("product_variants");
            variant.HasKey(v => v.Id);
            variant.Property(v => v.Sku).HasMaxLength(Product.SkuMaxLength).IsRequired();
            variant.Property(v => v.Option1).HasMaxLength(ProductVariant.OptionValueMaxLength);
            variant.Property(v => v.Option2).HasMaxLength(ProductVariant.OptionValueMaxLength);
            variant.Property(v => v.Option3).HasMaxLength(ProductVariant.OptionValueMaxLength);
            variant.Ignore(v => v.Title);
            // An image may be removed while a variant shows it: the domain clears the reference first (no second cascade path on SQL Server).
            variant.HasOne<ProductImage>().WithMany().HasForeignKey(v => v.ImageId).OnDelete(DeleteBehavior.Restrict);
            variant.HasIndex(v => v.Sku).IsUnique();
            variant.HasIndex(v => v.ProductId);
            variant.HasIndex(v => v.ImageId);
        });

        modelBuilder.Entity<ProductImage>(image =>
        {
            image.ToTable("product_images");
            image.HasKey(i => i.Id);
            image.Property(i => i.Key).HasMaxLength(ProductImage.KeyMaxLength).IsRequired();
            image.Property(i => i.AltText).HasMaxLength(ProductImage.AltTextMaxLength).IsRequired();
            image.HasIndex(i => i.Key).IsUnique();
            image.HasIndex(i => new { i.ProductId, i.SortOrder });
            image.HasIndex(i => i.ProductId).IsUnique().HasFilter(PrimaryImageFilter(naming)).HasDatabaseName(naming.Index("product_images", "ProductId") + "_Primary");
        });

        modelBuilder.Entity<ProductTag>(tag =>
        {
            tag.ToTable("product_tags");
            tag.HasKey(t => new { t.ProductId, t.Tag });
            tag.Property(t => t.Tag).HasMaxLength(ProductTag.MaxLength).IsRequired();
            tag.HasIndex(t => t.Tag);
        });

        modelBuilder.Entity<ProductSpecification>(spec =>
        {
            spec.ToTable("product_specifications");
            spec.HasKey(s => new { s.ProductId, s.Name });
            spec.Property(s => s.Name).HasMaxLength(ProductSpecification.NameMaxLength).IsRequired();
            spec.Property(s => s.Value).HasMaxLength(ProductSpecification.ValueMaxLength).IsRequired();
        });

        modelBuilder.Entity<SlugRedirect>(redirect =>
        {
            redirect.ToTable("slug_redirects");
            redirect.HasKey(r => new { r.Kind, r.OldSlug });
            redirect.Property(r => r.Kind).HasConversion<string>().HasMaxLength(20);
            redirect.Property(r => r.OldSlug).HasMaxLength(Product.SlugMaxLength).IsRequired();
            redirect.HasIndex(r => r.TargetId);
        });

        modelBuilder.Entity<InventoryAdjustment>(adjustment =>
        {
            adjustment.ToTable("inventory_adjustments");
            adjustment.HasKey(a => a.Id);
            adjustment.Property(a => a.Reason).HasMaxLength(InventoryAdjustment.ReasonMaxLength).IsRequired();
            adjustment.Property(a => a.ActorId).HasMaxLength(InventoryAdjustment.ActorMaxLength).IsRequired();
            // The trail outlives nothing it describes: a variant with history cannot be hard-deleted (products are soft-deleted).
            adjustment.HasOne<ProductVariant>().WithMany().HasForeignKey(a => a.VariantId).OnDelete(DeleteBehavior.Restrict);
            adjustment.HasIndex(a => new { a.VariantId, a.At });
            adjustment.HasIndex(a => new { a.ProductId, a.At });
        });

        modelBuilder.Entity<ProductReview>(review =>
        {
            review.ToTable("product_reviews");
            review.HasKey(r => r.Id);
            review.Property(r => r.CustomerId).HasMaxLength(ProductReview.CustomerIdMaxLength).IsRequired();
            review.Property(r => r.AuthorName).HasMaxLength(ProductReview.AuthorMaxLength).IsRequired();
            review.Property(r => r.Title).HasMaxLength(ProductReview.TitleMaxLength);
            review.Property(r => r.Body).HasMaxLength(ProductReview.BodyMaxLength).IsRequired();
            review.Property(r => r.HiddenBy).HasMaxLength(ProductReview.CustomerIdMaxLength);
            review.HasOne<Product>().WithMany().HasForeignKey(r => r.ProductId).OnDelete(DeleteBehavior.Cascade);
            // One review per customer and product, enforced by the database too (two tabs posting at once).
            review.HasIndex(r => new { r.ProductId, r.CustomerId }).IsUnique();
            review.HasIndex(r => new { r.ProductId, r.IsHidden, r.CreatedAt });
            review.HasIndex(r => new { r.IsHidden, r.CreatedAt });
        });

        modelBuilder.Entity<ProductPurchase>(purchase =>
        {
            purchase.ToTable("product_purchases");
            // No foreign key to products: this records what Ordering said was bought, whatever the catalog holds now.
            purchase.HasKey(p => new { p.OrderId, p.ProductId });
            purchase.Property(p => p.CustomerId).HasMaxLength(ProductReview.CustomerIdMaxLength).IsRequired();
            purchase.HasIndex(p => new { p.CustomerId, p.ProductId });
        });

        modelBuilder.Entity<StockReservation>(reservation =>
        {
            reservation.ToTable("stock_reservations");
            reservation.HasKey(r => r.Id);
            reservation.Property(r => r.OrderReference).HasMaxLength(StockReservation.OrderReferenceMaxLength).IsRequired();
            reservation.Property(r => r.Status).HasConversion<string>().HasMaxLength(20);
            reservation.Property(r => r.ReleaseReason).HasMaxLength(StockReservation.ReasonMaxLength);
            // Like the inventory trail, a reservation keeps its variant from being hard-deleted (products are soft-deleted).
            reservation.HasOne<ProductVariant>().WithMany().HasForeignKey(r => r.VariantId).OnDelete(DeleteBehavior.Restrict);
            // One row per order and variant: what makes a second reservation for the same order take nothing, also when
            // two race (docs/decisions/0016).
            reservation.HasIndex(r => new { r.OrderReference, r.VariantId }).IsUnique();
            // The back office's "held by unpaid orders" per variant.
            reservation.HasIndex(r => new { r.VariantId, r.Status });
        });

        modelBuilder.Entity<ProductSearchDocument>(search =>
        {
            search.ToTable("product_search");
            search.HasKey(s => s.Id);
            search.Property(s => s.Id).ValueGeneratedOnAdd();
            search.Property(s => s.Name).HasMaxLength(Product.NameMaxLength).IsRequired();
            search.Property(s => s.Body).IsRequired();
            search.Property(s => s.CategoryName).HasMaxLength(Category.NameMaxLength).IsRequired();
            search.Property(s => s.Tags).HasMaxLength(ProductSearchDocument.TagsMaxLength).IsRequired();
            search.HasOne<Product>().WithOne().HasForeignKey<ProductSearchDocument>(s => s.ProductId).OnDelete(DeleteBehavior.Cascade);
            search.HasIndex(s => s.ProductId).IsUnique();
            if (IsPostgres(naming))
            {
                search.Property<NpgsqlTsVector>(SearchVectorColumn).HasComputedColumnSql(SearchVectorSql, stored: true);
                search.HasIndex(SearchVectorColumn).HasMethod("gin");
            }
        });
    }
}
