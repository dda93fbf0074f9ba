using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Nexus.Shared.Persistence;

namespace Nexus.Modules.Customers.Data.Migrations;

/// <summary>Profiles, address books and wishlists. Hand-written and provider-neutral (docs/decisions/0003).</summary>
[DbContext(typeof(CustomersDbContext))]
[Migration("202611220600_CreateCustomers")]
internal sealed class M202611220600_CreateCustomers : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        var n = new ModuleNaming(migrationBuilder.ActiveProvider, CustomersDbContext.SchemaName);
        if (n.Schema is not null)
        {
            migrationBuilder.EnsureSchema(n.Schema);
        }

        migrationBuilder.CreateTable(
            name: n.Table("profiles"),
            schema: n.Schema,
            columns: table => new
            {
                UserId = table.Column<string>(maxLength: 64, nullable: false),
                DisplayName = table.Column<string>(maxLength: 100, nullable: true),
                Phone = table.Column<string>(maxLength: 32, nullable: true),
                UpdatedAt = table.Column<DateTime>(nullable: false),
            },
            constraints: table => table.PrimaryKey(n.PrimaryKey("profiles"), x => x.UserId));

        migrationBuilder.CreateTable(
            name: n.Table("addresses"),
            schema: n.Schema,
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                UserId = table.Column<string>(maxLength: 64, nullable: false),
                FullName = table.Column<string>(maxLength: 100, nullable: false),
                Line1 = table.Column<string>(maxLength: 200, nullable: false),
                Line2 = table.Column<string>(maxLength: 200, nullable: true),
                City = table.Column<string>(maxLength: 100, nullable: false),
                PostalCode = table.Column<string>(maxLength: 20, nullable: false),
                Region = table.Column<string>(maxLength: 100, nullable: true),
                CountryCode = table.Column<string>(maxLength: 2, nullable: false),
                Phone = table.Column<string>(maxLength: 32, nullable: true),
                IsDefaultShipping = table.Column<bool>(nullable: false),
                IsDefaultBilling = table.Column<bool>(nullable: false),
                CreatedAt = table.Column<DateTime>(nullable: false),
            },
            constraints: table => table.PrimaryKey(n.PrimaryKey("addresses"), x => x.Id));

        migrationBuilder.CreateTable(
            name: n.Table("wishlist_items"),
            schema: n.Schema,
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                UserId = table.Column<string>(maxLength: 64, nullable: false),
                ProductId = table.Column<Guid>(nullable: false),
                AddedAt = table.Column<DateTime>(nullable: false),
            },
            constraints: table => table.PrimaryKey(n.PrimaryKey("wishlist_items"), x => x.Id));

        migrationBuilder.CreateIndex(n.Index("addresses", "UserId"), n.Table("addresses"), "UserId", n.Schema);
        migrationBuilder.CreateIndex(n.Index("wishlist_items", "UserId", "ProductId"), n.Table("wishlist_items"), ["UserId", "ProductId"], n.Schema, unique: true, filter: n.UniqueFilter());
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        var n = new ModuleNaming(migrationBuilder.ActiveProvider, CustomersDbContext.SchemaName);
        migrationBuilder.DropTable(n.Table("wishlist_items"), n.Schema);
        migrationBuilder.DropTable(n.Table("addresses"), n.Schema);
        migrationBuilder.DropTable(n.Table("profiles"), n.Schema);
    }
}
