using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Nexus.Shared.Messaging;
using Nexus.Shared.Persistence;

namespace Nexus.Modules.Identity.Data.Migrations;

/// <summary>
/// Identity's outbox and inbox (every module database has them since the event bus landed; docs/decisions/0007).
/// Added while merging identity and events on the subapps branch — keep one copy if the identity branch adds its own.
/// </summary>
[DbContext(typeof(IdentityStoreDbContext))]
[Migration("202611220401_AddEventTables")]
internal sealed class M202611220401_AddEventTables : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) =>
        migrationBuilder.CreateEventTables(new ModuleNaming(migrationBuilder.ActiveProvider, IdentityStoreDbContext.SchemaName));

    protected override void Down(MigrationBuilder migrationBuilder) =>
        migrationBuilder.DropEventTables(new ModuleNaming(migrationBuilder.ActiveProvider, IdentityStoreDbContext.SchemaName));
}
