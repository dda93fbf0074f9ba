using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Nexus.Shared.Messaging;
using Nexus.Shared.Persistence;

namespace Nexus.Modules.Notifications.Data.Migrations;

/// <summary>The module's outbox and inbox for integration events (docs/decisions/0007).</summary>
[DbContext(typeof(NotificationsDbContext))]
[Migration("202611220700_AddEventTables")]
internal sealed class M202611220700_AddEventTables : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) =>
        migrationBuilder.CreateEventTables(new ModuleNaming(migrationBuilder.ActiveProvider, NotificationsDbContext.SchemaName));

    protected override void Down(MigrationBuilder migrationBuilder) =>
        migrationBuilder.DropEventTables(new ModuleNaming(migrationBuilder.ActiveProvider, NotificationsDbContext.SchemaName));
}
