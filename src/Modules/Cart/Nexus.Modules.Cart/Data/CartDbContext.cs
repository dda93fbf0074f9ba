using Microsoft.EntityFrameworkCore;
using Nexus.Modules.Cart.Domain;
using Nexus.Shared.Persistence;

namespace Nexus.Modules.Cart.Data;

internal sealed class CartDbContext : ModuleDbContext
{
    public const string SchemaName = "cart";

    public CartDbContext(DbContextOptions<CartDbContext> options)
        : base(options)
    {
    }

    public DbSet<ShoppingCart> Carts => Set<ShoppingCart>();

    public DbSet<CartLine> Lines => Set<CartLine>();

    public DbSet<CheckoutSettings> Settings => Set<CheckoutSettings>();

    public DbSet<CartCheckout> Checkouts => Set<CartCheckout>();

    protected override string Schema => SchemaName;

    protected override void ConfigureModel(ModelBuilder modelBuilder, ModuleNaming naming)
    {
        modelBuilder.Entity<ShoppingCart>(cart =>
        {
            cart.ToTable("carts");
            cart.HasKey(c => c.Id);
            cart.Property(c => c.Id).ValueGeneratedNever();
            cart.Property(c => c.CustomerId).HasMaxLength(ShoppingCart.CustomerIdMaxLength);
            cart.Property(c => c.GuestToken).HasMaxLength(ShoppingCart.GuestTokenMaxLength);
            cart.Property(c => c.CouponCode).HasMaxLength(ShoppingCart.CouponCodeMaxLength);
            // Two writers of one cart (two tabs, a merge racing an add): the second fails and is retried or refused.
            cart.Property(c => c.Version).IsConcurrencyToken();
            // One cart per customer and per guest token: a race creating two fails on the index, not silently.
            cart.HasIndex(c => c.CustomerId).IsUnique();
            cart.HasIndex(c => c.GuestToken).IsUnique();
            cart.HasIndex(c => c.UpdatedAt);
            cart.HasMany(c => c.Lines).WithOne().HasForeignKey(l => l.CartId).OnDelete(DeleteBehavior.Cascade);
            cart.Navigation(c => c.Lines).HasField("lines").UsePropertyAccessMode(PropertyAccessMode.Field);
            cart.Ignore(c => c.ItemCount);
        });

        modelBuilder.Entity<CartLine>(line =>
        {
            // "lines", not "cart_lines": on SQLite the module prefix makes it cart_lines (a name already starting with the prefix is left alone).
            line.ToTable("lines");
            line.HasKey(l => l.Id);
            line.Property(l => l.Id).ValueGeneratedNever();
            line.HasIndex(l => new { l.CartId, l.VariantId }).IsUnique();
        });

        modelBuilder.Entity<CheckoutSettings>(settings =>
        {
            settings.ToTable("checkout_settings");
            settings.HasKey(s => s.Id);
            settings.Property(s => s.Id).ValueGeneratedNever();
            settings.Property(s => s.UpdatedBy).HasMaxLength(100);
        });

        modelBuilder.Entity<CartCheckout>(checkout =>
        {
            checkout.ToTable("checkouts");
            checkout.HasKey(c => c.OrderId);
            checkout.Property(c => c.OrderId).ValueGeneratedNever();
            checkout.Property(c => c.OrderNumber).HasMaxLength(CartCheckout.OrderNumberMaxLength);
            checkout.Property(c => c.CouponCode).HasMaxLength(ShoppingCart.CouponCodeMaxLength);
            checkout.HasIndex(c => new { c.CartId, c.SettledAt });
            checkout.HasMany(c => c.Lines).WithOne().HasForeignKey(l => l.OrderId).OnDelete(DeleteBehavior.Cascade);
            checkout.Navigation(c => c.Lines).HasField("lines").UsePropertyAccessMode(PropertyAccessMode.Field);
            checkout.Ignore(c => c.IsOpen);
        });

        modelBuilder.Entity<CartCheckoutLine>(line =>
        {
            line.ToTable("checkout_lines");
            line.HasKey(l => new { l.OrderId, l.VariantId });
        });
    }
}
