using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Nexus.Shared.Persistence;

namespace Nexus.Modules.Ordering.Data.Migrations;

/// <summary>
/// Order management (docs/decisions/0024): shipments (carrier, tracking, which lines), refunds (amount, reason, lines,
/// pending/succeeded/failed — its id is the refund's id at Payments), internal notes, when an order was delivered,
/// and bulk actions with a result per order.
/// Hand-written and provider-neutral (docs/decisions/0003).
/// </summary>
[DbContext(typeof(OrderingDbContext))]
[Migration("202612041000_OrderFulfilment")]
internal sealed class M202612041000_OrderFulfilment : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        var n = new ModuleNaming(migrationBuilder.ActiveProvider, OrderingDbContext.SchemaName);
        migrationBuilder.AddColumn<DateTime>(name: "DeliveredAt", table: n.Table("orders"), schema: n.Schema, nullable: true);

        migrationBuilder.CreateTable(
            name: n.Table("order_shipments"),
            schema: n.Schema,
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                OrderId = table.Column<Guid>(nullable: false),
                Carrier = table.Column<string>(maxLength: 32, nullable: false),
                TrackingNumber = table.Column<string>(maxLength: 64, nullable: false),
                TrackingUrl = table.Column<string>(maxLength: 300, nullable: true),
                Lines = table.Column<string>(maxLength: 4000, nullable: false),
                ShippedAt = table.Column<DateTime>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey(n.PrimaryKey("order_shipments"), x => x.Id);
                table.ForeignKey(n.ForeignKey("order_shipments", "orders", "OrderId"), x => x.OrderId, n.Table("orders"), "Id", n.Schema, onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: n.Table("order_refunds"),
            schema: n.Schema,
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                OrderId = table.Column<Guid>(nullable: false),
                AmountMinor = table.Column<long>(nullable: false),
                Reason = table.Column<string>(maxLength: 200, nullable: false),
                Lines = table.Column<string>(maxLength: 4000, nullable: false),
                Status = table.Column<int>(nullable: false),
                FailureMessage = table.Column<string>(maxLength: 300, nullable: true),
                RequestedBy = table.Column<string>(maxLength: 256, nullable: false),
                RequestedAt = table.Column<DateTime>(nullable: false),
                SettledAt = table.Column<DateTime>(nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey(n.PrimaryKey("order_refunds"), x => x.Id);
                table.ForeignKey(n.ForeignKey("order_refunds", "orders", "OrderId"), x => x.OrderId, n.Table("orders"), "Id", n.Schema, onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: n.Table("order_notes"),
            schema: n.Schema,
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                OrderId = table.Column<Guid>(nullable: false),
                Text = table.Column<string>(maxLength: 2000, nullable: false),
                Author = table.Column<string>(maxLength: 256, nullable: false),
                At = table.Column<DateTime>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey(n.PrimaryKey("order_notes"), x => x.Id);
                table.ForeignKey(n.ForeignKey("order_notes", "orders", "OrderId"), x => x.OrderId, n.Table("orders"), "Id", n.Schema, onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: n.Table("order_bulk_runs"),
            schema: n.Schema,
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                Action = table.Column<string>(maxLength: 32, nullable: false),
                ActorId = table.Column<string>(maxLength: 64, nullable: false),
                ActorEmail = table.Column<string>(maxLength: 256, nullable: false),
                RequestedAt = table.Column<DateTime>(nullable: false),
                Total = table.Column<int>(nullable: false),
                Processed = table.Column<int>(nullable: false),
                Succeeded = table.Column<int>(nullable: false),
                FinishedAt = table.Column<DateTime>(nullable: true),
            },
            constraints: table => table.PrimaryKey(n.PrimaryKey("order_bulk_runs"), x => x.Id));

        migrationBuilder.CreateTable(
            name: n.Table("order_bulk_items"),
            schema: n.Schema,
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                RunId = table.Column<Guid>(nullable: false),
                Position = table.Column<int>(nullable: false),
                OrderNumber = table.Column<string>(maxLength: 16, nullable: false),
                Done = table.Column<bool>(nullable: true),
                Message = table.Column<string>(maxLength: 300, nullable: true),
            },
            constraints: table => table.PrimaryKey(n.PrimaryKey("order_bulk_items"), x => x.Id));

        migrationBuilder.CreateIndex(n.Index("order_bulk_items", "RunId", "Position"), n.Table("order_bulk_items"), ["RunId", "Position"], n.Schema);
        migrationBuilder.CreateIndex(n.Index("order_shipments", "OrderId"), n.Table("order_shipments"), "OrderId", n.Schema);
        migrationBuilder.CreateIndex(n.Index("order_refunds", "OrderId"), n.Table("order_refunds"), "OrderId", n.Schema);
        migrationBuilder.CreateIndex(n.Index("order_notes", "OrderId"), n.Table("order_notes"), "OrderId", n.Schema);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        var n = new ModuleNaming(migrationBuilder.ActiveProvider, OrderingDbContext.SchemaName);
        migrationBuilder.DropTable(n.Table("order_bulk_items"), n.Schema);
        migrationBuilder.DropTable(n.Table("order_bulk_runs"), n.Schema);
        migrationBuilder.DropTable(n.Table("order_notes"), n.Schema);
        migrationBuilder.DropTable(n.Table("order_refunds"), n.Schema);
        migrationBuilder.DropTable(n.Table("order_shipments"), n.Schema);
        migrationBuilder.DropColumn(name: "DeliveredAt", table: n.Table("orders"), schema: n.Schema);
    }
}
