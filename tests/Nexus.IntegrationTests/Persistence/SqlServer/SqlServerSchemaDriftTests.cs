using System.Globalization;
using System.Text.RegularExpressions;
using FluentAssertions.Execution;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Migrations.Operations;

namespace Nexus.IntegrationTests.Persistence.SqlServer;

/// <summary>
/// The SQL Server leg of the schema-drift test (<see cref="SchemaDriftTests"/> runs SQLite and PostgreSQL for real):
/// with no engine to migrate, the migrations' operations and the model's are replayed (<see cref="MigrationReplay"/>)
/// and every table, column, key and index must come out as the same T-SQL. Then the rules SQL Server enforces only
/// when the script runs: index key sizes and cascade paths.
/// </summary>
internal sealed partial class SqlServerSchemaDriftTests
{
    /// <summary>SQL Server 2016+: a clustered key (the primary key, by default) up to 900 bytes, other indexes up to 1,700.</summary>
    private const int ClusteredKeyBytes = 900;
    private const int NonClusteredKeyBytes = 1700;

    [Test]
    public void Migrations_build_exactly_the_schema_the_model_describes_on_sql_server()
    {
        SqlServerContexts.Modules.Should().NotBeEmpty();
        var drift = new List<string>();
        foreach (var module in SqlServerContexts.Modules)
        {
            using var context = SqlServerContexts.Create(module);
            var generator = context.GetService<IMigrationsSqlGenerator>();

            var fromModel = new MigrationReplay();
            fromModel.Apply(context.GetService<IMigrationsModelDiffer>().GetDifferences(null, context.GetService<IDesignTimeModel>().Model.GetRelationalModel()));
            var modelLines = fromModel.Describe(generator, context.Model);

            var migrations = context.GetService<IMigrationsAssembly>();
            var fromMigrations = new MigrationReplay();
            foreach (var migration in migrations.Migrations.OrderBy(m => m.Key, StringComparer.Ordinal))
            {
                fromMigrations.Apply(migrations.CreateMigration(migration.Value, context.Database.ProviderName!).UpOperations);
            }

            var migrationLines = fromMigrations.Describe(generator, model: null);

            modelLines.Should().Contain(l => l.StartsWith("table ", StringComparison.Ordinal), $"module {module.ModuleName} has tables");
            drift.AddRange(modelLines.Except(migrationLines).Select(line => $"{module.ModuleName}: model has, migrations lack: {line}"));
            drift.AddRange(migrationLines.Except(modelLines).Select(line => $"{module.ModuleName}: migrations have, model lacks: {line}"));
        }

        drift.Should().BeEmpty("every module's migrations must build its model's schema on SQL Server");
    }

    /// <summary>The check above must be able to fail: a migration that got one column's length wrong is drift.</summary>
    [Test]
    public void The_replay_sees_a_column_length_the_migrations_got_wrong()
    {
        using var context = SqlServerContexts.Create(SqlServerContexts.Modules[0]);
        var generator = context.GetService<IMigrationsSqlGenerator>();
        var migrations = context.GetService<IMigrationsAssembly>();
        var operations = migrations.Migrations.OrderBy(m => m.Key, StringComparer.Ordinal)
            .SelectMany(m => migrations.CreateMigration(m.Value, context.Database.ProviderName!).UpOperations).ToList();
        var faithful = new MigrationReplay();
        faithful.Apply(operations);
        var faithfulLines = faithful.Describe(generator, model: null); // before the change: the replay keeps the operations

        var column = operations.OfType<CreateTableOperation>().SelectMany(t => t.Columns).First(c => c.MaxLength is not null);
        column.MaxLength += 1;
        var wrong = new MigrationReplay();
        wrong.Apply(operations);

        var difference = faithfulLines.Except(wrong.Describe(generator, model: null)).ToList();
        difference.Should().ContainSingle().Which.Should().Contain($"[{column.Name}]");
    }

