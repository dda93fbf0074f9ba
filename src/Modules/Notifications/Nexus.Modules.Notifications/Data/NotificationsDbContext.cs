using Microsoft.EntityFrameworkCore;
using Nexus.Modules.Notifications.Email;
using Nexus.Modules.Notifications.InApp;
using Nexus.Shared.Persistence;

namespace Nexus.Modules.Notifications.Data;

internal sealed class NotificationsDbContext : ModuleDbContext
{
    public const string SchemaName = "notifications";

    public NotificationsDbContext(DbContextOptions<NotificationsDbContext> options)
        : base(options)
    {
    }

    public DbSet<OutboxEmail> Emails => Set<OutboxEmail>();

    public DbSet<InAppNotification> InApp => Set<InAppNotification>();

    public DbSet<BroadcastRead> BroadcastReads => Set<BroadcastRead>();

    protected override string Schema => SchemaName;

    protected override void ConfigureModel(ModelBuilder modelBuilder, ModuleNaming naming)
    {
        modelBuilder.Entity<OutboxEmail>(email =>
        {
            email.ToTable("email_outbox");
            email.HasKey(e => e.Id);
            email.Property(e => e.To).HasMaxLength(256).IsRequired();
            email.Property(e => e.Template).HasMaxLength(64).IsRequired();
            email.Property(e => e.Subject).HasMaxLength(300).IsRequired();
            email.Property(e => e.TextBody).IsRequired();
            email.Property(e => e.HtmlBody).IsRequired();
            email.Property(e => e.LastError).HasMaxLength(1000);
            email.HasIndex(e => new { e.Status, e.NextAttemptAt });
            email.HasIndex(e => e.CreatedAt);
        });

        modelBuilder.Entity<InAppNotification>(entry =>
        {
            entry.ToTable("in_app_notifications");
            entry.HasKey(n => n.Id);
            entry.Property(n => n.Id).ValueGeneratedNever();
            entry.Property(n => n.UserId).HasMaxLength(64);
            entry.Property(n => n.Kind).HasMaxLength(32).IsRequired();
            entry.Property(n => n.Title).HasMaxLength(InAppNotification.TitleMaxLength).IsRequired();
            entry.Property(n => n.Body).HasMaxLength(InAppNotification.BodyMaxLength).IsRequired();
            entry.Property(n => n.Link).HasMaxLength(InAppNotification.LinkMaxLength);
            // The bell's count and the page: a user's entries, newest first; broadcasts by date.
            entry.HasIndex(n => new { n.UserId, n.CreatedAt });
        });

        modelBuilder.Entity<BroadcastRead>(read =>
        {
            read.ToTable("broadcast_reads");
            read.HasKey(r => new { r.NotificationId, r.UserId });
            read.Property(r => r.UserId).HasMaxLength(64);
            read.HasIndex(r => r.UserId);
        });
    }
}
