using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Nexus.Shared.Persistence;

namespace Nexus.Modules.Notifications.Data.Migrations;

/// <summary>The e-mail outbox. Hand-written and provider-neutral (docs/decisions/0003).</summary>
[DbContext(typeof(NotificationsDbContext))]
[Migration("202611220500_CreateEmailOutbox")]
internal sealed class M202611220500_CreateEmailOutbox : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        var n = new ModuleNaming(migrationBuilder.ActiveProvider, NotificationsDbContext.SchemaName);
        if (n.Schema is not null)
        {
            migrationBuilder.EnsureSchema(n.Schema);
        }

        migrationBuilder.CreateTable(
            name: n.Table("email_outbox"),
            schema: n.Schema,
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                To = table.Column<string>(maxLength: 256, nullable: false),
                Template = table.Column<string>(maxLength: 64, nullable: false),
                Subject = table.Column<string>(maxLength: 300, nullable: false),
                TextBody = table.Column<string>(nullable: false),
                HtmlBody = table.Column<string>(nullable: false),
                Status = table.Column<int>(nullable: false),
                Attempts = table.Column<int>(nullable: false),
                CreatedAt = table.Column<DateTime>(nullable: false),
                NextAttemptAt = table.Column<DateTime>(nullable: false),
                ClaimedUntil = table.Column<DateTime>(nullable: true),
                SentAt = table.Column<DateTime>(nullable: true),
                LastError = table.Column<string>(maxLength: 1000, nullable: true),
            },
            constraints: table => table.PrimaryKey(n.PrimaryKey("email_outbox"), x => x.Id));

        migrationBuilder.CreateIndex(n.Index("email_outbox", "Status", "NextAttemptAt"), n.Table("email_outbox"), ["Status", "NextAttemptAt"], n.Schema);
        migrationBuilder.CreateIndex(n.Index("email_outbox", "CreatedAt"), n.Table("email_outbox"), "CreatedAt", n.Schema);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        var n = new ModuleNaming(migrationBuilder.ActiveProvider, NotificationsDbContext.SchemaName);
        migrationBuilder.DropTable(n.Table("email_outbox"), n.Schema);
    }
}
