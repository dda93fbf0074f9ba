using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Nexus.Modules.Ordering.Domain;
using Nexus.Shared.Persistence;

namespace Nexus.Modules.Ordering.Data;

internal sealed class OrderingDbContext : ModuleDbContext
{
    public const string SchemaName = "ordering";
    public const int AddressMaxLength = 2000;

    public OrderingDbContext(DbContextOptions<OrderingDbContext> options)
        : base(options)
    {
    }

    public DbSet<Order> Orders => Set<Order>();

    public DbSet<OrderLine> OrderLines => Set<OrderLine>();

    public DbSet<OrderStatusChange> StatusChanges => Set<OrderStatusChange>();

    protected override string Schema => SchemaName;

    protected override void ConfigureModel(ModelBuilder modelBuilder, ModuleNaming naming)
    {
        modelBuilder.Entity<Order>(order =>
        {
            order.ToTable("orders");
            order.HasKey(o => o.Id);
            order.Property(o => o.Id).ValueGeneratedNever();
            order.Property(o => o.Number).HasMaxLength(OrderNumber.MaxLength).IsRequired();
            order.Property(o => o.IdempotencyKey).HasMaxLength(Order.IdempotencyKeyMaxLength).IsRequired();
            order.Property(o => o.CustomerId).HasMaxLength(64);
            order.Property(o => o.Email).HasMaxLength(Order.EmailMaxLength).IsRequired();
            order.Property(o => o.Currency).HasMaxLength(3).IsRequired();
            order.Property(o => o.CouponCode).HasMaxLength(64);
            order.Property(o => o.ShippingMethod).HasMaxLength(32);
            // Address copies are read whole and never queried: one JSON column each keeps them provider-neutral.
            order.Property(o => o.ShippingAddress).HasMaxLength(AddressMaxLength)
                .HasConversion(a => a == null ? null : JsonSerializer.Serialize(a, JsonSerializerOptions.Web), s => s == null ? null : JsonSerializer.Deserialize<AddressSnapshot>(s, JsonSerializerOptions.Web));
            order.Property(o => o.BillingAddress).HasMaxLength(AddressMaxLength).IsRequired()
                .HasConversion(a => JsonSerializer.Serialize(a, JsonSerializerOptions.Web), s => JsonSerializer.Deserialize<AddressSnapshot>(s, JsonSerializerOptions.Web)!);
            order.Property(o => o.Status).HasConversion<int>();
            order.Property(o => o.CancelReason).HasMaxLength(Order.CancelReasonMaxLength);
            order.Property(o => o.Version).IsConcurrencyToken();
            order.HasIndex(o => o.Number).IsUnique();
            order.HasIndex(o => o.IdempotencyKey).IsUnique();
            order.HasIndex(o => new { o.CustomerId, o.CreatedAt });
            order.HasIndex(o => new { o.Status, o.CreatedAt });
            order.HasIndex(o => o.Email);
            order.HasMany(o => o.Lines).WithOne().HasForeignKey(l => l.OrderId).OnDelete(DeleteBehavior.Cascade);
            order.HasMany(o => o.History).WithOne().HasForeignKey(h => h.OrderId).OnDelete(DeleteBehavior.Cascade);
            order.Navigation(o => o.Lines).HasField("lines").UsePropertyAccessMode(PropertyAccessMode.Field);
            order.Navigation(o => o.History).HasField("history").UsePropertyAccessMode(PropertyAccessMode.Field);
            order.Ignore(o => o.RequiresShipping);
            order.Ignore(o => o.ItemCount);
        });

        modelBuilder.Entity<OrderLine>(line =>
        {
            line.ToTable("order_lines");
            line.HasKey(l => l.Id);
            line.Property(l => l.Id).ValueGeneratedNever();
            line.Property(l => l.Sku).HasMaxLength(64).IsRequired();
            line.Property(l => l.ProductName).HasMaxLength(200).IsRequired();
            line.Property(l => l.VariantTitle).HasMaxLength(200).IsRequired();
            line.HasIndex(l => l.OrderId);
        });

        modelBuilder.Entity<OrderStatusChange>(change =>
        {
            change.ToTable("order_status_changes");
            change.HasKey(c => c.Id);
            change.Property(c => c.Id).ValueGeneratedNever();
            change.Property(c => c.From).HasConversion<int?>();
            change.Property(c => c.To).HasConversion<int>();
            change.Property(c => c.Note).HasMaxLength(OrderStatusChange.NoteMaxLength);
            change.HasIndex(c => c.OrderId);
        });
    }
}
