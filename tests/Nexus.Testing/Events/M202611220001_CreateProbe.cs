using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Nexus.Shared.Messaging;
using Nexus.Shared.Persistence;

namespace Nexus.Testing.Events;

[DbContext(typeof(ProbeDbContext))]
[Migration("202611220001_CreateProbe")]
public sealed class M202611220001_CreateProbe : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        var n = new ModuleNaming(migrationBuilder.ActiveProvider, ProbeDbContext.SchemaName);
        migrationBuilder.CreateEventTables(n);
        migrationBuilder.CreateTable(
            name: n.Table("applied"),
            schema: n.Schema,
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                EventId = table.Column<Guid>(nullable: false),
                Kind = table.Column<string>(maxLength: 40, nullable: false),
                Sequence = table.Column<int>(nullable: false),
                CorrelationId = table.Column<string>(maxLength: 64, nullable: true),
                OccurredAt = table.Column<DateTime>(nullable: false),
                AppliedAt = table.Column<DateTime>(nullable: false),
            },
            constraints: table => table.PrimaryKey(n.PrimaryKey("applied"), x => x.Id));
        migrationBuilder.CreateIndex(n.Index("applied", "EventId"), n.Table("applied"), "EventId", n.Schema);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        var n = new ModuleNaming(migrationBuilder.ActiveProvider, ProbeDbContext.SchemaName);
        migrationBuilder.DropTable(n.Table("applied"), n.Schema);
        migrationBuilder.DropEventTables(n);
    }
}
