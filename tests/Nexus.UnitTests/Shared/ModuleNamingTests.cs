using Nexus.Shared.Persistence;

namespace Nexus.UnitTests.Shared;

internal sealed class ModuleNamingTests
{
    [Test]
    public void Sqlite_has_no_schemas_so_tables_are_prefixed()
    {
        var naming = new ModuleNaming("Microsoft.EntityFrameworkCore.Sqlite", "catalog");
        naming.Schema.Should().BeNull();
        naming.Table("products").Should().Be("catalog_products");
        naming.Index("products", "Sku").Should().Be("IX_catalog_products_Sku");
        naming.MigrationsHistoryTable.Should().Be("catalog___ef_migrations");
    }

    [Test]
    public void Postgres_keeps_each_module_in_its_own_schema()
    {
        var naming = new ModuleNaming("Npgsql.EntityFrameworkCore.PostgreSQL", "catalog");
        naming.Schema.Should().Be("catalog");
        naming.Table("products").Should().Be("products");
        naming.PrimaryKey("products").Should().Be("PK_products");
        naming.MigrationsHistoryTable.Should().Be("__ef_migrations");
    }

    [Test]
    public void Sql_server_keeps_each_module_in_its_own_schema()
    {
        var naming = new ModuleNaming("Microsoft.EntityFrameworkCore.SqlServer", "identity");
        naming.IsSqlServer.Should().BeTrue();
        naming.Schema.Should().Be("identity");
        naming.Table("users").Should().Be("users");
        naming.MigrationsHistoryTable.Should().Be("__ef_migrations");
    }

    [Test]
    public void Unique_index_filters_exist_on_sql_server_only()
    {
        var sqlServer = new ModuleNaming("Microsoft.EntityFrameworkCore.SqlServer", "identity");
        sqlServer.UniqueFilter("NormalizedName").Should().Be("[NormalizedName] IS NOT NULL");
        sqlServer.UniqueFilter("A", "B").Should().Be("[A] IS NOT NULL AND [B] IS NOT NULL");
        sqlServer.UniqueFilter().Should().BeEmpty("an empty filter keeps the generator from adding its legacy one");
        new ModuleNaming("Npgsql.EntityFrameworkCore.PostgreSQL", "identity").UniqueFilter("NormalizedName").Should().BeNull();
        new ModuleNaming("Microsoft.EntityFrameworkCore.Sqlite", "identity").UniqueFilter().Should().BeNull();
    }
}
