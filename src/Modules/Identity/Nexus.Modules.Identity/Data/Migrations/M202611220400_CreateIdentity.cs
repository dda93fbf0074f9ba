using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Nexus.Shared.Persistence;

namespace Nexus.Modules.Identity.Data.Migrations;

/// <summary>
/// Users, roles and their satellites, token signing keys, the staff audit log and the data-protection key
/// ring. Hand-written and provider-neutral (docs/decisions/0003); the two integer keys carry every provider's
/// auto-increment annotation (each provider ignores the others'), and the unique indexes over nullable names
/// carry SQL Server's not-null filter (null, no filter, elsewhere).
/// </summary>
[DbContext(typeof(IdentityStoreDbContext))]
[Migration("202611220400_CreateIdentity")]
internal sealed class M202611220400_CreateIdentity : Migration
{
    private const string SqliteAutoincrement = "Sqlite:Autoincrement";
    private const string NpgsqlValueGeneration = "Npgsql:ValueGenerationStrategy";
    private const string SqlServerIdentity = "SqlServer:Identity";
    private const string SqlServerIdentitySeedAndIncrement = "1, 1";

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        var n = new ModuleNaming(migrationBuilder.ActiveProvider, IdentityStoreDbContext.SchemaName);
        if (n.Schema is not null)
        {
            migrationBuilder.EnsureSchema(n.Schema);
        }

        migrationBuilder.CreateTable(
            name: n.Table("users"),
            schema: n.Schema,
            columns: table => new
            {
                Id = table.Column<string>(maxLength: 64, nullable: false),
                CreatedAt = table.Column<DateTime>(nullable: false),
                UserName = table.Column<string>(maxLength: 256, nullable: true),
                NormalizedUserName = table.Column<string>(maxLength: 256, nullable: true),
                Email = table.Column<string>(maxLength: 256, nullable: true),
                NormalizedEmail = table.Column<string>(maxLength: 256, nullable: true),
                EmailConfirmed = table.Column<bool>(nullable: false),
                PasswordHash = table.Column<string>(nullable: true),
                SecurityStamp = table.Column<string>(nullable: true),
                ConcurrencyStamp = table.Column<string>(nullable: true),
                PhoneNumber = table.Column<string>(maxLength: 64, nullable: true),
                PhoneNumberConfirmed = table.Column<bool>(nullable: false),
                TwoFactorEnabled = table.Column<bool>(nullable: false),
                LockoutEnd = table.Column<DateTimeOffset>(nullable: true),
                LockoutEnabled = table.Column<bool>(nullable: false),
                AccessFailedCount = table.Column<int>(nullable: false),
            },
            constraints: table => table.PrimaryKey(n.PrimaryKey("users"), x => x.Id));

        migrationBuilder.CreateTable(
            name: n.Table("roles"),
            schema: n.Schema,
            columns: table => new
            {
                Id = table.Column<string>(maxLength: 64, nullable: false),
                Name = table.Column<string>(maxLength: 256, nullable: true),
                NormalizedName = table.Column<string>(maxLength: 256, nullable: true),
                ConcurrencyStamp = table.Column<string>(nullable: true),
            },
            constraints: table => table.PrimaryKey(n.PrimaryKey("roles"), x => x.Id));

