using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Nexus.Shared.Messaging;
using Nexus.Shared.Persistence;

namespace Nexus.Modules.Customers.Data.Migrations;

/// <summary>
/// The module's outbox and inbox (every module database has them since the event bus landed; docs/decisions/0007).
/// Added on the subapps branch when it merged events and main — keep one copy if another branch adds its own.
/// </summary>
[DbContext(typeof(CustomersDbContext))]
[Migration("202611220601_AddEventTables")]
internal sealed class M202611220601_AddEventTables : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) =>
        migrationBuilder.CreateEventTables(new ModuleNaming(migrationBuilder.ActiveProvider, CustomersDbContext.SchemaName));

    protected override void Down(MigrationBuilder migrationBuilder) =>
        migrationBuilder.DropEventTables(new ModuleNaming(migrationBuilder.ActiveProvider, CustomersDbContext.SchemaName));
}
