using Microsoft.EntityFrameworkCore;
using Nexus.Modules.Licensing.Domain;
using Nexus.Shared.Persistence;

namespace Nexus.Modules.Licensing.Data;

internal sealed class LicensingDbContext : ModuleDbContext
{
    public const string SchemaName = "licensing";

    public LicensingDbContext(DbContextOptions<LicensingDbContext> options)
        : base(options)
    {
    }

    public DbSet<LicenseKey> Keys => Set<LicenseKey>();

    protected override string Schema => SchemaName;

    protected override void ConfigureModel(ModelBuilder modelBuilder, ModuleNaming naming)
    {
        modelBuilder.Entity<LicenseKey>(key =>
        {
            key.ToTable("license_keys");
            key.HasKey(k => k.Id);
            // Ids are made by the domain (Guid v7): new activations and history lines found through the key's
            // collections must be inserted, not taken for existing rows.
            key.Property(k => k.Id).ValueGeneratedNever();
            key.Property(k => k.Key).HasMaxLength(29).IsRequired();
            key.Property(k => k.CustomerId).HasMaxLength(64).IsRequired();
            key.Property(k => k.ProductName).HasMaxLength(200).IsRequired();
            // The column's default is for keys issued before it existed; EF always writes the value itself.
            key.Property(k => k.Version).IsConcurrencyToken().HasDefaultValue(0).ValueGeneratedNever();
            key.HasIndex(k => k.Key).IsUnique();
            key.HasIndex(k => k.CustomerId);
            key.HasIndex(k => new { k.OrderId, k.ProductId });
            key.HasMany(k => k.Activations).WithOne().HasForeignKey(a => a.LicenseKeyId).OnDelete(DeleteBehavior.Cascade);
            key.HasMany(k => k.History).WithOne().HasForeignKey(e => e.LicenseKeyId).OnDelete(DeleteBehavior.Cascade);
            key.Navigation(k => k.Activations).HasField("activations").UsePropertyAccessMode(PropertyAccessMode.Field);
            key.Navigation(k => k.History).HasField("history").UsePropertyAccessMode(PropertyAccessMode.Field);
            key.Ignore(k => k.ActiveCount);
        });

        modelBuilder.Entity<DeviceActivation>(activation =>
        {
            activation.ToTable("activations");
            activation.HasKey(a => a.Id);
            activation.Property(a => a.Id).ValueGeneratedNever();
            activation.Property(a => a.DeviceId).HasMaxLength(128).IsRequired();
            activation.Property(a => a.DeviceName).HasMaxLength(100).IsRequired();
            activation.HasIndex(a => a.LicenseKeyId);
        });

        modelBuilder.Entity<LicenseEvent>(entry =>
        {
            entry.ToTable("license_events");
            entry.HasKey(e => e.Id);
            entry.Property(e => e.Id).ValueGeneratedNever();
            entry.Property(e => e.Kind).HasConversion<int>();
            entry.Property(e => e.Device).HasMaxLength(100);
            entry.HasIndex(e => e.LicenseKeyId);
        });
    }
}
