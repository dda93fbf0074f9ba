using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Nexus.Shared.Persistence;

namespace Nexus.Modules.Ordering.Data.Migrations;

/// <summary>
/// Indexes for the back office's order list (docs/decisions/0025): the newest orders first (<c>CreatedAt</c>), sorted
/// or ranged by total (<c>TotalMinor</c>), and an e-mail search with the newest first (<c>Email, CreatedAt</c>, which
/// replaces the index on <c>Email</c> alone: it serves the same lookups). Status with date and customer with date
/// were there from the start. Hand-written and provider-neutral (docs/decisions/0003).
/// </summary>
[DbContext(typeof(OrderingDbContext))]
[Migration("202612041010_OrderListIndexes")]
internal sealed class M202612041010_OrderListIndexes : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        var n = new ModuleNaming(migrationBuilder.ActiveProvider, OrderingDbContext.SchemaName);
        migrationBuilder.DropIndex(n.Index("orders", "Email"), n.Table("orders"), n.Schema);
        migrationBuilder.CreateIndex(n.Index("orders", "Email", "CreatedAt"), n.Table("orders"), ["Email", "CreatedAt"], n.Schema);
        migrationBuilder.CreateIndex(n.Index("orders", "CreatedAt"), n.Table("orders"), "CreatedAt", n.Schema);
        migrationBuilder.CreateIndex(n.Index("orders", "TotalMinor"), n.Table("orders"), "TotalMinor", n.Schema);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        var n = new ModuleNaming(migrationBuilder.ActiveProvider, OrderingDbContext.SchemaName);
        migrationBuilder.DropIndex(n.Index("orders", "TotalMinor"), n.Table("orders"), n.Schema);
        migrationBuilder.DropIndex(n.Index("orders", "CreatedAt"), n.Table("orders"), n.Schema);
        migrationBuilder.DropIndex(n.Index("orders", "Email", "CreatedAt"), n.Table("orders"), n.Schema);
        migrationBuilder.CreateIndex(n.Index("orders", "Email"), n.Table("orders"), "Email", n.Schema);
    }
}
