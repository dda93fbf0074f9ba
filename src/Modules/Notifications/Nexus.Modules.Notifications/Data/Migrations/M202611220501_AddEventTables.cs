using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Nexus.Shared.Messaging;
using Nexus.Shared.Persistence;

namespace Nexus.Modules.Notifications.Data.Migrations;

/// <summary>
/// The module's outbox and inbox (every module database has them since the event bus landed; docs/decisions/0007).
/// Added on the subapps branch when it merged events and main — keep one copy if another branch adds its own.
/// </summary>
[DbContext(typeof(NotificationsDbContext))]
[Migration("202611220501_AddEventTables")]
internal sealed class M202611220501_AddEventTables : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) =>
        migrationBuilder.CreateEventTables(new ModuleNaming(migrationBuilder.ActiveProvider, NotificationsDbContext.SchemaName));

    protected override void Down(MigrationBuilder migrationBuilder) =>
        migrationBuilder.DropEventTables(new ModuleNaming(migrationBuilder.ActiveProvider, NotificationsDbContext.SchemaName));
}
