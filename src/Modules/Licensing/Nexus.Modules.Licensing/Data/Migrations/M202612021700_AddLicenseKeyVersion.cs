using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Nexus.Shared.Persistence;

namespace Nexus.Modules.Licensing.Data.Migrations;

/// <summary>
/// The key row's concurrency token (<see cref="Domain.LicenseKey.Version"/>): every activation bumps it in the same
/// transaction as the new activation row, so of two activations that read the same count only one commits.
/// </summary>
[DbContext(typeof(LicensingDbContext))]
[Migration("202612021700_AddLicenseKeyVersion")]
internal sealed class M202612021700_AddLicenseKeyVersion : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        var n = new ModuleNaming(migrationBuilder.ActiveProvider, LicensingDbContext.SchemaName);
        migrationBuilder.AddColumn<int>("Version", n.Table("license_keys"), nullable: false, defaultValue: 0, schema: n.Schema);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        var n = new ModuleNaming(migrationBuilder.ActiveProvider, LicensingDbContext.SchemaName);
        migrationBuilder.DropColumn("Version", n.Table("license_keys"), n.Schema);
    }
}
