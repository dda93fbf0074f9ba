using Microsoft.EntityFrameworkCore;
using Nexus.Modules.Payments.Domain;
using Nexus.Shared.Persistence;

namespace Nexus.Modules.Payments.Data;

internal sealed class PaymentsDbContext : ModuleDbContext
{
    public const string SchemaName = "payments";

    public PaymentsDbContext(DbContextOptions<PaymentsDbContext> options)
        : base(options)
    {
    }

    public DbSet<Payment> Payments => Set<Payment>();

    public DbSet<Refund> Refunds => Set<Refund>();

    public DbSet<PaymentStatusChange> StatusChanges => Set<PaymentStatusChange>();

    public DbSet<WebhookDelivery> WebhookDeliveries => Set<WebhookDelivery>();

    public DbSet<AppliedProviderEvent> AppliedEvents => Set<AppliedProviderEvent>();

    protected override string Schema => SchemaName;

    protected override void ConfigureModel(ModelBuilder modelBuilder, ModuleNaming naming)
    {
        modelBuilder.Entity<Payment>(payment =>
        {
            payment.ToTable("payments");
            payment.HasKey(p => p.Id);
            // Ids are made by the domain (Guid v7): history lines and refunds found through the collections are inserts.
            payment.Property(p => p.Id).ValueGeneratedNever();
            payment.Property(p => p.OrderReference).HasMaxLength(Payment.OrderReferenceMaxLength).IsRequired();
            payment.Property(p => p.Currency).HasMaxLength(3).IsRequired();
            payment.Property(p => p.Status).HasConversion<int>();
            payment.Property(p => p.ProviderIntentId).HasMaxLength(40);
            payment.Property(p => p.FailureCode).HasMaxLength(64);
            payment.Property(p => p.FailureMessage).HasMaxLength(200);
            payment.Property(p => p.ChallengeUrl).HasMaxLength(2000);
            payment.Property(p => p.CardLast4).HasMaxLength(4);
            payment.Property(p => p.ReturnUrl).HasMaxLength(2000).IsRequired();
            // Not a concurrency token: a confirm answer and its webhook often apply the same provider version at the same
            // moment, and the loser must not fail the shopper's request. Version ordering (Payment.Apply) keeps the row
            // right; the applied-events ledger keeps webhooks single (docs/decisions/0019).
            payment.HasIndex(p => p.OrderReference);
            payment.HasIndex(p => p.ProviderIntentId).IsUnique();
            payment.HasIndex(p => new { p.Status, p.UpdatedAt });
            payment.HasMany(p => p.History).WithOne().HasForeignKey(h => h.PaymentId).OnDelete(DeleteBehavior.Cascade);
            payment.HasMany(p => p.Refunds).WithOne().HasForeignKey(r => r.PaymentId).OnDelete(DeleteBehavior.Cascade);
            payment.Navigation(p => p.History).HasField("history").UsePropertyAccessMode(PropertyAccessMode.Field);
            payment.Navigation(p => p.Refunds).HasField("refunds").UsePropertyAccessMode(PropertyAccessMode.Field);
            payment.Ignore(p => p.Refundable);
        });

        modelBuilder.Entity<PaymentStatusChange>(change =>
        {
            change.ToTable("payment_status_changes");
            change.HasKey(c => c.Id);
            change.Property(c => c.Id).ValueGeneratedNever();
            change.Property(c => c.From).HasConversion<int?>();
            change.Property(c => c.To).HasConversion<int>();
            change.Property(c => c.Source).HasMaxLength(32).IsRequired();
            change.Property(c => c.Detail).HasMaxLength(200);
            change.HasIndex(c => c.PaymentId);
        });

        modelBuilder.Entity<Refund>(refund =>
        {
            refund.ToTable("refunds");
            refund.HasKey(r => r.Id);
            refund.Property(r => r.Id).ValueGeneratedNever();
            refund.Property(r => r.Status).HasConversion<int>();
            refund.Property(r => r.ProviderRefundId).HasMaxLength(40);
            refund.Property(r => r.Reason).HasMaxLength(200);
            refund.HasIndex(r => r.PaymentId);
            refund.HasIndex(r => r.ProviderRefundId).IsUnique();
            refund.HasIndex(r => new { r.Status, r.CreatedAt });
            refund.Ignore(r => r.IdempotencyKey);
        });

        modelBuilder.Entity<WebhookDelivery>(delivery =>
        {
            delivery.ToTable("webhook_deliveries");
            delivery.HasKey(d => d.Id);
            delivery.Property(d => d.Id).ValueGeneratedNever();
            delivery.Property(d => d.ReplayedBy).HasMaxLength(100);
            delivery.Property(d => d.SignatureHeader).HasMaxLength(WebhookDelivery.MaxSignatureLength);
            delivery.Property(d => d.Body).IsRequired();
            delivery.Property(d => d.Verification).HasConversion<int>();
            delivery.Property(d => d.Outcome).HasConversion<int>();
            delivery.Property(d => d.ProviderEventId).HasMaxLength(100);
            delivery.Property(d => d.EventType).HasMaxLength(64);
            delivery.Property(d => d.ProviderIntentId).HasMaxLength(40);
            delivery.Property(d => d.Detail).HasMaxLength(500);
            delivery.HasIndex(d => d.ReceivedAt);
            delivery.HasIndex(d => d.ProviderEventId);
            delivery.HasIndex(d => d.PaymentId);
        });

        modelBuilder.Entity<AppliedProviderEvent>(applied =>
        {
            applied.ToTable("applied_provider_events");
            applied.HasKey(a => a.EventId);
            applied.Property(a => a.EventId).HasMaxLength(100);
        });
    }
}
