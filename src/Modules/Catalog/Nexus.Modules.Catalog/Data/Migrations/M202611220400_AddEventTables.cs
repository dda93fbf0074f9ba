using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Nexus.Shared.Messaging;
using Nexus.Shared.Persistence;

namespace Nexus.Modules.Catalog.Data.Migrations;

/// <summary>The catalog's outbox and inbox for integration events (docs/decisions/0007).</summary>
[DbContext(typeof(CatalogDbContext))]
[Migration("202611220400_AddEventTables")]
internal sealed class M202611220400_AddEventTables : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) =>
        migrationBuilder.CreateEventTables(new ModuleNaming(migrationBuilder.ActiveProvider, CatalogDbContext.SchemaName));

    protected override void Down(MigrationBuilder migrationBuilder) =>
        migrationBuilder.DropEventTables(new ModuleNaming(migrationBuilder.ActiveProvider, CatalogDbContext.SchemaName));
}