    [Test]
    public void Every_key_and_index_fits_sql_servers_key_size()
    {
        using (new AssertionScope())
        {
            foreach (var module in SqlServerContexts.Modules)
            {
                using var context = SqlServerContexts.Create(module);
                foreach (var table in context.Model.GetRelationalModel().Tables)
                {
                    if (table.PrimaryKey is { } key)
                    {
                        KeyBytes(key.Columns).Should().BeLessThanOrEqualTo(ClusteredKeyBytes, $"{table.Name}'s primary key is its clustered index");
                    }

                    foreach (var unique in table.UniqueConstraints.Where(u => u != table.PrimaryKey))
                    {
                        KeyBytes(unique.Columns).Should().BeLessThanOrEqualTo(NonClusteredKeyBytes, $"{table.Name}'s unique constraint {unique.Name}");
                    }

                    foreach (var index in table.Indexes)
                    {
                        KeyBytes(index.Columns).Should().BeLessThanOrEqualTo(NonClusteredKeyBytes, $"{table.Name}'s index {index.Name}");
                    }
                }
            }
        }
    }

    /// <summary>SQL Server refuses a foreign key that would give a delete two cascade paths to one table, or a cycle (error 1785).</summary>
    [Test]
    public void No_table_is_reached_by_two_cascade_paths()
    {
        using (new AssertionScope())
        {
            foreach (var module in SqlServerContexts.Modules)
            {
                using var context = SqlServerContexts.Create(module);
                var cascades = context.Model.GetRelationalModel().Tables
                    .SelectMany(t => t.ForeignKeyConstraints)
                    .Where(f => f.OnDeleteAction is ReferentialAction.Cascade or ReferentialAction.SetNull or ReferentialAction.SetDefault)
                    .ToLookup(f => f.PrincipalTable, f => f.Table);
                foreach (var start in context.Model.GetRelationalModel().Tables)
                {
                    var reached = new Dictionary<ITable, int>();
                    var pending = new Stack<ITable>(cascades[start]);
                    while (pending.Count > 0 && reached.Count < 1000)
                    {
                        var table = pending.Pop();
                        reached[table] = reached.GetValueOrDefault(table) + 1;
                        foreach (var next in cascades[table])
                        {
                            pending.Push(next);
                        }
                    }

                    reached.Where(r => r.Value > 1 || r.Key == start).Select(r => r.Key.Name)
                        .Should().BeEmpty($"a delete in {module.ModuleName}'s {start.Name} must cascade to each table along one path only");
                }
            }
        }
    }

    private static int KeyBytes(IEnumerable<IColumn> columns) => columns.Sum(c => StoreTypeBytes(c.StoreType, $"{c.Table.Name}.{c.Name}"));

    private static int StoreTypeBytes(string storeType, string column)
    {
        var sized = SizedType().Match(storeType);
        if (sized.Success)
        {
            sized.Groups["size"].Value.Should().NotBe("max", $"{column} ({storeType}) is in a key or index, and (max) types cannot be: give it a max length");
            var size = int.Parse(sized.Groups["size"].Value, CultureInfo.InvariantCulture);
            return sized.Groups["type"].Value.StartsWith('n') ? 2 * size : size;
        }

        return storeType switch
        {
            "bit" or "tinyint" => 1,
            "smallint" => 2,
            "int" or "real" => 4,
            "bigint" or "float" or "datetime" or "datetime2" or "datetime2(7)" => 8,
            "datetimeoffset" or "datetimeoffset(7)" => 10,
            "uniqueidentifier" => 16,
            _ when storeType.StartsWith("decimal", StringComparison.Ordinal) => 17,
            _ => throw new NotSupportedException($"{column}: teach StoreTypeBytes the size of {storeType}."),
        };
    }

    [GeneratedRegex(@"^(?<type>nvarchar|varchar|nchar|char|varbinary|binary)\((?<size>\d+|max)\)$")]
    private static partial Regex SizedType();
}
