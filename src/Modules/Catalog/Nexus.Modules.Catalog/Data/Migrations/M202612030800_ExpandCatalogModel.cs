using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Nexus.Shared.Persistence;
using NpgsqlTypes;

namespace Nexus.Modules.Catalog.Data.Migrations;

/// <summary>
/// The catalog a real shop needs (issue 14): a category tree, product details (summary, Markdown description, meta
/// description, compare-at price, soft delete, low-stock threshold, rating, concurrency token, option names),
/// variants, images, tags, specifications, slug redirects, the inventory audit trail, reviews and the purchases that
/// make a review verified, and the full-text search rows with their provider's index.
/// Existing data migrates: every product gets a default variant (same id and SKU as the product, holding its stock),
/// and a search row. Hand-written and provider-neutral (docs/decisions/0003) apart from the full-text index, which
/// each provider builds its own way (an FTS5 external-content table with triggers on SQLite, a generated tsvector
/// with a GIN index on PostgreSQL; SQL Server searches with LIKE, see docs/architecture.md).
/// </summary>
[DbContext(typeof(CatalogDbContext))]
[Migration("202612030800_ExpandCatalogModel")]
internal sealed class M202612030800_ExpandCatalogModel : Migration
{
    private const string SqliteAutoincrement = "Sqlite:Autoincrement";
    private const string NpgsqlValueGeneration = "Npgsql:ValueGenerationStrategy";
    private const string SqlServerIdentity = "SqlServer:Identity";

    /// <summary>The SQLite FTS5 table over <c>product_search</c> (external content: it stores only the index).</summary>
    public const string FtsTable = "product_fts";

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        var n = new ModuleNaming(migrationBuilder.ActiveProvider, CatalogDbContext.SchemaName);

        // Categories: a tree, a description, an order among siblings.
        if (n.IsSqlite)
        {
            // SQLite adds a column with its reference in one ALTER TABLE (it cannot add a constraint later, and a
            // hand-written migration has no model for EF to rebuild the table from).
            migrationBuilder.Sql(
                $"ALTER TABLE \"{n.Table("categories")}\" ADD COLUMN \"ParentId\" TEXT NULL " +
                $"CONSTRAINT \"{n.ForeignKey("categories", "categories", "ParentId")}\" REFERENCES \"{n.Table("categories")}\" (\"Id\") ON DELETE RESTRICT;");
        }
        else
        {
            migrationBuilder.AddColumn<Guid>("ParentId", n.Table("categories"), nullable: true, schema: n.Schema);
            migrationBuilder.AddForeignKey(
                name: n.ForeignKey("categories", "categories", "ParentId"),
                table: n.Table("categories"),
                column: "ParentId",
                schema: n.Schema,
                principalTable: n.Table("categories"),
                principalColumn: "Id",
                principalSchema: n.Schema,
                onDelete: ReferentialAction.Restrict);
        }

        migrationBuilder.AddColumn<string>("Description", n.Table("categories"), maxLength: 2000, nullable: false, defaultValue: "", schema: n.Schema);
        migrationBuilder.AddColumn<int>("SortOrder", n.Table("categories"), nullable: false, defaultValue: 0, schema: n.Schema);
        migrationBuilder.CreateIndex(n.Index("categories", "ParentId"), n.Table("categories"), "ParentId", n.Schema);

        // Products: the description becomes Markdown without the old 4,000-character cap.
        migrationBuilder.RenameColumn("Description", n.Table("products"), "DescriptionMarkdown", n.Schema);
        if (!n.IsSqlite)
        {
            // SQLite's TEXT has no length to change (and it could only rebuild the table, which needs a model).
            migrationBuilder.AlterColumn<string>("DescriptionMarkdown", n.Table("products"), nullable: false, schema: n.Schema, oldMaxLength: 4000, oldNullable: false);
        }