        migrationBuilder.CreateTable(
            name: n.Table("user_claims"),
            schema: n.Schema,
            columns: table => new
            {
                Id = table.Column<int>(nullable: false)
                    .Annotation(SqliteAutoincrement, true)
                    .Annotation(NpgsqlValueGeneration, Npgsql.EntityFrameworkCore.PostgreSQL.Metadata.NpgsqlValueGenerationStrategy.IdentityByDefaultColumn)
                    .Annotation(SqlServerIdentity, SqlServerIdentitySeedAndIncrement),
                UserId = table.Column<string>(maxLength: 64, nullable: false),
                ClaimType = table.Column<string>(nullable: true),
                ClaimValue = table.Column<string>(nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey(n.PrimaryKey("user_claims"), x => x.Id);
                table.ForeignKey(n.ForeignKey("user_claims", "users", "UserId"), x => x.UserId, n.Table("users"), "Id", n.Schema, onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: n.Table("user_logins"),
            schema: n.Schema,
            columns: table => new
            {
                LoginProvider = table.Column<string>(maxLength: 128, nullable: false),
                ProviderKey = table.Column<string>(maxLength: 128, nullable: false),
                ProviderDisplayName = table.Column<string>(nullable: true),
                UserId = table.Column<string>(maxLength: 64, nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey(n.PrimaryKey("user_logins"), x => new { x.LoginProvider, x.ProviderKey });
                table.ForeignKey(n.ForeignKey("user_logins", "users", "UserId"), x => x.UserId, n.Table("users"), "Id", n.Schema, onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: n.Table("user_tokens"),
            schema: n.Schema,
            columns: table => new
            {
                UserId = table.Column<string>(maxLength: 64, nullable: false),
                LoginProvider = table.Column<string>(maxLength: 128, nullable: false),
                Name = table.Column<string>(maxLength: 128, nullable: false),
                Value = table.Column<string>(nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey(n.PrimaryKey("user_tokens"), x => new { x.UserId, x.LoginProvider, x.Name });
                table.ForeignKey(n.ForeignKey("user_tokens", "users", "UserId"), x => x.UserId, n.Table("users"), "Id", n.Schema, onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: n.Table("user_roles"),
            schema: n.Schema,
            columns: table => new
            {
                UserId = table.Column<string>(maxLength: 64, nullable: false),
                RoleId = table.Column<string>(maxLength: 64, nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey(n.PrimaryKey("user_roles"), x => new { x.UserId, x.RoleId });
                table.ForeignKey(n.ForeignKey("user_roles", "roles", "RoleId"), x => x.RoleId, n.Table("roles"), "Id", n.Schema, onDelete: ReferentialAction.Cascade);
                table.ForeignKey(n.ForeignKey("user_roles", "users", "UserId"), x => x.UserId, n.Table("users"), "Id", n.Schema, onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: n.Table("role_claims"),
            schema: n.Schema,
            columns: table => new
            {
                Id = table.Column<int>(nullable: false)
                    .Annotation(SqliteAutoincrement, true)
                    .Annotation(NpgsqlValueGeneration, Npgsql.EntityFrameworkCore.PostgreSQL.Metadata.NpgsqlValueGenerationStrategy.IdentityByDefaultColumn)
                    .Annotation(SqlServerIdentity, SqlServerIdentitySeedAndIncrement),
                RoleId = table.Column<string>(maxLength: 64, nullable: false),
                ClaimType = table.Column<string>(nullable: true),
                ClaimValue = table.Column<string>(nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey(n.PrimaryKey("role_claims"), x => x.Id);
                table.ForeignKey(n.ForeignKey("role_claims", "roles", "RoleId"), x => x.RoleId, n.Table("roles"), "Id", n.Schema, onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: n.Table("signing_keys"),
            schema: n.Schema,
            columns: table => new
            {
                Id = table.Column<string>(maxLength: 64, nullable: false),
                Algorithm = table.Column<string>(maxLength: 16, nullable: false),
                ProtectedPrivateKey = table.Column<string>(nullable: false),
                CreatedAt = table.Column<DateTime>(nullable: false),
            },
            constraints: table => table.PrimaryKey(n.PrimaryKey("signing_keys"), x => x.Id));

        migrationBuilder.CreateTable(
            name: n.Table("audit_log"),
            schema: n.Schema,
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                At = table.Column<DateTime>(nullable: false),
                ActorId = table.Column<string>(maxLength: 64, nullable: false),
                ActorEmail = table.Column<string>(maxLength: 256, nullable: false),
                Action = table.Column<string>(maxLength: 64, nullable: false),
                SubjectId = table.Column<string>(maxLength: 64, nullable: true),
                SubjectEmail = table.Column<string>(maxLength: 256, nullable: true),
                Details = table.Column<string>(maxLength: 1000, nullable: true),
            },
            constraints: table => table.PrimaryKey(n.PrimaryKey("audit_log"), x => x.Id));

        migrationBuilder.CreateTable(
            name: n.Table("data_protection_keys"),
            schema: n.Schema,
            columns: table => new
            {
                FriendlyName = table.Column<string>(maxLength: 128, nullable: false),
                Xml = table.Column<string>(nullable: false),
            },
            constraints: table => table.PrimaryKey(n.PrimaryKey("data_protection_keys"), x => x.FriendlyName));

        migrationBuilder.CreateIndex(n.Index("users", "NormalizedUserName"), n.Table("users"), "NormalizedUserName", n.Schema, unique: true, filter: n.UniqueFilter("NormalizedUserName"));
        migrationBuilder.CreateIndex(n.Index("users", "NormalizedEmail"), n.Table("users"), "NormalizedEmail", n.Schema);
        migrationBuilder.CreateIndex(n.Index("roles", "NormalizedName"), n.Table("roles"), "NormalizedName", n.Schema, unique: true, filter: n.UniqueFilter("NormalizedName"));
        migrationBuilder.CreateIndex(n.Index("user_claims", "UserId"), n.Table("user_claims"), "UserId", n.Schema);
        migrationBuilder.CreateIndex(n.Index("user_logins", "UserId"), n.Table("user_logins"), "UserId", n.Schema);
        migrationBuilder.CreateIndex(n.Index("user_roles", "RoleId"), n.Table("user_roles"), "RoleId", n.Schema);
        migrationBuilder.CreateIndex(n.Index("role_claims", "RoleId"), n.Table("role_claims"), "RoleId", n.Schema);
        migrationBuilder.CreateIndex(n.Index("signing_keys", "CreatedAt"), n.Table("signing_keys"), "CreatedAt", n.Schema);
        migrationBuilder.CreateIndex(n.Index("audit_log", "At"), n.Table("audit_log"), "At", n.Schema);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        var n = new ModuleNaming(migrationBuilder.ActiveProvider, IdentityStoreDbContext.SchemaName);
        foreach (var table in new[] { "data_protection_keys", "audit_log", "signing_keys", "role_claims", "user_roles", "user_tokens", "user_logins", "user_claims", "roles", "users" })
        {
            migrationBuilder.DropTable(n.Table(table), n.Schema);
        }
    }
}
