using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Nexus.Shared.Messaging;
using Nexus.Shared.Persistence;

namespace Nexus.Modules.Licensing.Data.Migrations;

/// <summary>License keys, their device activations and history, and the module's outbox and inbox. Hand-written and provider-neutral (docs/decisions/0003).</summary>
[DbContext(typeof(LicensingDbContext))]
[Migration("202611220500_CreateLicensing")]
internal sealed class M202611220500_CreateLicensing : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        var n = new ModuleNaming(migrationBuilder.ActiveProvider, LicensingDbContext.SchemaName);
        if (n.Schema is not null)
        {
            migrationBuilder.EnsureSchema(n.Schema);
        }

        migrationBuilder.CreateTable(
            name: n.Table("license_keys"),
            schema: n.Schema,
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                Key = table.Column<string>(maxLength: 29, nullable: false),
                OrderId = table.Column<Guid>(nullable: false),
                CustomerId = table.Column<string>(maxLength: 64, nullable: false),
                ProductId = table.Column<Guid>(nullable: false),
                ProductName = table.Column<string>(maxLength: 200, nullable: false),
                MaxActivations = table.Column<int>(nullable: false),
                IssuedAt = table.Column<DateTime>(nullable: false),
                RevokedAt = table.Column<DateTime>(nullable: true),
            },
            constraints: table => table.PrimaryKey(n.PrimaryKey("license_keys"), x => x.Id));

        migrationBuilder.CreateTable(
            name: n.Table("activations"),
            schema: n.Schema,
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                LicenseKeyId = table.Column<Guid>(nullable: false),
                DeviceId = table.Column<string>(maxLength: 128, nullable: false),
                DeviceName = table.Column<string>(maxLength: 100, nullable: false),
                ActivatedAt = table.Column<DateTime>(nullable: false),
                DeactivatedAt = table.Column<DateTime>(nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey(n.PrimaryKey("activations"), x => x.Id);
                table.ForeignKey(n.ForeignKey("activations", "license_keys", "LicenseKeyId"), x => x.LicenseKeyId, n.Table("license_keys"), "Id", n.Schema, onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: n.Table("license_events"),
            schema: n.Schema,
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                LicenseKeyId = table.Column<Guid>(nullable: false),
                Kind = table.Column<int>(nullable: false),
                Device = table.Column<string>(maxLength: 100, nullable: true),
                At = table.Column<DateTime>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey(n.PrimaryKey("license_events"), x => x.Id);
                table.ForeignKey(n.ForeignKey("license_events", "license_keys", "LicenseKeyId"), x => x.LicenseKeyId, n.Table("license_keys"), "Id", n.Schema, onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateIndex(n.Index("license_keys", "Key"), n.Table("license_keys"), "Key", n.Schema, unique: true, filter: n.UniqueFilter());
        migrationBuilder.CreateIndex(n.Index("license_keys", "CustomerId"), n.Table("license_keys"), "CustomerId", n.Schema);
        migrationBuilder.CreateIndex(n.Index("license_keys", "OrderId", "ProductId"), n.Table("license_keys"), ["OrderId", "ProductId"], n.Schema);
        migrationBuilder.CreateIndex(n.Index("activations", "LicenseKeyId"), n.Table("activations"), "LicenseKeyId", n.Schema);
        migrationBuilder.CreateIndex(n.Index("license_events", "LicenseKeyId"), n.Table("license_events"), "LicenseKeyId", n.Schema);
        migrationBuilder.CreateEventTables(n);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        var n = new ModuleNaming(migrationBuilder.ActiveProvider, LicensingDbContext.SchemaName);
        migrationBuilder.DropEventTables(n);
        migrationBuilder.DropTable(n.Table("license_events"), n.Schema);
        migrationBuilder.DropTable(n.Table("activations"), n.Schema);
        migrationBuilder.DropTable(n.Table("license_keys"), n.Schema);
    }
}
