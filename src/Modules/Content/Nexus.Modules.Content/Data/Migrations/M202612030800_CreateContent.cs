using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Nexus.Modules.Content.Domain;
using Nexus.Shared.Messaging;
using Nexus.Shared.Persistence;

namespace Nexus.Modules.Content.Data.Migrations;

/// <summary>
/// The shop's pages, with their default texts, and the module's event tables. Hand-written and provider-neutral
/// (docs/decisions/0003).
/// </summary>
[DbContext(typeof(ContentDbContext))]
[Migration("202612030800_CreateContent")]
internal sealed class M202612030800_CreateContent : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        var n = new ModuleNaming(migrationBuilder.ActiveProvider, ContentDbContext.SchemaName);
        if (n.Schema is not null)
        {
            migrationBuilder.EnsureSchema(n.Schema);
        }

        migrationBuilder.CreateTable(
            name: n.Table("pages"),
            schema: n.Schema,
            columns: table => new
            {
                Slug = table.Column<string>(maxLength: ContentPage.SlugMaxLength, nullable: false),
                Title = table.Column<string>(maxLength: ContentPage.TitleMaxLength, nullable: false),
                BodyMarkdown = table.Column<string>(maxLength: ContentPage.BodyMaxLength, nullable: false),
                UpdatedAt = table.Column<DateTime>(nullable: false),
                UpdatedBy = table.Column<string>(maxLength: 64, nullable: true),
            },
            constraints: table => table.PrimaryKey(n.PrimaryKey("pages"), x => x.Slug));

        // Without a model snapshot the data operation is told its column types (as the table above creates them).
        string[] columnTypes = n.IsSqlite
            ? ["TEXT", "TEXT", "TEXT", "TEXT"]
            : n.IsSqlServer
                ? [$"nvarchar({ContentPage.SlugMaxLength})", $"nvarchar({ContentPage.TitleMaxLength})", "nvarchar(max)", "datetime2"]
                : [$"character varying({ContentPage.SlugMaxLength})", $"character varying({ContentPage.TitleMaxLength})", $"character varying({ContentPage.BodyMaxLength})", "timestamp with time zone"];
        foreach (var (slug, title, body) in DefaultPages.All)
        {
            migrationBuilder.InsertData(
                table: n.Table("pages"),
                columns: ["Slug", "Title", "BodyMarkdown", "UpdatedAt"],
                columnTypes: columnTypes,
                values: new object[] { slug, title, body, DefaultPages.WrittenAt },
                schema: n.Schema);
        }

        migrationBuilder.CreateEventTables(n);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        var n = new ModuleNaming(migrationBuilder.ActiveProvider, ContentDbContext.SchemaName);
        migrationBuilder.DropEventTables(n);
        migrationBuilder.DropTable(n.Table("pages"), n.Schema);
    }
}
