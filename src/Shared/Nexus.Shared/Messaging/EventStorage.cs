using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Migrations;
using Nexus.Shared.Persistence;

namespace Nexus.Shared.Messaging;

/// <summary>
/// The outbox and inbox tables every module database carries (in its own schema or prefix). The model side is
/// applied by <see cref="ModuleDbContext"/>; each module's hand-written migration calls
/// <see cref="CreateEventTables"/>, and the schema-drift test keeps the two identical.
/// </summary>
public static class EventStorage
{
    public const string OutboxTable = "outbox";
    public const string InboxTable = "inbox";
    private const int NameLength = 200;
    private const int CorrelationLength = 64;
    private const int OwnerLength = 100;
    private const int StatusLength = 16;
    private const int ErrorLength = 4000;

    internal static void ConfigureModel(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<OutboxMessage>(outbox =>
        {
            outbox.ToTable(OutboxTable);
            outbox.HasKey(m => m.Id);
            outbox.Property(m => m.Id).ValueGeneratedNever();
            outbox.Property(m => m.Name).HasMaxLength(NameLength).IsRequired();
            outbox.Property(m => m.Payload).IsRequired();
            outbox.Property(m => m.CorrelationId).HasMaxLength(CorrelationLength);
            outbox.Property(m => m.LeaseOwner).HasMaxLength(OwnerLength);
            outbox.Property(m => m.LastError).HasMaxLength(ErrorLength);
            outbox.HasIndex(m => new { m.PublishedAt, m.CreatedAt });
        });

        modelBuilder.Entity<InboxMessage>(inbox =>
        {
            inbox.ToTable(InboxTable);
            inbox.HasKey(m => m.EventId);
            inbox.Property(m => m.EventId).ValueGeneratedNever();
            inbox.Property(m => m.Name).HasMaxLength(NameLength).IsRequired();
            inbox.Property(m => m.Payload).IsRequired();
            inbox.Property(m => m.CorrelationId).HasMaxLength(CorrelationLength);
            inbox.Property(m => m.Status).HasConversion<string>().HasMaxLength(StatusLength).IsRequired();
            inbox.Property(m => m.LeaseOwner).HasMaxLength(OwnerLength);
            inbox.Property(m => m.LastError).HasMaxLength(ErrorLength);
            inbox.HasIndex(m => new { m.Status, m.NextAttemptAt });
        });
    }

    /// <summary>Creates the module's outbox and inbox; call from the module's migration.</summary>
    public static void CreateEventTables(this MigrationBuilder migrationBuilder, ModuleNaming n)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        ArgumentNullException.ThrowIfNull(n);
        if (n.Schema is not null)
        {
            migrationBuilder.EnsureSchema(n.Schema);
        }

        migrationBuilder.CreateTable(
            name: n.Table(OutboxTable),
            schema: n.Schema,
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                Name = table.Column<string>(maxLength: NameLength, nullable: false),
                Version = table.Column<int>(nullable: false),
                Payload = table.Column<string>(nullable: false),
                CorrelationId = table.Column<string>(maxLength: CorrelationLength, nullable: true),
                OccurredAt = table.Column<DateTime>(nullable: false),
                CreatedAt = table.Column<DateTime>(nullable: false),
                PublishedAt = table.Column<DateTime>(nullable: true),
                LeaseOwner = table.Column<string>(maxLength: OwnerLength, nullable: true),
                LeaseUntil = table.Column<DateTime>(nullable: true),
                PublishAttempts = table.Column<int>(nullable: false),
                LastError = table.Column<string>(maxLength: ErrorLength, nullable: true),
            },
            constraints: table => table.PrimaryKey(n.PrimaryKey(OutboxTable), x => x.Id));
        migrationBuilder.CreateIndex(n.Index(OutboxTable, "PublishedAt", "CreatedAt"), n.Table(OutboxTable), ["PublishedAt", "CreatedAt"], n.Schema);

        migrationBuilder.CreateTable(
            name: n.Table(InboxTable),
            schema: n.Schema,
            columns: table => new
            {
                EventId = table.Column<Guid>(nullable: false),
                Name = table.Column<string>(maxLength: NameLength, nullable: false),
                Version = table.Column<int>(nullable: false),
                Payload = table.Column<string>(nullable: false),
                CorrelationId = table.Column<string>(maxLength: CorrelationLength, nullable: true),
                OccurredAt = table.Column<DateTime>(nullable: false),
                Status = table.Column<string>(maxLength: StatusLength, nullable: false),
                Attempts = table.Column<int>(nullable: false),
                ReceivedAt = table.Column<DateTime>(nullable: false),
                LastAttemptAt = table.Column<DateTime>(nullable: true),
                NextAttemptAt = table.Column<DateTime>(nullable: true),
                ProcessedAt = table.Column<DateTime>(nullable: true),
                LastError = table.Column<string>(maxLength: ErrorLength, nullable: true),
                LeaseOwner = table.Column<string>(maxLength: OwnerLength, nullable: true),
                LeaseUntil = table.Column<DateTime>(nullable: true),
            },
            constraints: table => table.PrimaryKey(n.PrimaryKey(InboxTable), x => x.EventId));
        migrationBuilder.CreateIndex(n.Index(InboxTable, "Status", "NextAttemptAt"), n.Table(InboxTable), ["Status", "NextAttemptAt"], n.Schema);
    }

    public static void DropEventTables(this MigrationBuilder migrationBuilder, ModuleNaming n)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        ArgumentNullException.ThrowIfNull(n);
        migrationBuilder.DropTable(n.Table(InboxTable), n.Schema);
        migrationBuilder.DropTable(n.Table(OutboxTable), n.Schema);
    }
}
