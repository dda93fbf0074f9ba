using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Nexus.Shared.Messaging;
using Nexus.Shared.Persistence;

namespace Nexus.Modules.Cart.Data.Migrations;

/// <summary>
/// Carts (one per customer, one per guest token), their lines (one per variant), the checkout settings row, and the
/// module's outbox and inbox. Hand-written and provider-neutral (docs/decisions/0003, 0020).
/// </summary>
[DbContext(typeof(CartDbContext))]
[Migration("202612031600_CreateCart")]
internal sealed class M202612031600_CreateCart : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        var n = new ModuleNaming(migrationBuilder.ActiveProvider, CartDbContext.SchemaName);
        if (n.Schema is not null)
        {
            migrationBuilder.EnsureSchema(n.Schema);
        }

        migrationBuilder.CreateTable(
            name: n.Table("carts"),
            schema: n.Schema,
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                CustomerId = table.Column<string>(maxLength: 64, nullable: true),
                GuestToken = table.Column<string>(maxLength: 64, nullable: true),
                CouponCode = table.Column<string>(maxLength: 40, nullable: true),
                CreatedAt = table.Column<DateTime>(nullable: false),
                UpdatedAt = table.Column<DateTime>(nullable: false),
                Version = table.Column<int>(nullable: false),
            },
            constraints: table => table.PrimaryKey(n.PrimaryKey("carts"), x => x.Id));

        migrationBuilder.CreateTable(
            name: n.Table("lines"),
            schema: n.Schema,
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                CartId = table.Column<Guid>(nullable: false),
                VariantId = table.Column<Guid>(nullable: false),
                Quantity = table.Column<int>(nullable: false),
                PriceWhenAddedMinor = table.Column<long>(nullable: false),
                AddedAt = table.Column<DateTime>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey(n.PrimaryKey("lines"), x => x.Id);
                table.ForeignKey(n.ForeignKey("lines", "carts", "CartId"), x => x.CartId, n.Table("carts"), "Id", n.Schema, onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: n.Table("checkout_settings"),
            schema: n.Schema,
            columns: table => new
            {
                Id = table.Column<int>(nullable: false),
                TaxRateBasisPoints = table.Column<int>(nullable: false),
                FreeShippingThresholdMinor = table.Column<long>(nullable: false),
                StandardShippingMinor = table.Column<long>(nullable: false),
                ExpressShippingMinor = table.Column<long>(nullable: false),
                UpdatedAt = table.Column<DateTime>(nullable: false),
                UpdatedBy = table.Column<string>(maxLength: 100, nullable: true),
            },
            constraints: table => table.PrimaryKey(n.PrimaryKey("checkout_settings"), x => x.Id));

        migrationBuilder.CreateIndex(n.Index("carts", "CustomerId"), n.Table("carts"), "CustomerId", n.Schema, unique: true, filter: n.UniqueFilter("CustomerId"));
        migrationBuilder.CreateIndex(n.Index("carts", "GuestToken"), n.Table("carts"), "GuestToken", n.Schema, unique: true, filter: n.UniqueFilter("GuestToken"));
        migrationBuilder.CreateIndex(n.Index("carts", "UpdatedAt"), n.Table("carts"), "UpdatedAt", n.Schema);
        migrationBuilder.CreateIndex(n.Index("lines", "CartId", "VariantId"), n.Table("lines"), ["CartId", "VariantId"], n.Schema, unique: true, filter: n.UniqueFilter());
        migrationBuilder.CreateEventTables(n);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        var n = new ModuleNaming(migrationBuilder.ActiveProvider, CartDbContext.SchemaName);
        migrationBuilder.DropEventTables(n);
        migrationBuilder.DropTable(n.Table("checkout_settings"), n.Schema);
        migrationBuilder.DropTable(n.Table("lines"), n.Schema);
        migrationBuilder.DropTable(n.Table("carts"), n.Schema);
    }
}
