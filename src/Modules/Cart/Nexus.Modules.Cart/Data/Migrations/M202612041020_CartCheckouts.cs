using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Nexus.Shared.Persistence;

namespace Nexus.Modules.Cart.Data.Migrations;

/// <summary>
/// Checkouts: which order was placed from which cart, with the quantities it took, kept until the order is paid or
/// cancelled — the cart is no longer emptied when the order is placed (docs/decisions/0023). Hand-written and
/// provider-neutral (docs/decisions/0003).
/// </summary>
[DbContext(typeof(CartDbContext))]
[Migration("202612041020_CartCheckouts")]
internal sealed class M202612041020_CartCheckouts : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        var n = new ModuleNaming(migrationBuilder.ActiveProvider, CartDbContext.SchemaName);
        migrationBuilder.CreateTable(
            name: n.Table("checkouts"),
            schema: n.Schema,
            columns: table => new
            {
                OrderId = table.Column<Guid>(nullable: false),
                CartId = table.Column<Guid>(nullable: false),
                OrderNumber = table.Column<string>(maxLength: 32, nullable: false),
                CouponCode = table.Column<string>(maxLength: 40, nullable: true),
                StartedAt = table.Column<DateTime>(nullable: false),
                SettledAt = table.Column<DateTime>(nullable: true),
                Paid = table.Column<bool>(nullable: true),
            },
            constraints: table => table.PrimaryKey(n.PrimaryKey("checkouts"), x => x.OrderId));

        migrationBuilder.CreateTable(
            name: n.Table("checkout_lines"),
            schema: n.Schema,
            columns: table => new
            {
                OrderId = table.Column<Guid>(nullable: false),
                VariantId = table.Column<Guid>(nullable: false),
                Quantity = table.Column<int>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey(n.PrimaryKey("checkout_lines"), x => new { x.OrderId, x.VariantId });
                table.ForeignKey(n.ForeignKey("checkout_lines", "checkouts", "OrderId"), x => x.OrderId, n.Table("checkouts"), "OrderId", n.Schema, onDelete: ReferentialAction.Cascade);
            });

        // The cart page and checkout ask "does this cart have an unpaid order?" on every visit.
        migrationBuilder.CreateIndex(n.Index("checkouts", "CartId", "SettledAt"), n.Table("checkouts"), ["CartId", "SettledAt"], n.Schema);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        var n = new ModuleNaming(migrationBuilder.ActiveProvider, CartDbContext.SchemaName);
        migrationBuilder.DropTable(n.Table("checkout_lines"), n.Schema);
        migrationBuilder.DropTable(n.Table("checkouts"), n.Schema);
    }
}
