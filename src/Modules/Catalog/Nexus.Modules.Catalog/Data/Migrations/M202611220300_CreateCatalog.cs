using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Nexus.Shared.Persistence;

namespace Nexus.Modules.Catalog.Data.Migrations;

/// <summary>Products and categories. Hand-written and provider-neutral (docs/decisions/0003).</summary>
[DbContext(typeof(CatalogDbContext))]
[Migration("202611220300_CreateCatalog")]
internal sealed class M202611220300_CreateCatalog : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        var n = new ModuleNaming(migrationBuilder.ActiveProvider, CatalogDbContext.SchemaName);
        if (n.Schema is not null)
        {
            migrationBuilder.EnsureSchema(n.Schema);
        }

        migrationBuilder.CreateTable(
            name: n.Table("categories"),
            schema: n.Schema,
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                Name = table.Column<string>(maxLength: 100, nullable: false),
                Slug = table.Column<string>(maxLength: 120, nullable: false),
            },
            constraints: table => table.PrimaryKey(n.PrimaryKey("categories"), x => x.Id));

        migrationBuilder.CreateTable(
            name: n.Table("products"),
            schema: n.Schema,
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                Sku = table.Column<string>(maxLength: 64, nullable: false),
                Name = table.Column<string>(maxLength: 200, nullable: false),
                Slug = table.Column<string>(maxLength: 220, nullable: false),
                Description = table.Column<string>(maxLength: 4000, nullable: false),
                PriceMinor = table.Column<long>(nullable: false),
                Currency = table.Column<string>(maxLength: 3, nullable: false),
                CategoryId = table.Column<Guid>(nullable: false),
                IsDigital = table.Column<bool>(nullable: false),
                StockOnHand = table.Column<int>(nullable: false),
                IsPublished = table.Column<bool>(nullable: false),
                CreatedAt = table.Column<DateTime>(nullable: false),
                UpdatedAt = table.Column<DateTime>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey(n.PrimaryKey("products"), x => x.Id);
                table.ForeignKey(
                    name: n.ForeignKey("products", "categories", "CategoryId"),
                    column: x => x.CategoryId,
                    principalSchema: n.Schema,
                    principalTable: n.Table("categories"),
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Restrict);
            });

        migrationBuilder.CreateIndex(n.Index("categories", "Slug"), n.Table("categories"), "Slug", n.Schema, unique: true, filter: n.UniqueFilter());
        migrationBuilder.CreateIndex(n.Index("products", "Sku"), n.Table("products"), "Sku", n.Schema, unique: true, filter: n.UniqueFilter());
        migrationBuilder.CreateIndex(n.Index("products", "Slug"), n.Table("products"), "Slug", n.Schema, unique: true, filter: n.UniqueFilter());
        migrationBuilder.CreateIndex(n.Index("products", "CategoryId"), n.Table("products"), "CategoryId", n.Schema);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        var n = new ModuleNaming(migrationBuilder.ActiveProvider, CatalogDbContext.SchemaName);
        migrationBuilder.DropTable(n.Table("products"), n.Schema);
        migrationBuilder.DropTable(n.Table("categories"), n.Schema);
    }
}
