using Microsoft.EntityFrameworkCore;
using Nexus.Modules.Notifications.Email;
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
    }
}
