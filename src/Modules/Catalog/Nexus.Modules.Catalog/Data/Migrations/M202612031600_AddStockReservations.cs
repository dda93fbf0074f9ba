using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Nexus.Shared.Persistence;

namespace Nexus.Modules.Catalog.Data.Migrations;

/// <summary>
/// Stock held for orders (issue 15, docs/decisions/0016): one row per order reference and variant, unique, with its
/// status (reserved, sold, released) and when each happened. Stock on hand is not touched here: reservations take it
/// off as they are made. Hand-written and provider-neutral (docs/decisions/0003).
/// </summary>
[DbContext(typeof(CatalogDbContext))]
[Migration("202612031600_AddStockReservations")]
internal sealed class M202612031600_AddStockReservations : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        var n = new ModuleNaming(migrationBuilder.ActiveProvider, CatalogDbContext.SchemaName);
        migrationBuilder.CreateTable(
            name: n.Table("stock_reservations"),
            schema: n.Schema,
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                OrderReference = table.Column<string>(maxLength: 64, nullable: false),
                ProductId = table.Column<Guid>(nullable: false),
                VariantId = table.Column<Guid>(nullable: false),
                Quantity = table.Column<int>(nullable: false),
                TracksStock = table.Column<bool>(nullable: false),
                Status = table.Column<string>(maxLength: 20, nullable: false),
                ReservedAt = table.Column<DateTime>(nullable: false),
                SoldAt = table.Column<DateTime>(nullable: true),
                ReleasedAt = table.Column<DateTime>(nullable: true),
                ReleaseReason = table.Column<string>(maxLength: 200, nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey(n.PrimaryKey("stock_reservations"), x => x.Id);
                table.ForeignKey(n.ForeignKey("stock_reservations", "product_variants", "VariantId"), x => x.VariantId, n.Table("product_variants"), "Id", n.Schema, onDelete: ReferentialAction.Restrict);
            });

        migrationBuilder.CreateIndex(n.Index("stock_reservations", "OrderReference", "VariantId"), n.Table("stock_reservations"), ["OrderReference", "VariantId"], n.Schema, unique: true, filter: n.UniqueFilter());
        migrationBuilder.CreateIndex(n.Index("stock_reservations", "VariantId", "Status"), n.Table("stock_reservations"), ["VariantId", "Status"], n.Schema);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        var n = new ModuleNaming(migrationBuilder.ActiveProvider, CatalogDbContext.SchemaName);
        migrationBuilder.DropTable(n.Table("stock_reservations"), n.Schema);
    }
}
