using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Storage;
using Nexus.Modules.Catalog.Data;
using Nexus.Shared.Persistence;
using Npgsql;

namespace Nexus.IntegrationTests.Catalog;

/// <summary>
/// A shop that ran before issue 14 keeps its catalog: from the schema as it was (CreateCatalog and the event
/// tables) with products in it, the expansion gives every product a default variant holding its stock (same id and
/// SKU), keeps its description, and makes it findable by full-text search — on SQLite (FTS5) and PostgreSQL (tsvector).
/// </summary>
internal sealed class CatalogMigrationTests
{
    private const string Before = "202611220400_AddEventTables";
    private static readonly Guid Category = Guid.Parse("0193a000-0000-7000-8000-0000000000aa");
    private static readonly Guid Lamp = Guid.Parse("0193a001-0000-7000-8000-0000000000a1");
    private static readonly Guid Cable = Guid.Parse("0193a001-0000-7000-8000-0000000000a2");

    [TestCase(DatabaseProvider.Sqlite)]
    [TestCase(DatabaseProvider.Postgres)]
    public async Task Existing_products_get_a_default_variant_with_their_stock_and_a_search_row(DatabaseProvider provider)
    {
        var database = await FreshDatabaseAsync(provider);
        await using (var context = CreateContext(database))
        {
            await MigrateUpToAsync(context, Before);
            await InsertOldRowsAsync(context, provider);
            await context.GetService<IMigrator>().MigrateAsync();
        }

        await using var db = CreateContext(database);
        var variants = await db.Variants.AsNoTracking().OrderBy(v => v.Sku).ToListAsync();
        variants.Select(v => (v.Id, v.ProductId, v.Sku, v.StockOnHand, v.Option1, v.PriceMinor))
            .Should().Equal((Cable, Cable, "AC-CABL-OLD", 0, (string?)null, (long?)null), (Lamp, Lamp, "HW-LAMP-OLD", 7, null, null));

        var lamp = await db.Products.AsNoTracking().SingleAsync(p => p.Id == Lamp);
        lamp.DescriptionMarkdown.Should().Be("A warm lamp for late evenings.");
        lamp.StockOnHand.Should().Be(7);
        (lamp.IsDeleted, lamp.LowStockThreshold, lamp.RatingCount, lamp.Version).Should().Be((false, 5, 0, 0));
        (await db.Categories.AsNoTracking().SingleAsync()).Description.Should().BeEmpty();

        var search = await db.SearchDocuments.AsNoTracking().OrderBy(s => s.Name).ToListAsync();
        search.Select(s => (s.ProductId, s.CategoryName)).Should().Equal((Lamp, "Old Things"), (Cable, "Old Things"));
        (await FullTextMatchesAsync(db, provider, "evenings")).Should().Equal(Lamp);
        (await FullTextMatchesAsync(db, provider, "old")).Should().BeEquivalentTo([Lamp, Cable], "the category's name is searched too");
    }

    [TestCase(DatabaseProvider.Sqlite)]
    [TestCase(DatabaseProvider.Postgres)]
    public async Task Renaming_a_category_and_tagging_a_product_reach_full_text_search_in_the_same_save(DatabaseProvider provider)
    {
        var database = await FreshDatabaseAsync(provider);
        await using (var context = CreateContext(database))
        {
            await MigrateUpToAsync(context, Before);
            await InsertOldRowsAsync(context, provider);
            await context.GetService<IMigrator>().MigrateAsync();
        }

        await using (var db = CreateContext(database))
        {
            var category = await db.Categories.SingleAsync();
            category.Rename("Lanterns", string.Empty);
            var cable = await db.Products.Include(p => p.Tags).SingleAsync(p => p.Id == Cable);
            cable.ReplaceTags(["Braided"]);
            await db.SaveChangesAsync();
        }

        await using var check = CreateContext(database);
        (await FullTextMatchesAsync(check, provider, "lanterns")).Should().BeEquivalentTo([Lamp, Cable]);
        (await FullTextMatchesAsync(check, provider, "braided")).Should().Equal(Cable);
        (await FullTextMatchesAsync(check, provider, "old")).Should().BeEmpty("the old category name left the index");
    }