        migrationBuilder.AddColumn<string>("Summary", n.Table("products"), maxLength: 300, nullable: true, schema: n.Schema);
        migrationBuilder.AddColumn<string>("MetaDescription", n.Table("products"), maxLength: 300, nullable: true, schema: n.Schema);
        migrationBuilder.AddColumn<long>("CompareAtPriceMinor", n.Table("products"), nullable: true, schema: n.Schema);
        migrationBuilder.AddColumn<bool>("IsDeleted", n.Table("products"), nullable: false, defaultValue: false, schema: n.Schema);
        migrationBuilder.AddColumn<DateTime>("DeletedAt", n.Table("products"), nullable: true, schema: n.Schema);
        migrationBuilder.AddColumn<int>("LowStockThreshold", n.Table("products"), nullable: false, defaultValue: 5, schema: n.Schema);
        migrationBuilder.AddColumn<double>("RatingAverage", n.Table("products"), nullable: false, defaultValue: 0d, schema: n.Schema);
        migrationBuilder.AddColumn<int>("RatingCount", n.Table("products"), nullable: false, defaultValue: 0, schema: n.Schema);
        migrationBuilder.AddColumn<int>("Version", n.Table("products"), nullable: false, defaultValue: 0, schema: n.Schema);
        migrationBuilder.AddColumn<string>("Option1Name", n.Table("products"), maxLength: 40, nullable: true, schema: n.Schema);
        migrationBuilder.AddColumn<string>("Option2Name", n.Table("products"), maxLength: 40, nullable: true, schema: n.Schema);
        migrationBuilder.AddColumn<string>("Option3Name", n.Table("products"), maxLength: 40, nullable: true, schema: n.Schema);
        foreach (var sort in new[] { "CreatedAt", "PriceMinor", "RatingAverage", "Name" })
        {
            migrationBuilder.CreateIndex(n.Index("products", "IsDeleted", "IsPublished", sort), n.Table("products"), ["IsDeleted", "IsPublished", sort], n.Schema);
        }

