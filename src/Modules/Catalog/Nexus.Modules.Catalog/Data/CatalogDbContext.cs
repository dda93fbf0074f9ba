using Microsoft.EntityFrameworkCore;
using Nexus.Modules.Catalog.Domain;
using Nexus.Shared.Persistence;

namespace Nexus.Modules.Catalog.Data;

internal sealed class CatalogDbContext : ModuleDbContext
{
    public const string SchemaName = "catalog";

    public CatalogDbContext(DbContextOptions<CatalogDbContext> options)
        : base(options)
    {
    }

    public DbSet<Product> Products => Set<Product>();

    public DbSet<Category> Categories => Set<Category>();

    protected override string Schema => SchemaName;

    protected override void ConfigureModel(ModelBuilder modelBuilder, ModuleNaming naming)
    {
        modelBuilder.Entity<Category>(category =>
        {
            category.ToTable("categories");
            category.HasKey(c => c.Id);
            category.Property(c => c.Name).HasMaxLength(100).IsRequired();
            category.Property(c => c.Slug).HasMaxLength(120).IsRequired();
            category.HasIndex(c => c.Slug).IsUnique();
        });

        modelBuilder.Entity<Product>(product =>
        {
            product.ToTable("products");
            product.HasKey(p => p.Id);
            product.Property(p => p.Sku).HasMaxLength(64).IsRequired();
            product.Property(p => p.Name).HasMaxLength(200).IsRequired();
            product.Property(p => p.Slug).HasMaxLength(220).IsRequired();
            product.Property(p => p.Description).HasMaxLength(4000).IsRequired();
            product.Property(p => p.Currency).HasMaxLength(3).IsRequired();
            product.HasOne(p => p.Category).WithMany().HasForeignKey(p => p.CategoryId).OnDelete(DeleteBehavior.Restrict);
            product.HasIndex(p => p.Sku).IsUnique();
            product.HasIndex(p => p.Slug).IsUnique();
            product.HasIndex(p => p.CategoryId);
        });
    }
}