    /// <summary>
    /// Applies the migrations up to and including <paramref name="last"/> and records them in the history, as an older
    /// Nexus did. (EF's <c>Migrate(target)</c> cannot look these ids up: it expects 14-digit timestamps.)
    /// </summary>
    private static async Task MigrateUpToAsync(CatalogDbContext context, string last)
    {
        var assembly = context.GetService<IMigrationsAssembly>();
        var history = context.GetService<IHistoryRepository>();
        var generator = context.GetService<IMigrationsSqlGenerator>();
        var executor = context.GetService<IMigrationCommandExecutor>();
        var connection = context.GetService<IRelationalConnection>();
        await history.CreateIfNotExistsAsync();
        foreach (var (id, type) in assembly.Migrations.Where(m => string.CompareOrdinal(m.Key, last) <= 0).OrderBy(m => m.Key, StringComparer.Ordinal))
        {
            var migration = assembly.CreateMigration(type, context.Database.ProviderName!);
            await executor.ExecuteNonQueryAsync(generator.Generate(migration.UpOperations, null), connection);
            await context.Database.ExecuteSqlRawAsync(history.GetInsertScript(new HistoryRow(id, ProductInfo.GetVersion())));
        }
    }

    private static async Task InsertOldRowsAsync(CatalogDbContext context, DatabaseProvider provider)
    {
        var (categories, products) = provider == DatabaseProvider.Sqlite
            ? ("\"catalog_categories\"", "\"catalog_products\"")
            : ("catalog.categories", "catalog.products");
        var connection = context.Database.GetDbConnection();
        await connection.OpenAsync();
        await ExecuteAsync(connection, $"INSERT INTO {categories} (\"Id\", \"Name\", \"Slug\") VALUES (@c, 'Old Things', 'old-things')", ("c", Category));
        foreach (var (id, sku, name, description, stock) in new[] { (Lamp, "HW-LAMP-OLD", "Reading Lamp", "A warm lamp for late evenings.", 7), (Cable, "AC-CABL-OLD", "Spare Cable", "", 0) })
        {
            await ExecuteAsync(connection,
                $"""
                INSERT INTO {products} ("Id", "Sku", "Name", "Slug", "Description", "PriceMinor", "Currency", "CategoryId", "IsDigital", "StockOnHand", "IsPublished", "CreatedAt", "UpdatedAt")
                VALUES (@id, @sku, @name, @slug, @description, 1900, 'EUR', @c, @digital, @stock, @published, @at, @at)
                """,
                ("id", id), ("sku", sku), ("name", name), ("slug", sku.ToLowerInvariant()), ("description", description), ("c", Category),
                ("digital", false), ("stock", stock), ("published", true), ("at", new DateTime(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc)));
        }

        await connection.CloseAsync();
    }

    private static async Task ExecuteAsync(DbConnection connection, string sql, params (string Name, object Value)[] parameters)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            // SQLite keeps Guids as upper-case text and booleans as integers, as EF writes them.
            parameter.Value = connection is SqliteConnection
                ? value switch { Guid g => g.ToString().ToUpperInvariant(), bool b => b ? 1 : 0, DateTime d => d.ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture), _ => value }
                : value;
            command.Parameters.Add(parameter);
        }

        await command.ExecuteNonQueryAsync();
    }

    /// <summary>The products the provider's full-text index finds for one word.</summary>
    private static async Task<List<Guid>> FullTextMatchesAsync(CatalogDbContext db, DatabaseProvider provider, string word)
    {
        var sql = provider == DatabaseProvider.Sqlite
            ? "SELECT s.\"ProductId\" AS \"Value\" FROM \"catalog_product_fts\" f JOIN \"catalog_product_search\" s ON s.\"Id\" = f.rowid WHERE \"catalog_product_fts\" MATCH {0}"
            : "SELECT s.\"ProductId\" AS \"Value\" FROM catalog.product_search s WHERE s.\"SearchVector\" @@ plainto_tsquery('english', {0})";
        return await db.Database.SqlQueryRaw<Guid>(sql, word).ToListAsync();
    }

    private static async Task<DatabaseSettings> FreshDatabaseAsync(DatabaseProvider provider)
    {
        if (provider == DatabaseProvider.Postgres)
        {
            var server = await PostgresServer.SharedAsync();
            return new DatabaseSettings(provider, await server.CreateDatabaseAsync());
        }

        return new DatabaseSettings(provider, $"Data Source={Path.Combine(Path.GetTempPath(), $"nexus-catalog-migration-{Guid.NewGuid():N}.db")}");
    }

    private static CatalogDbContext CreateContext(DatabaseSettings database)
    {
        var builder = new DbContextOptionsBuilder<CatalogDbContext>();
        PersistenceServiceCollectionExtensions.ConfigureProvider(builder, database, CatalogDbContext.SchemaName);
        return new CatalogDbContext(builder.Options);
    }
}
