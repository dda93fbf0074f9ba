using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Nexus.Modules.Ordering.Domain;
using Nexus.Shared.Persistence;

namespace Nexus.Modules.Ordering.Data;

internal sealed class OrderingDbContext : ModuleDbContext
{
    public const string SchemaName = "ordering";
    public const int AddressMaxLength = 2000;
    public const int LinesMaxLength = 4000;

    public OrderingDbContext(DbContextOptions<OrderingDbContext> options)
        : base(options)
    {
    }

    public DbSet<Order> Orders => Set<Order>();

    public DbSet<OrderLine> OrderLines => Set<OrderLine>();

    public DbSet<OrderStatusChange> StatusChanges => Set<OrderStatusChange>();

    public DbSet<Shipment> Shipments => Set<Shipment>();

    public DbSet<OrderRefund> Refunds => Set<OrderRefund>();

    public DbSet<OrderNote> Notes => Set<OrderNote>();

    public DbSet<BulkOrderRun> BulkRuns => Set<BulkOrderRun>();

    public DbSet<BulkOrderItem> BulkItems => Set<BulkOrderItem>();

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
            // The back office's list: newest first, by total, by e-mail with the newest first (M202612041010).
            order.HasIndex(o => o.CreatedAt);
            order.HasIndex(o => o.TotalMinor);
            order.HasIndex(o => new { o.Email, o.CreatedAt });
            order.HasMany(o => o.Lines).WithOne().HasForeignKey(l => l.OrderId).OnDelete(DeleteBehavior.Cascade);
            order.HasMany(o => o.History).WithOne().HasForeignKey(h => h.OrderId).OnDelete(DeleteBehavior.Cascade);
            order.Navigation(o => o.Lines).HasField("lines").UsePropertyAccessMode(PropertyAccessMode.Field);
            order.Navigation(o => o.History).HasField("history").UsePropertyAccessMode(PropertyAccessMode.Field);
            order.HasMany(o => o.Shipments).WithOne().HasForeignKey(s => s.OrderId).OnDelete(DeleteBehavior.Cascade);
            order.HasMany(o => o.Refunds).WithOne().HasForeignKey(r => r.OrderId).OnDelete(DeleteBehavior.Cascade);
            order.HasMany(o => o.Notes).WithOne().HasForeignKey(n => n.OrderId).OnDelete(DeleteBehavior.Cascade);
            order.Navigation(o => o.Shipments).HasField("shipments").UsePropertyAccessMode(PropertyAccessMode.Field);
            order.Navigation(o => o.Refunds).HasField("refunds").UsePropertyAccessMode(PropertyAccessMode.Field);
            order.Navigation(o => o.Notes).HasField("notes").UsePropertyAccessMode(PropertyAccessMode.Field);
            order.Ignore(o => o.PaidMinor);
            order.Ignore(o => o.RefundedMinor);
            order.Ignore(o => o.PendingRefundMinor);
            order.Ignore(o => o.RefundableMinor);
            order.Ignore(o => o.FullyShipped);
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

        modelBuilder.Entity<Shipment>(shipment =>
        {
            shipment.ToTable("order_shipments");
            shipment.HasKey(s => s.Id);
            shipment.Property(s => s.Id).ValueGeneratedNever();
            shipment.Property(s => s.Carrier).HasMaxLength(Shipment.CarrierMaxLength).IsRequired();
            shipment.Property(s => s.TrackingNumber).HasMaxLength(Shipment.TrackingNumberMaxLength).IsRequired();
            shipment.Property(s => s.TrackingUrl).HasMaxLength(Shipment.TrackingUrlMaxLength);
            // Which lines a parcel carried is read whole with the order and never queried: a JSON column, like the addresses.
            shipment.Property(s => s.Lines).HasMaxLength(LinesMaxLength).IsRequired().HasConversion(LinesConverter()).Metadata.SetValueComparer(LinesComparer());
            shipment.HasIndex(s => s.OrderId);
        });

        modelBuilder.Entity<OrderRefund>(refund =>
        {
            refund.ToTable("order_refunds");
            refund.HasKey(r => r.Id);
            refund.Property(r => r.Id).ValueGeneratedNever();
            refund.Property(r => r.Reason).HasMaxLength(OrderRefund.ReasonMaxLength).IsRequired();
            refund.Property(r => r.FailureMessage).HasMaxLength(OrderRefund.FailureMaxLength);
            refund.Property(r => r.RequestedBy).HasMaxLength(256).IsRequired();
            refund.Property(r => r.Status).HasConversion<int>();
            refund.Property(r => r.Lines).HasMaxLength(LinesMaxLength).IsRequired().HasConversion(LinesConverter()).Metadata.SetValueComparer(LinesComparer());
            refund.HasIndex(r => r.OrderId);
        });

        modelBuilder.Entity<OrderNote>(note =>
        {
            note.ToTable("order_notes");
            note.HasKey(n => n.Id);
            note.Property(n => n.Id).ValueGeneratedNever();
            note.Property(n => n.Text).HasMaxLength(OrderNote.TextMaxLength).IsRequired();
            note.Property(n => n.Author).HasMaxLength(256).IsRequired();
            note.HasIndex(n => n.OrderId);
        });

        modelBuilder.Entity<BulkOrderRun>(run =>
        {
            run.ToTable("order_bulk_runs");
            run.HasKey(r => r.Id);
            run.Property(r => r.Id).ValueGeneratedNever();
            run.Property(r => r.Action).HasMaxLength(32).IsRequired();
            run.Property(r => r.ActorId).HasMaxLength(64).IsRequired();
            run.Property(r => r.ActorEmail).HasMaxLength(256).IsRequired();
            run.Ignore(r => r.Percent);
        });

        modelBuilder.Entity<BulkOrderItem>(item =>
        {
            item.ToTable("order_bulk_items");
            item.HasKey(i => i.Id);
            item.Property(i => i.Id).ValueGeneratedNever();
            item.Property(i => i.OrderNumber).HasMaxLength(OrderNumber.MaxLength).IsRequired();
            item.Property(i => i.Message).HasMaxLength(BulkOrderItem.MessageMaxLength);
            item.HasIndex(i => new { i.RunId, i.Position });
        });
    }

    private static Microsoft.EntityFrameworkCore.Storage.ValueConversion.ValueConverter<IReadOnlyList<OrderLineQuantity>, string> LinesConverter() => new(
        lines => JsonSerializer.Serialize(lines, JsonSerializerOptions.Web),
        json => JsonSerializer.Deserialize<List<OrderLineQuantity>>(json, JsonSerializerOptions.Web) ?? new List<OrderLineQuantity>());

    private static Microsoft.EntityFrameworkCore.ChangeTracking.ValueComparer<IReadOnlyList<OrderLineQuantity>> LinesComparer() => new(
        (a, b) => a == null ? b == null : b != null && a.SequenceEqual(b),
        lines => lines.Aggregate(0, (hash, line) => HashCode.Combine(hash, line.GetHashCode())),
        lines => lines.ToList());
}
