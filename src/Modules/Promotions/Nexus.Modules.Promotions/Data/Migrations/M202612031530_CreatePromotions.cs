using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Nexus.Shared.Messaging;
using Nexus.Shared.Persistence;

namespace Nexus.Modules.Promotions.Data.Migrations;

/// <summary>
/// Coupons (code unique, normalised upper case; a used-count column the redeem handler moves with one conditional
/// update) and their redemptions (order reference unique: one use per order), and the module's outbox and inbox.
/// Hand-written and provider-neutral (docs/decisions/0003, 0021).
/// </summary>
[DbContext(typeof(PromotionsDbContext))]
[Migration("202612031530_CreatePromotions")]
internal sealed class M202612031530_CreatePromotions : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        var n = new ModuleNaming(migrationBuilder.ActiveProvider, PromotionsDbContext.SchemaName);
        if (n.Schema is not null)
        {
            migrationBuilder.EnsureSchema(n.Schema);
        }

        migrationBuilder.CreateTable(
            name: n.Table("coupons"),
            schema: n.Schema,
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                Code = table.Column<string>(maxLength: 32, nullable: false),
                Description = table.Column<string>(maxLength: 200, nullable: false),
                Kind = table.Column<int>(nullable: false),
                PercentOff = table.Column<int>(nullable: true),
                AmountOffMinor = table.Column<long>(nullable: true),
                Currency = table.Column<string>(maxLength: 3, nullable: false),
                StartsAt = table.Column<DateTime>(nullable: true),
                EndsAt = table.Column<DateTime>(nullable: true),
                MinimumSubtotalMinor = table.Column<long>(nullable: false),
                PerCustomerLimit = table.Column<int>(nullable: true),
                UsageCap = table.Column<int>(nullable: true),
                UsedCount = table.Column<int>(nullable: false),
                Active = table.Column<bool>(nullable: false),
                CreatedAt = table.Column<DateTime>(nullable: false),
                UpdatedAt = table.Column<DateTime>(nullable: false),
            },
            constraints: table => table.PrimaryKey(n.PrimaryKey("coupons"), x => x.Id));

        migrationBuilder.CreateTable(
            name: n.Table("coupon_redemptions"),
            schema: n.Schema,
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                CouponId = table.Column<Guid>(nullable: false),
                OrderReference = table.Column<string>(maxLength: 64, nullable: false),
                CustomerKey = table.Column<string>(maxLength: 256, nullable: false),
                DiscountMinor = table.Column<long>(nullable: false),
                Currency = table.Column<string>(maxLength: 3, nullable: false),
                RedeemedAt = table.Column<DateTime>(nullable: false),
                ReleasedAt = table.Column<DateTime>(nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey(n.PrimaryKey("coupon_redemptions"), x => x.Id);
                table.ForeignKey(n.ForeignKey("coupon_redemptions", "coupons", "CouponId"), x => x.CouponId, n.Table("coupons"), "Id", n.Schema, onDelete: ReferentialAction.Restrict);
            });

        migrationBuilder.CreateIndex(n.Index("coupons", "Code"), n.Table("coupons"), "Code", n.Schema, unique: true, filter: n.UniqueFilter());
        migrationBuilder.CreateIndex(n.Index("coupons", "CreatedAt"), n.Table("coupons"), "CreatedAt", n.Schema);
        migrationBuilder.CreateIndex(n.Index("coupon_redemptions", "OrderReference"), n.Table("coupon_redemptions"), "OrderReference", n.Schema, unique: true, filter: n.UniqueFilter());
        migrationBuilder.CreateIndex(n.Index("coupon_redemptions", "CouponId", "CustomerKey"), n.Table("coupon_redemptions"), ["CouponId", "CustomerKey"], n.Schema);
        migrationBuilder.CreateEventTables(n);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        var n = new ModuleNaming(migrationBuilder.ActiveProvider, PromotionsDbContext.SchemaName);
        migrationBuilder.DropEventTables(n);
        migrationBuilder.DropTable(n.Table("coupon_redemptions"), n.Schema);
        migrationBuilder.DropTable(n.Table("coupons"), n.Schema);
    }
}
