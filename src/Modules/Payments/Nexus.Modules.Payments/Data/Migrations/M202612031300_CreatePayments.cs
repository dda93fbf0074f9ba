using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Nexus.Shared.Messaging;
using Nexus.Shared.Persistence;

namespace Nexus.Modules.Payments.Data.Migrations;

/// <summary>
/// Payments, their status history and refunds, the webhook log and the applied-events ledger (one row per provider
/// event id: the unique key that makes a delivery apply at most once), and the module's outbox and inbox.
/// Hand-written and provider-neutral (docs/decisions/0003, 0019).
/// </summary>
[DbContext(typeof(PaymentsDbContext))]
[Migration("202612031300_CreatePayments")]
internal sealed class M202612031300_CreatePayments : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        var n = new ModuleNaming(migrationBuilder.ActiveProvider, PaymentsDbContext.SchemaName);
        if (n.Schema is not null)
        {
            migrationBuilder.EnsureSchema(n.Schema);
        }

        migrationBuilder.CreateTable(
            name: n.Table("payments"),
            schema: n.Schema,
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                OrderReference = table.Column<string>(maxLength: 64, nullable: false),
                Amount = table.Column<long>(nullable: false),
                Currency = table.Column<string>(maxLength: 3, nullable: false),
                Status = table.Column<int>(nullable: false),
                AmountRefunded = table.Column<long>(nullable: false),
                ProviderIntentId = table.Column<string>(maxLength: 40, nullable: true),
                ProviderVersion = table.Column<int>(nullable: false),
                FailureCode = table.Column<string>(maxLength: 64, nullable: true),
                FailureMessage = table.Column<string>(maxLength: 200, nullable: true),
                ChallengeUrl = table.Column<string>(maxLength: 2000, nullable: true),
                CardLast4 = table.Column<string>(maxLength: 4, nullable: true),
                ReturnUrl = table.Column<string>(maxLength: 2000, nullable: false),
                Attempts = table.Column<int>(nullable: false),
                CreatedAt = table.Column<DateTime>(nullable: false),
                UpdatedAt = table.Column<DateTime>(nullable: false),
                RowVersion = table.Column<int>(nullable: false),
            },
            constraints: table => table.PrimaryKey(n.PrimaryKey("payments"), x => x.Id));

        migrationBuilder.CreateTable(
            name: n.Table("payment_status_changes"),
            schema: n.Schema,
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                PaymentId = table.Column<Guid>(nullable: false),
                From = table.Column<int>(nullable: true),
                To = table.Column<int>(nullable: false),
                Source = table.Column<string>(maxLength: 32, nullable: false),
                Detail = table.Column<string>(maxLength: 200, nullable: true),
                At = table.Column<DateTime>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey(n.PrimaryKey("payment_status_changes"), x => x.Id);
                table.ForeignKey(n.ForeignKey("payment_status_changes", "payments", "PaymentId"), x => x.PaymentId, n.Table("payments"), "Id", n.Schema, onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: n.Table("refunds"),
            schema: n.Schema,
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                PaymentId = table.Column<Guid>(nullable: false),
                Amount = table.Column<long>(nullable: false),
                Status = table.Column<int>(nullable: false),
                ProviderRefundId = table.Column<string>(maxLength: 40, nullable: true),
                Reason = table.Column<string>(maxLength: 200, nullable: true),
                CreatedAt = table.Column<DateTime>(nullable: false),
                SettledAt = table.Column<DateTime>(nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey(n.PrimaryKey("refunds"), x => x.Id);
                table.ForeignKey(n.ForeignKey("refunds", "payments", "PaymentId"), x => x.PaymentId, n.Table("payments"), "Id", n.Schema, onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: n.Table("webhook_deliveries"),
            schema: n.Schema,
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                ReceivedAt = table.Column<DateTime>(nullable: false),
                ReplayOf = table.Column<Guid>(nullable: true),
                ReplayedBy = table.Column<string>(maxLength: 100, nullable: true),
                SignatureHeader = table.Column<string>(maxLength: 500, nullable: true),
                Body = table.Column<string>(nullable: false),
                Verification = table.Column<int>(nullable: false),
                Outcome = table.Column<int>(nullable: false),
                ProviderEventId = table.Column<string>(maxLength: 100, nullable: true),
                EventType = table.Column<string>(maxLength: 64, nullable: true),
                ProviderIntentId = table.Column<string>(maxLength: 40, nullable: true),
                PaymentId = table.Column<Guid>(nullable: true),
                Detail = table.Column<string>(maxLength: 500, nullable: true),
            },
            constraints: table => table.PrimaryKey(n.PrimaryKey("webhook_deliveries"), x => x.Id));

        migrationBuilder.CreateTable(
            name: n.Table("applied_provider_events"),
            schema: n.Schema,
            columns: table => new
            {
                EventId = table.Column<string>(maxLength: 100, nullable: false),
                DeliveryId = table.Column<Guid>(nullable: false),
                AppliedAt = table.Column<DateTime>(nullable: false),
            },
            constraints: table => table.PrimaryKey(n.PrimaryKey("applied_provider_events"), x => x.EventId));

        migrationBuilder.CreateIndex(n.Index("payments", "OrderReference"), n.Table("payments"), "OrderReference", n.Schema);
        migrationBuilder.CreateIndex(n.Index("payments", "ProviderIntentId"), n.Table("payments"), "ProviderIntentId", n.Schema, unique: true, filter: n.UniqueFilter("ProviderIntentId"));
        migrationBuilder.CreateIndex(n.Index("payments", "Status", "UpdatedAt"), n.Table("payments"), ["Status", "UpdatedAt"], n.Schema);
        migrationBuilder.CreateIndex(n.Index("payment_status_changes", "PaymentId"), n.Table("payment_status_changes"), "PaymentId", n.Schema);
        migrationBuilder.CreateIndex(n.Index("refunds", "PaymentId"), n.Table("refunds"), "PaymentId", n.Schema);
        migrationBuilder.CreateIndex(n.Index("refunds", "ProviderRefundId"), n.Table("refunds"), "ProviderRefundId", n.Schema, unique: true, filter: n.UniqueFilter("ProviderRefundId"));
        migrationBuilder.CreateIndex(n.Index("refunds", "Status", "CreatedAt"), n.Table("refunds"), ["Status", "CreatedAt"], n.Schema);
        migrationBuilder.CreateIndex(n.Index("webhook_deliveries", "ReceivedAt"), n.Table("webhook_deliveries"), "ReceivedAt", n.Schema);
        migrationBuilder.CreateIndex(n.Index("webhook_deliveries", "ProviderEventId"), n.Table("webhook_deliveries"), "ProviderEventId", n.Schema);
        migrationBuilder.CreateIndex(n.Index("webhook_deliveries", "PaymentId"), n.Table("webhook_deliveries"), "PaymentId", n.Schema);
        migrationBuilder.CreateEventTables(n);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        var n = new ModuleNaming(migrationBuilder.ActiveProvider, PaymentsDbContext.SchemaName);
        migrationBuilder.DropEventTables(n);
        migrationBuilder.DropTable(n.Table("applied_provider_events"), n.Schema);
        migrationBuilder.DropTable(n.Table("webhook_deliveries"), n.Schema);
        migrationBuilder.DropTable(n.Table("refunds"), n.Schema);
        migrationBuilder.DropTable(n.Table("payment_status_changes"), n.Schema);
        migrationBuilder.DropTable(n.Table("payments"), n.Schema);
    }
}
