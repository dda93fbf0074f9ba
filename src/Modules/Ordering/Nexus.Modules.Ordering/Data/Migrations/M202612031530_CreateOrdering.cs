using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Nexus.Shared.Messaging;
using Nexus.Shared.Persistence;

namespace Nexus.Modules.Ordering.Data.Migrations;

/// <summary>
/// Orders (unique number, unique idempotency key, optimistic-concurrency version), their lines and timeline, and the
/// module's outbox and inbox. Hand-written and provider-neutral (docs/decisions/0003, 0022).
/// </summary>
[DbContext(typeof(OrderingDbContext))]
[Migration("202612031530_CreateOrdering")]
internal sealed class M202612031530_CreateOrdering : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        var n = new ModuleNaming(migrationBuilder.ActiveProvider, OrderingDbContext.SchemaName);
        if (n.Schema is not null)
        {
            migrationBuilder.EnsureSchema(n.Schema);
        }

        migrationBuilder.CreateTable(
            name: n.Table("orders"),
            schema: n.Schema,
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                Number = table.Column<string>(maxLength: 16, nullable: false),
                IdempotencyKey = table.Column<string>(maxLength: 64, nullable: false),
                CartId = table.Column<Guid>(nullable: false),
                CustomerId = table.Column<string>(maxLength: 64, nullable: true),
                Email = table.Column<string>(maxLength: 256, nullable: false),
                Currency = table.Column<string>(maxLength: 3, nullable: false),
                SubtotalMinor = table.Column<long>(nullable: false),
                DiscountMinor = table.Column<long>(nullable: false),
                TaxMinor = table.Column<long>(nullable: false),
                ShippingMinor = table.Column<long>(nullable: false),
                TotalMinor = table.Column<long>(nullable: false),
                CouponCode = table.Column<string>(maxLength: 64, nullable: true),
                ShippingMethod = table.Column<string>(maxLength: 32, nullable: true),
                ShippingAddress = table.Column<string>(maxLength: 2000, nullable: true),
                BillingAddress = table.Column<string>(maxLength: 2000, nullable: false),
                Status = table.Column<int>(nullable: false),
                PaymentId = table.Column<Guid>(nullable: true),
                PaidPaymentId = table.Column<Guid>(nullable: true),
                PlacedAt = table.Column<DateTime>(nullable: true),
                PaidAt = table.Column<DateTime>(nullable: true),
                CancelledAt = table.Column<DateTime>(nullable: true),
                CancelReason = table.Column<string>(maxLength: 200, nullable: true),
                ReleasedAt = table.Column<DateTime>(nullable: true),
                PaidEventAwaitsCustomer = table.Column<bool>(nullable: false),
                CreatedAt = table.Column<DateTime>(nullable: false),
                UpdatedAt = table.Column<DateTime>(nullable: false),
                Version = table.Column<int>(nullable: false),
            },
            constraints: table => table.PrimaryKey(n.PrimaryKey("orders"), x => x.Id));

        migrationBuilder.CreateTable(
            name: n.Table("order_lines"),
            schema: n.Schema,
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                OrderId = table.Column<Guid>(nullable: false),
                VariantId = table.Column<Guid>(nullable: false),
                ProductId = table.Column<Guid>(nullable: false),
                Sku = table.Column<string>(maxLength: 64, nullable: false),
                ProductName = table.Column<string>(maxLength: 200, nullable: false),
                VariantTitle = table.Column<string>(maxLength: 200, nullable: false),
                Quantity = table.Column<int>(nullable: false),
                UnitPriceMinor = table.Column<long>(nullable: false),
                LineTotalMinor = table.Column<long>(nullable: false),
                IsDigital = table.Column<bool>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey(n.PrimaryKey("order_lines"), x => x.Id);
                table.ForeignKey(n.ForeignKey("order_lines", "orders", "OrderId"), x => x.OrderId, n.Table("orders"), "Id", n.Schema, onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: n.Table("order_status_changes"),
            schema: n.Schema,
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                OrderId = table.Column<Guid>(nullable: false),
                From = table.Column<int>(nullable: true),
                To = table.Column<int>(nullable: false),
                Note = table.Column<string>(maxLength: 200, nullable: true),
                At = table.Column<DateTime>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey(n.PrimaryKey("order_status_changes"), x => x.Id);
                table.ForeignKey(n.ForeignKey("order_status_changes", "orders", "OrderId"), x => x.OrderId, n.Table("orders"), "Id", n.Schema, onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateIndex(n.Index("orders", "Number"), n.Table("orders"), "Number", n.Schema, unique: true, filter: n.UniqueFilter());
        migrationBuilder.CreateIndex(n.Index("orders", "IdempotencyKey"), n.Table("orders"), "IdempotencyKey", n.Schema, unique: true, filter: n.UniqueFilter());
        migrationBuilder.CreateIndex(n.Index("orders", "CustomerId", "CreatedAt"), n.Table("orders"), ["CustomerId", "CreatedAt"], n.Schema);
        migrationBuilder.CreateIndex(n.Index("orders", "Status", "CreatedAt"), n.Table("orders"), ["Status", "CreatedAt"], n.Schema);
        migrationBuilder.CreateIndex(n.Index("orders", "Email"), n.Table("orders"), "Email", n.Schema);
        migrationBuilder.CreateIndex(n.Index("order_lines", "OrderId"), n.Table("order_lines"), "OrderId", n.Schema);
        migrationBuilder.CreateIndex(n.Index("order_status_changes", "OrderId"), n.Table("order_status_changes"), "OrderId", n.Schema);
        migrationBuilder.CreateEventTables(n);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        var n = new ModuleNaming(migrationBuilder.ActiveProvider, OrderingDbContext.SchemaName);
        migrationBuilder.DropEventTables(n);
        migrationBuilder.DropTable(n.Table("order_status_changes"), n.Schema);
        migrationBuilder.DropTable(n.Table("order_lines"), n.Schema);
        migrationBuilder.DropTable(n.Table("orders"), n.Schema);
    }
}
