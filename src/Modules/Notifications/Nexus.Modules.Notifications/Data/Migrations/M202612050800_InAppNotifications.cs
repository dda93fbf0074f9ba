using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Nexus.Shared.Persistence;

namespace Nexus.Modules.Notifications.Data.Migrations;

/// <summary>The notification centre: entries per user or for everyone, and who read which broadcast. Hand-written and provider-neutral (docs/decisions/0003).</summary>
[DbContext(typeof(NotificationsDbContext))]
[Migration("202612050800_InAppNotifications")]
internal sealed class M202612050800_InAppNotifications : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        var n = new ModuleNaming(migrationBuilder.ActiveProvider, NotificationsDbContext.SchemaName);
        migrationBuilder.CreateTable(
            name: n.Table("in_app_notifications"),
            schema: n.Schema,
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                UserId = table.Column<string>(maxLength: 64, nullable: true),
                Kind = table.Column<string>(maxLength: 32, nullable: false),
                Title = table.Column<string>(maxLength: 160, nullable: false),
                Body = table.Column<string>(maxLength: 600, nullable: false),
                Link = table.Column<string>(maxLength: 300, nullable: true),
                CreatedAt = table.Column<DateTime>(nullable: false),
                ReadAt = table.Column<DateTime>(nullable: true),
            },
            constraints: table => table.PrimaryKey(n.PrimaryKey("in_app_notifications"), x => x.Id));
        migrationBuilder.CreateIndex(n.Index("in_app_notifications", "UserId", "CreatedAt"), n.Table("in_app_notifications"), ["UserId", "CreatedAt"], n.Schema);

        migrationBuilder.CreateTable(
            name: n.Table("broadcast_reads"),
            schema: n.Schema,
            columns: table => new
            {
                NotificationId = table.Column<Guid>(nullable: false),
                UserId = table.Column<string>(maxLength: 64, nullable: false),
                ReadAt = table.Column<DateTime>(nullable: false),
            },
            constraints: table => table.PrimaryKey(n.PrimaryKey("broadcast_reads"), x => new { x.NotificationId, x.UserId }));
        migrationBuilder.CreateIndex(n.Index("broadcast_reads", "UserId"), n.Table("broadcast_reads"), "UserId", n.Schema);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        var n = new ModuleNaming(migrationBuilder.ActiveProvider, NotificationsDbContext.SchemaName);
        migrationBuilder.DropTable(n.Table("broadcast_reads"), n.Schema);
        migrationBuilder.DropTable(n.Table("in_app_notifications"), n.Schema);
    }
}