        migrationBuilder.CreateTable(
            name: n.Table("product_images"),
            schema: n.Schema,
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                ProductId = table.Column<Guid>(nullable: false),
                Key = table.Column<string>(maxLength: 64, nullable: false),
                AltText = table.Column<string>(maxLength: 200, nullable: false),
                SortOrder = table.Column<int>(nullable: false),
                IsPrimary = table.Column<bool>(nullable: false),
                Width = table.Column<int>(nullable: false),
                Height = table.Column<int>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey(n.PrimaryKey("product_images"), x => x.Id);
                table.ForeignKey(n.ForeignKey("product_images", "products", "ProductId"), x => x.ProductId, n.Table("products"), "Id", n.Schema, onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: n.Table("product_variants"),
            schema: n.Schema,
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                ProductId = table.Column<Guid>(nullable: false),
                Sku = table.Column<string>(maxLength: 64, nullable: false),
                Option1 = table.Column<string>(maxLength: 60, nullable: true),
                Option2 = table.Column<string>(maxLength: 60, nullable: true),
                Option3 = table.Column<string>(maxLength: 60, nullable: true),
                PriceMinor = table.Column<long>(nullable: true),
                StockOnHand = table.Column<int>(nullable: false),
                ImageId = table.Column<Guid>(nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey(n.PrimaryKey("product_variants"), x => x.Id);
                table.ForeignKey(n.ForeignKey("product_variants", "products", "ProductId"), x => x.ProductId, n.Table("products"), "Id", n.Schema, onDelete: ReferentialAction.Cascade);
                table.ForeignKey(n.ForeignKey("product_variants", "product_images", "ImageId"), x => x.ImageId, n.Table("product_images"), "Id", n.Schema, onDelete: ReferentialAction.Restrict);
            });

        migrationBuilder.CreateTable(
            name: n.Table("product_tags"),
            schema: n.Schema,
            columns: table => new
            {
                ProductId = table.Column<Guid>(nullable: false),
                Tag = table.Column<string>(maxLength: 40, nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey(n.PrimaryKey("product_tags"), x => new { x.ProductId, x.Tag });
                table.ForeignKey(n.ForeignKey("product_tags", "products", "ProductId"), x => x.ProductId, n.Table("products"), "Id", n.Schema, onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: n.Table("product_specifications"),
            schema: n.Schema,
            columns: table => new
            {
                ProductId = table.Column<Guid>(nullable: false),
                Name = table.Column<string>(maxLength: 80, nullable: false),
                Value = table.Column<string>(maxLength: 400, nullable: false),
                SortOrder = table.Column<int>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey(n.PrimaryKey("product_specifications"), x => new { x.ProductId, x.Name });
                table.ForeignKey(n.ForeignKey("product_specifications", "products", "ProductId"), x => x.ProductId, n.Table("products"), "Id", n.Schema, onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: n.Table("slug_redirects"),
            schema: n.Schema,
            columns: table => new
            {
                Kind = table.Column<string>(maxLength: 20, nullable: false),
                OldSlug = table.Column<string>(maxLength: 220, nullable: false),
                TargetId = table.Column<Guid>(nullable: false),
                CreatedAt = table.Column<DateTime>(nullable: false),
            },
            constraints: table => table.PrimaryKey(n.PrimaryKey("slug_redirects"), x => new { x.Kind, x.OldSlug }));

        migrationBuilder.CreateTable(
            name: n.Table("inventory_adjustments"),
            schema: n.Schema,
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                ProductId = table.Column<Guid>(nullable: false),
                VariantId = table.Column<Guid>(nullable: false),
                Delta = table.Column<int>(nullable: false),
                StockAfter = table.Column<int>(nullable: false),
                Reason = table.Column<string>(maxLength: 200, nullable: false),
                ActorId = table.Column<string>(maxLength: 64, nullable: false),
                At = table.Column<DateTime>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey(n.PrimaryKey("inventory_adjustments"), x => x.Id);
                table.ForeignKey(n.ForeignKey("inventory_adjustments", "product_variants", "VariantId"), x => x.VariantId, n.Table("product_variants"), "Id", n.Schema, onDelete: ReferentialAction.Restrict);
            });

        migrationBuilder.CreateTable(
            name: n.Table("product_reviews"),
            schema: n.Schema,
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                ProductId = table.Column<Guid>(nullable: false),
                CustomerId = table.Column<string>(maxLength: 64, nullable: false),
                AuthorName = table.Column<string>(maxLength: 80, nullable: false),
                Rating = table.Column<int>(nullable: false),
                Title = table.Column<string>(maxLength: 120, nullable: true),
                Body = table.Column<string>(maxLength: 4000, nullable: false),
                IsHidden = table.Column<bool>(nullable: false),
                HiddenAt = table.Column<DateTime>(nullable: true),
                HiddenBy = table.Column<string>(maxLength: 64, nullable: true),
                CreatedAt = table.Column<DateTime>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey(n.PrimaryKey("product_reviews"), x => x.Id);
                table.ForeignKey(n.ForeignKey("product_reviews", "products", "ProductId"), x => x.ProductId, n.Table("products"), "Id", n.Schema, onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: n.Table("product_purchases"),
            schema: n.Schema,
            columns: table => new
            {
                OrderId = table.Column<Guid>(nullable: false),
                ProductId = table.Column<Guid>(nullable: false),
                CustomerId = table.Column<string>(maxLength: 64, nullable: false),
                PurchasedAt = table.Column<DateTime>(nullable: false),
            },
            constraints: table => table.PrimaryKey(n.PrimaryKey("product_purchases"), x => new { x.OrderId, x.ProductId }));

        migrationBuilder.CreateTable(
            name: n.Table("product_search"),
            schema: n.Schema,
            columns: table => new
            {
                Id = table.Column<long>(nullable: false)
                    .Annotation(SqliteAutoincrement, true)
                    .Annotation(NpgsqlValueGeneration, Npgsql.EntityFrameworkCore.PostgreSQL.Metadata.NpgsqlValueGenerationStrategy.IdentityByDefaultColumn)
                    .Annotation(SqlServerIdentity, "1, 1"),
                ProductId = table.Column<Guid>(nullable: false),
                Name = table.Column<string>(maxLength: 200, nullable: false),
                Body = table.Column<string>(nullable: false),
                CategoryName = table.Column<string>(maxLength: 100, nullable: false),
                Tags = table.Column<string>(maxLength: 2000, nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey(n.PrimaryKey("product_search"), x => x.Id);
                table.ForeignKey(n.ForeignKey("product_search", "products", "ProductId"), x => x.ProductId, n.Table("products"), "Id", n.Schema, onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateIndex(n.Index("product_images", "Key"), n.Table("product_images"), "Key", n.Schema, unique: true, filter: n.UniqueFilter());
        migrationBuilder.CreateIndex(n.Index("product_images", "ProductId", "SortOrder"), n.Table("product_images"), ["ProductId", "SortOrder"], n.Schema);
        migrationBuilder.CreateIndex(n.Index("product_images", "ProductId") + "_Primary", n.Table("product_images"), "ProductId", n.Schema, unique: true, filter: CatalogDbContext.PrimaryImageFilter(n));
        migrationBuilder.CreateIndex(n.Index("product_variants", "Sku"), n.Table("product_variants"), "Sku", n.Schema, unique: true, filter: n.UniqueFilter());
        migrationBuilder.CreateIndex(n.Index("product_variants", "ProductId"), n.Table("product_variants"), "ProductId", n.Schema);
        migrationBuilder.CreateIndex(n.Index("product_variants", "ImageId"), n.Table("product_variants"), "ImageId", n.Schema);
        migrationBuilder.CreateIndex(n.Index("product_tags", "Tag"), n.Table("product_tags"), "Tag", n.Schema);
        migrationBuilder.CreateIndex(n.Index("slug_redirects", "TargetId"), n.Table("slug_redirects"), "TargetId", n.Schema);
        migrationBuilder.CreateIndex(n.Index("inventory_adjustments", "VariantId", "At"), n.Table("inventory_adjustments"), ["VariantId", "At"], n.Schema);
        migrationBuilder.CreateIndex(n.Index("inventory_adjustments", "ProductId", "At"), n.Table("inventory_adjustments"), ["ProductId", "At"], n.Schema);
        migrationBuilder.CreateIndex(n.Index("product_reviews", "ProductId", "CustomerId"), n.Table("product_reviews"), ["ProductId", "CustomerId"], n.Schema, unique: true, filter: n.UniqueFilter());
        migrationBuilder.CreateIndex(n.Index("product_reviews", "ProductId", "IsHidden", "CreatedAt"), n.Table("product_reviews"), ["ProductId", "IsHidden", "CreatedAt"], n.Schema);
        migrationBuilder.CreateIndex(n.Index("product_reviews", "IsHidden", "CreatedAt"), n.Table("product_reviews"), ["IsHidden", "CreatedAt"], n.Schema);
        migrationBuilder.CreateIndex(n.Index("product_purchases", "CustomerId", "ProductId"), n.Table("product_purchases"), ["CustomerId", "ProductId"], n.Schema);
        migrationBuilder.CreateIndex(n.Index("product_search", "ProductId"), n.Table("product_search"), "ProductId", n.Schema, unique: true, filter: n.UniqueFilter());

        if (n.IsSqlite)
        {
            CreateSqliteFullTextIndex(migrationBuilder, n);
        }
        else if (CatalogDbContext.IsPostgres(n))
        {
            migrationBuilder.AddColumn<NpgsqlTsVector>(
                CatalogDbContext.SearchVectorColumn, n.Table("product_search"), nullable: true, schema: n.Schema,
                computedColumnSql: CatalogDbContext.SearchVectorSql, stored: true);
            migrationBuilder.CreateIndex(n.Index("product_search", CatalogDbContext.SearchVectorColumn), n.Table("product_search"), CatalogDbContext.SearchVectorColumn, n.Schema)
                .Annotation("Npgsql:IndexMethod", "gin");
        }

        // Existing data: every product sells through a default variant (same id and SKU, its stock), and is searchable.
        var sql = new SqlNames(n);
        migrationBuilder.Sql(sql.Statement(
            $"INSERT INTO {sql.Table("product_variants")} ({sql.Columns("Id", "ProductId", "Sku", "StockOnHand")}) " +
            $"SELECT {sql.Columns("Id", "Id", "Sku", "StockOnHand")} FROM {sql.Table("products")};"));
        migrationBuilder.Sql(sql.Statement(
            $"INSERT INTO {sql.Table("product_search")} ({sql.Columns("ProductId", "Name", "Body", "CategoryName", "Tags")}) " +
            $"SELECT p.{sql.Column("Id")}, p.{sql.Column("Name")}, p.{sql.Column("DescriptionMarkdown")}, c.{sql.Column("Name")}, '' " +
            $"FROM {sql.Table("products")} p JOIN {sql.Table("categories")} c ON c.{sql.Column("Id")} = p.{sql.Column("CategoryId")};"));
    }

    /// <summary>
    /// FTS5 over the search rows without a second copy of their text (<c>content=</c>), addressed by their integer id.
    /// Triggers keep it in step with every insert, update and delete of a search row, so writers only maintain
    /// <c>product_search</c>. Porter stemming over unicode61 (diacritics folded); prefix indexes for 2 and 3 characters.
    /// </summary>
    private static void CreateSqliteFullTextIndex(MigrationBuilder migrationBuilder, ModuleNaming n)
    {
        var fts = n.Table(FtsTable);
        var content = n.Table("product_search");
        const string columns = "\"Name\", \"Body\", \"CategoryName\", \"Tags\"";
        const string newValues = "new.\"Id\", new.\"Name\", new.\"Body\", new.\"CategoryName\", new.\"Tags\"";
        const string oldValues = "old.\"Id\", old.\"Name\", old.\"Body\", old.\"CategoryName\", old.\"Tags\"";
        migrationBuilder.Sql(
            $"CREATE VIRTUAL TABLE \"{fts}\" USING fts5({columns}, content='{content}', content_rowid='Id', " +
            "tokenize='porter unicode61 remove_diacritics 2', prefix='2 3');");
        migrationBuilder.Sql(
            $"CREATE TRIGGER \"{content}_ai\" AFTER INSERT ON \"{content}\" BEGIN " +
            $"INSERT INTO \"{fts}\"(rowid, {columns}) VALUES ({newValues}); END;");
        migrationBuilder.Sql(
            $"CREATE TRIGGER \"{content}_ad\" AFTER DELETE ON \"{content}\" BEGIN " +
            $"INSERT INTO \"{fts}\"(\"{fts}\", rowid, {columns}) VALUES ('delete', {oldValues}); END;");
        migrationBuilder.Sql(
            $"CREATE TRIGGER \"{content}_au\" AFTER UPDATE ON \"{content}\" BEGIN " +
            $"INSERT INTO \"{fts}\"(\"{fts}\", rowid, {columns}) VALUES ('delete', {oldValues}); " +
            $"INSERT INTO \"{fts}\"(rowid, {columns}) VALUES ({newValues}); END;");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        var n = new ModuleNaming(migrationBuilder.ActiveProvider, CatalogDbContext.SchemaName);
        if (n.IsSqlite)
        {
            var content = n.Table("product_search");
            migrationBuilder.Sql($"DROP TRIGGER IF EXISTS \"{content}_ai\";");
            migrationBuilder.Sql($"DROP TRIGGER IF EXISTS \"{content}_ad\";");
            migrationBuilder.Sql($"DROP TRIGGER IF EXISTS \"{content}_au\";");
            migrationBuilder.Sql($"DROP TABLE IF EXISTS \"{n.Table(FtsTable)}\";");
        }

        // Stock moves back onto the products before their variants go.
        var sql = new SqlNames(n);
        migrationBuilder.Sql(sql.Statement(
            $"UPDATE {sql.Table("products")} SET {sql.Column("StockOnHand")} = " +
            $"(SELECT COALESCE(SUM(v.{sql.Column("StockOnHand")}), 0) FROM {sql.Table("product_variants")} v WHERE v.{sql.Column("ProductId")} = {sql.Table("products")}.{sql.Column("Id")});"));

        foreach (var table in new[] { "product_search", "product_purchases", "product_reviews", "inventory_adjustments", "slug_redirects", "product_specifications", "product_tags", "product_variants", "product_images" })
        {
            migrationBuilder.DropTable(n.Table(table), n.Schema);
        }

        foreach (var sort in new[] { "CreatedAt", "PriceMinor", "RatingAverage", "Name" })
        {
            migrationBuilder.DropIndex(n.Index("products", "IsDeleted", "IsPublished", sort), n.Table("products"), n.Schema);
        }

        foreach (var column in new[] { "Summary", "MetaDescription", "CompareAtPriceMinor", "IsDeleted", "DeletedAt", "LowStockThreshold", "RatingAverage", "RatingCount", "Version", "Option1Name", "Option2Name", "Option3Name" })
        {
            migrationBuilder.DropColumn(column, n.Table("products"), n.Schema);
        }

        if (!n.IsSqlite)
        {
            migrationBuilder.AlterColumn<string>("DescriptionMarkdown", n.Table("products"), maxLength: 4000, nullable: false, schema: n.Schema, oldNullable: false);
        }

        migrationBuilder.RenameColumn("DescriptionMarkdown", n.Table("products"), "Description", n.Schema);

        migrationBuilder.DropIndex(n.Index("categories", "ParentId"), n.Table("categories"), n.Schema);
        if (!n.IsSqlite)
        {
            migrationBuilder.DropForeignKey(n.ForeignKey("categories", "categories", "ParentId"), n.Table("categories"), n.Schema);
        }

        // SQLite 3.35+ drops a column that is not indexed; its reference goes with it.
        migrationBuilder.DropColumn("ParentId", n.Table("categories"), n.Schema);
        migrationBuilder.DropColumn("Description", n.Table("categories"), n.Schema);
        migrationBuilder.DropColumn("SortOrder", n.Table("categories"), n.Schema);
    }

    /// <summary>Quoted names for the migration's data statements, per provider (SQL Server's brackets, the others' double quotes).</summary>
    private sealed class SqlNames(ModuleNaming n)
    {
        public string Column(string name) => n.IsSqlServer ? $"[{name}]" : $"\"{name}\"";

        public string Columns(params string[] names) => string.Join(", ", names.Select(Column));

        /// <summary>
        /// On SQL Server the statement runs through <c>EXEC</c>, so it is compiled when it runs: a script runs the whole
        /// migration as one batch, and a batch compiled up front would not know the column renamed earlier in it.
        /// </summary>
        public string Statement(string statement) => n.IsSqlServer ? $"EXEC(N'{statement.Replace("'", "''", StringComparison.Ordinal)}');" : statement;

        public string Table(string name) => n.Schema is null ? Column(n.Table(name)) : $"{Column(n.Schema)}.{Column(n.Table(name))}";
    }
}
