using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Nexus.Shared.Messaging;
using Nexus.Shared.Persistence;

namespace Nexus.Payments.StubProvider.Data.Migrations;

/// <summary>The stub provider's books: intents, refunds, events to deliver, idempotency keys (docs/decisions/0019).</summary>
[DbContext(typeof(NexusPayDbContext))]
[Migration("202612031300_CreateNexusPay")]
internal sealed class M202612031300_CreateNexusPay : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        var n = new ModuleNaming(migrationBuilder.ActiveProvider, NexusPayDbContext.SchemaName);
        if (n.Schema is not null)
        {
            migrationBuilder.EnsureSchema(n.Schema);
        }

        migrationBuilder.CreateTable(
            name: n.Table("payment_intents"),
            schema: n.Schema,
            columns: table => new
            {
                Id = table.Column<string>(maxLength: 40, nullable: false),
                Amount = table.Column<long>(nullable: false),
                Currency = table.Column<string>(maxLength: 3, nullable: false),
                Reference = table.Column<string>(maxLength: 64, nullable: false),
                ReturnUrl = table.Column<string>(maxLength: 2000, nullable: false),
                Status = table.Column<string>(maxLength: 32, nullable: false),
                AmountRefunded = table.Column<long>(nullable: false),
                CardLast4 = table.Column<string>(maxLength: 4, nullable: true),
                LastErrorCode = table.Column<string>(maxLength: 64, nullable: true),
                LastDeclineCode = table.Column<string>(maxLength: 64, nullable: true),
                LastErrorMessage = table.Column<string>(maxLength: 200, nullable: true),
                ChallengeUrl = table.Column<string>(maxLength: 2000, nullable: true),
                SettleAt = table.Column<DateTime>(nullable: true),
                Version = table.Column<int>(nullable: false),
                CreatedAt = table.Column<DateTime>(nullable: false),
                UpdatedAt = table.Column<DateTime>(nullable: false),
            },
            constraints: table => table.PrimaryKey(n.PrimaryKey("payment_intents"), x => x.Id));

        migrationBuilder.CreateTable(
            name: n.Table("refunds"),
            schema: n.Schema,
            columns: table => new
            {
                Id = table.Column<string>(maxLength: 40, nullable: false),
                PaymentIntentId = table.Column<string>(maxLength: 40, nullable: false),
                Amount = table.Column<long>(nullable: false),
                Reference = table.Column<string>(maxLength: 64, nullable: true),
                Status = table.Column<string>(maxLength: 32, nullable: false),
                CreatedAt = table.Column<DateTime>(nullable: false),
            },
            constraints: table => table.PrimaryKey(n.PrimaryKey("refunds"), x => x.Id));

        migrationBuilder.CreateTable(
            name: n.Table("events"),
            schema: n.Schema,
            columns: table => new
            {
                Id = table.Column<string>(maxLength: 40, nullable: false),
                Type = table.Column<string>(maxLength: 64, nullable: false),
                PaymentIntentId = table.Column<string>(maxLength: 40, nullable: false),
                Payload = table.Column<string>(nullable: false),
                CreatedAt = table.Column<DateTime>(nullable: false),
                Attempts = table.Column<int>(nullable: false),
                NextAttemptAt = table.Column<DateTime>(nullable: true),
                DeliveredAt = table.Column<DateTime>(nullable: true),
                LastStatusCode = table.Column<int>(nullable: true),
                LastError = table.Column<string>(maxLength: 500, nullable: true),
            },
            constraints: table => table.PrimaryKey(n.PrimaryKey("events"), x => x.Id));

        migrationBuilder.CreateTable(
            name: n.Table("idempotency_keys"),
            schema: n.Schema,
            columns: table => new
            {
                Key = table.Column<string>(maxLength: 255, nullable: false),
                RequestHash = table.Column<string>(maxLength: 64, nullable: false),
                StatusCode = table.Column<int>(nullable: false),
                ResponseBody = table.Column<string>(nullable: true),
                CreatedAt = table.Column<DateTime>(nullable: false),
            },
            constraints: table => table.PrimaryKey(n.PrimaryKey("idempotency_keys"), x => x.Key));

        migrationBuilder.CreateIndex(n.Index("payment_intents", "Reference"), n.Table("payment_intents"), "Reference", n.Schema);
        migrationBuilder.CreateIndex(n.Index("payment_intents", "SettleAt"), n.Table("payment_intents"), "SettleAt", n.Schema);
        migrationBuilder.CreateIndex(n.Index("refunds", "PaymentIntentId"), n.Table("refunds"), "PaymentIntentId", n.Schema);
        migrationBuilder.CreateIndex(n.Index("events", "NextAttemptAt"), n.Table("events"), "NextAttemptAt", n.Schema);
        migrationBuilder.CreateIndex(n.Index("events", "PaymentIntentId"), n.Table("events"), "PaymentIntentId", n.Schema);
        migrationBuilder.CreateEventTables(n);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        var n = new ModuleNaming(migrationBuilder.ActiveProvider, NexusPayDbContext.SchemaName);
        migrationBuilder.DropEventTables(n);
        migrationBuilder.DropTable(n.Table("idempotency_keys"), n.Schema);
        migrationBuilder.DropTable(n.Table("events"), n.Schema);
        migrationBuilder.DropTable(n.Table("refunds"), n.Schema);
        migrationBuilder.DropTable(n.Table("payment_intents"), n.Schema);
    }
}
