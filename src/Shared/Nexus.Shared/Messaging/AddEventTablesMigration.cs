using Microsoft.EntityFrameworkCore.Migrations;
using Nexus.Shared.Persistence;

namespace Nexus.Shared.Messaging;

/// <summary>
/// The one migration step that adds a module's outbox and inbox (<see cref="EventStorage"/>, docs/decisions/0007) to a
/// module created before the event bus. A module's migration derives from it and names only its context, id and
/// schema — the tables, their names per provider and the SQL are the same for every module, so they are written once.
/// </summary>
public abstract class AddEventTablesMigration : Migration
{
    private readonly string schema;

    protected AddEventTablesMigration(string schema) => this.schema = schema;

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.CreateEventTables(new ModuleNaming(migrationBuilder.ActiveProvider, schema));
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.DropEventTables(new ModuleNaming(migrationBuilder.ActiveProvider, schema));
    }
}
