using Microsoft.EntityFrameworkCore;
using Nexus.Shared.Persistence;

namespace Nexus.Testing.Events;

/// <summary>The probe module's database: what its handlers applied, plus its outbox and inbox.</summary>
public sealed class ProbeDbContext : ModuleDbContext
{
    public const string SchemaName = "probe";

    public ProbeDbContext(DbContextOptions<ProbeDbContext> options)
        : base(options)
    {
    }

    public DbSet<ProbeApplied> Applied => Set<ProbeApplied>();

    protected override string Schema => SchemaName;

    protected override void ConfigureModel(ModelBuilder modelBuilder, ModuleNaming naming)
    {
        modelBuilder.Entity<ProbeApplied>(applied =>
        {
            applied.ToTable("applied");
            applied.HasKey(a => a.Id);
            applied.Property(a => a.Kind).HasMaxLength(40).IsRequired();
            applied.Property(a => a.CorrelationId).HasMaxLength(64);
            applied.HasIndex(a => a.EventId);
        });
    }
}
