using Microsoft.EntityFrameworkCore;
using Nexus.Modules.Customers.Domain;
using Nexus.Shared.Persistence;

namespace Nexus.Modules.Customers.Data;

internal sealed class CustomersDbContext : ModuleDbContext
{
    public const string SchemaName = "customers";

    public CustomersDbContext(DbContextOptions<CustomersDbContext> options)
        : base(options)
    {
    }

    public DbSet<CustomerProfile> Profiles => Set<CustomerProfile>();

    public DbSet<Address> Addresses => Set<Address>();

    public DbSet<WishlistItem> Wishlist => Set<WishlistItem>();

    protected override string Schema => SchemaName;

    protected override void ConfigureModel(ModelBuilder modelBuilder, ModuleNaming naming)
    {
        modelBuilder.Entity<CustomerProfile>(profile =>
        {
            profile.ToTable("profiles");
            profile.HasKey(p => p.UserId);
            profile.Property(p => p.UserId).HasMaxLength(64);
            profile.Property(p => p.DisplayName).HasMaxLength(100);
            profile.Property(p => p.Phone).HasMaxLength(32);
        });

        modelBuilder.Entity<Address>(address =>
        {
            address.ToTable("addresses");
            address.HasKey(a => a.Id);
            address.Property(a => a.UserId).HasMaxLength(64).IsRequired();
            address.Property(a => a.FullName).HasMaxLength(100).IsRequired();
            address.Property(a => a.Line1).HasMaxLength(200).IsRequired();
            address.Property(a => a.Line2).HasMaxLength(200);
            address.Property(a => a.City).HasMaxLength(100).IsRequired();
            address.Property(a => a.PostalCode).HasMaxLength(20).IsRequired();
            address.Property(a => a.Region).HasMaxLength(100);
            address.Property(a => a.CountryCode).HasMaxLength(2).IsRequired();
            address.Property(a => a.Phone).HasMaxLength(32);
            address.HasIndex(a => a.UserId);
        });

        modelBuilder.Entity<WishlistItem>(item =>
        {
            item.ToTable("wishlist_items");
            item.HasKey(i => i.Id);
            item.Property(i => i.UserId).HasMaxLength(64).IsRequired();
            item.HasIndex(i => new { i.UserId, i.ProductId }).IsUnique();
        });
    }
}
