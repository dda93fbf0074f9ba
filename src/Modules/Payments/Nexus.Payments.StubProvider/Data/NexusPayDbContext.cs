using Microsoft.EntityFrameworkCore;
using Nexus.Payments.StubProvider.Domain;
using Nexus.Shared.Persistence;

namespace Nexus.Payments.StubProvider.Data;

/// <summary>The provider's own books (schema <c>nexuspay</c>): the shop never reads them, it asks the provider's API.</summary>
internal sealed class NexusPayDbContext : ModuleDbContext
{
    public const string SchemaName = "nexuspay";

    public NexusPayDbContext(DbContextOptions<NexusPayDbContext> options)
        : base(options)
    {
    }

    public DbSet<StubIntent> Intents => Set<StubIntent>();

    public DbSet<StubRefund> Refunds => Set<StubRefund>();

    public DbSet<StubEvent> Events => Set<StubEvent>();

    public DbSet<IdempotencyRecord> IdempotencyRecords => Set<IdempotencyRecord>();

    protected override string Schema => SchemaName;

    protected override void ConfigureModel(ModelBuilder modelBuilder, ModuleNaming naming)
    {
        modelBuilder.Entity<StubIntent>(intent =>
        {
            intent.ToTable("payment_intents");
            intent.HasKey(i => i.Id);
            intent.Property(i => i.Id).HasMaxLength(40);
            intent.Property(i => i.Currency).HasMaxLength(3).IsRequired();
            intent.Property(i => i.Reference).HasMaxLength(64).IsRequired();
            intent.Property(i => i.ReturnUrl).HasMaxLength(2000).IsRequired();
            intent.Property(i => i.Status).HasMaxLength(32).IsRequired();
            intent.Property(i => i.CardLast4).HasMaxLength(4);
            intent.Property(i => i.LastErrorCode).HasMaxLength(64);
            intent.Property(i => i.LastDeclineCode).HasMaxLength(64);
            intent.Property(i => i.LastErrorMessage).HasMaxLength(200);
            intent.Property(i => i.ChallengeUrl).HasMaxLength(2000);
            intent.Property(i => i.Version).IsConcurrencyToken();
            intent.HasIndex(i => i.Reference);
            intent.HasIndex(i => i.SettleAt);
        });

        modelBuilder.Entity<StubRefund>(refund =>
        {
            refund.ToTable("refunds");
            refund.HasKey(r => r.Id);
            refund.Property(r => r.Id).HasMaxLength(40);
            refund.Property(r => r.PaymentIntentId).HasMaxLength(40).IsRequired();
            refund.Property(r => r.Status).HasMaxLength(32).IsRequired();
            refund.Property(r => r.Reference).HasMaxLength(64);
            refund.HasIndex(r => r.PaymentIntentId);
        });

        modelBuilder.Entity<StubEvent>(stubEvent =>
        {
            stubEvent.ToTable("events");
            stubEvent.HasKey(e => e.Id);
            stubEvent.Property(e => e.Id).HasMaxLength(40);
            stubEvent.Property(e => e.Type).HasMaxLength(64).IsRequired();
            stubEvent.Property(e => e.PaymentIntentId).HasMaxLength(40).IsRequired();
            stubEvent.Property(e => e.Payload).IsRequired();
            stubEvent.Property(e => e.LastError).HasMaxLength(500);
            stubEvent.HasIndex(e => e.NextAttemptAt);
            stubEvent.HasIndex(e => e.PaymentIntentId);
        });

        modelBuilder.Entity<IdempotencyRecord>(record =>
        {
            record.ToTable("idempotency_keys");
            record.HasKey(r => r.Key);
            record.Property(r => r.Key).HasMaxLength(255);
            record.Property(r => r.RequestHash).HasMaxLength(64).IsRequired();
        });
    }
}
