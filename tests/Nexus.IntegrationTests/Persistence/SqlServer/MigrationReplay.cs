using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Migrations.Operations;

namespace Nexus.IntegrationTests.Persistence.SqlServer;

/// <summary>
/// The schema a list of migration operations leaves behind, without a database: operations are applied in order to
/// an in-memory list of schemas, tables, columns, keys and indexes, and the result is described object by object in
/// the SQL the provider's generator writes for it (one sorted line each). Fed with a module's migrations it stands in
/// for <c>Migrate()</c>; fed with the operations EF derives from the model it stands in for <c>EnsureCreated()</c>,
/// so the two descriptions can be compared like the schema-drift test compares real databases.
/// Data operations (SQL, inserts) change no shape and are skipped; an operation it does not know fails loudly.
/// </summary>
internal sealed class MigrationReplay
{
    private readonly HashSet<string> schemas = new(StringComparer.Ordinal);
    private readonly Dictionary<string, TableShape> tables = new(StringComparer.Ordinal);
    private readonly Dictionary<string, CreateIndexOperation> indexes = new(StringComparer.Ordinal);

    public void Apply(IEnumerable<MigrationOperation> operations)
    {
        ArgumentNullException.ThrowIfNull(operations);
        foreach (var operation in operations)
        {
            Apply(operation);
        }
    }

    /// <summary>
    /// One line per object, in the provider's SQL: how the migrations (with <paramref name="model"/> null, as
    /// <c>Migrate()</c> runs hand-written migrations, which carry no target model) or the model would create it.
    /// </summary>
    public IReadOnlyList<string> Describe(IMigrationsSqlGenerator generator, IModel? model)
    {
        ArgumentNullException.ThrowIfNull(generator);
        var lines = new List<string>();
        lines.AddRange(schemas.Select(s => $"schema {s}"));
        foreach (var table in tables.Values)
        {
            lines.Add($"table {Key(table.Schema, table.Name)}");
            var objects = new List<MigrationOperation>(table.Columns.Values);
            objects.AddRange(table.PrimaryKey is null ? [] : [table.PrimaryKey]);
            objects.AddRange(table.ForeignKeys.Values);
            objects.AddRange(table.UniqueConstraints.Values);
            objects.AddRange(table.CheckConstraints.Values);
            lines.AddRange(objects.Select(o => Sql(generator, o, model)));
        }

        lines.AddRange(indexes.Values.Select(i => Sql(generator, i, model)));
        return [.. lines.Order(StringComparer.Ordinal)];
    }

    private static string Sql(IMigrationsSqlGenerator generator, MigrationOperation operation, IModel? model) =>
        string.Join(" ", generator.Generate([operation], model).Select(c => c.CommandText))
            .ReplaceLineEndings(" ").Replace("  ", " ", StringComparison.Ordinal).Trim();

    private void Apply(MigrationOperation operation)
    {
        switch (operation)
        {
            case EnsureSchemaOperation ensure:
                schemas.Add(ensure.Name);
                break;
            case CreateTableOperation create:
                var shape = new TableShape(create.Schema, create.Name);
                foreach (var column in create.Columns)
                {
                    shape.Columns[column.Name] = Placed(column, create.Schema, create.Name);
                }

                shape.PrimaryKey = create.PrimaryKey is null ? null : Placed(create.PrimaryKey, create.Schema, create.Name);
                foreach (var foreignKey in create.ForeignKeys)
                {
                    shape.ForeignKeys[foreignKey.Name] = Placed(foreignKey, create.Schema, create.Name);
                }

                foreach (var unique in create.UniqueConstraints)
                {
                    shape.UniqueConstraints[unique.Name] = Placed(unique, create.Schema, create.Name);
                }

                foreach (var check in create.CheckConstraints)
                {
                    shape.CheckConstraints[check.Name] = Placed(check, create.Schema, create.Name);
                }

                tables.Add(Key(create.Schema, create.Name), shape);
                break;
            case DropTableOperation drop:
                tables.Remove(Key(drop.Schema, drop.Name)).Should().BeTrue($"{drop.Name} is dropped, so it must exist");
                foreach (var index in indexes.Where(i => i.Value.Schema == drop.Schema && i.Value.Table == drop.Name).ToList())
                {
                    indexes.Remove(index.Key);
                }

                break;
            case AddColumnOperation add:
                Table(add.Schema, add.Table).Columns.Add(add.Name, add);
                break;
            case AlterColumnOperation alter:
                Table(alter.Schema, alter.Table).Columns[alter.Name] = AsAdded(alter);
                break;
            case RenameColumnOperation rename:
                var renamed = Table(rename.Schema, rename.Table);
                renamed.Columns.Remove(rename.Name, out var renamedColumn).Should().BeTrue($"{rename.Table}.{rename.Name} is renamed, so it must exist");
                renamedColumn!.Name = rename.NewName;
                renamed.Columns.Add(rename.NewName, renamedColumn);
                break;
            case DropColumnOperation drop:
                Table(drop.Schema, drop.Table).Columns.Remove(drop.Name).Should().BeTrue($"{drop.Table}.{drop.Name} is dropped, so it must exist");
                break;
            case AddPrimaryKeyOperation key:
                Table(key.Schema, key.Table).PrimaryKey = key;
                break;
            case DropPrimaryKeyOperation drop:
                Table(drop.Schema, drop.Table).PrimaryKey = null;
                break;
            case AddForeignKeyOperation foreignKey:
                Table(foreignKey.Schema, foreignKey.Table).ForeignKeys.Add(foreignKey.Name, foreignKey);
                break;
            case DropForeignKeyOperation drop:
                Table(drop.Schema, drop.Table).ForeignKeys.Remove(drop.Name).Should().BeTrue($"{drop.Name} is dropped, so it must exist");
                break;
            case AddUniqueConstraintOperation unique:
                Table(unique.Schema, unique.Table).UniqueConstraints.Add(unique.Name, unique);
                break;
            case DropUniqueConstraintOperation drop:
                Table(drop.Schema, drop.Table).UniqueConstraints.Remove(drop.Name).Should().BeTrue($"{drop.Name} is dropped, so it must exist");
                break;
            case AddCheckConstraintOperation check:
                Table(check.Schema, check.Table).CheckConstraints.Add(check.Name, check);
                break;
            case DropCheckConstraintOperation drop:
                Table(drop.Schema, drop.Table).CheckConstraints.Remove(drop.Name).Should().BeTrue($"{drop.Name} is dropped, so it must exist");
                break;
            case CreateIndexOperation index:
                indexes.Add(Key(index.Schema, index.Name), index);
                break;
            case DropIndexOperation drop:
                indexes.Remove(Key(drop.Schema, drop.Name)).Should().BeTrue($"{drop.Name} is dropped, so it must exist");
                break;
            case SqlOperation or InsertDataOperation or UpdateDataOperation or DeleteDataOperation:
                break; // data, not shape
            default:
                throw new NotSupportedException($"MigrationReplay does not know {operation.GetType().Name} yet: teach it what the operation does to the schema.");
        }
    }

    private TableShape Table(string? schema, string name) =>
        tables.TryGetValue(Key(schema, name), out var table) ? table : throw new InvalidOperationException($"Table {Key(schema, name)} does not exist at this point of the migrations.");

    private static string Key(string? schema, string name) => schema is null ? name : $"{schema}.{name}";

    private static T Placed<T>(T operation, string? schema, string table)
        where T : MigrationOperation
    {
        // Operations nested in CreateTable may leave their table to the parent.
        switch (operation)
        {
            case ColumnOperation column:
                column.Schema ??= schema;
                column.Table ??= table;
                break;
            case AddPrimaryKeyOperation key:
                key.Schema ??= schema;
                key.Table ??= table;
                break;
            case AddForeignKeyOperation foreignKey:
                foreignKey.Schema ??= schema;
                foreignKey.Table ??= table;
                break;
            case AddUniqueConstraintOperation unique:
                unique.Schema ??= schema;
                unique.Table ??= table;
                break;
            case AddCheckConstraintOperation check:
                check.Schema ??= schema;
                check.Table ??= table;
                break;
        }

        return operation;
    }

    private static AddColumnOperation AsAdded(AlterColumnOperation alter)
    {
        var added = new AddColumnOperation
        {
            Name = alter.Name,
            Schema = alter.Schema,
            Table = alter.Table,
            ClrType = alter.ClrType,
            ColumnType = alter.ColumnType,
            IsUnicode = alter.IsUnicode,
            IsFixedLength = alter.IsFixedLength,
            MaxLength = alter.MaxLength,
            Precision = alter.Precision,
            Scale = alter.Scale,
            IsRowVersion = alter.IsRowVersion,
            IsNullable = alter.IsNullable,
            DefaultValue = alter.DefaultValue,
            DefaultValueSql = alter.DefaultValueSql,
            ComputedColumnSql = alter.ComputedColumnSql,
            IsStored = alter.IsStored,
            Comment = alter.Comment,
            Collation = alter.Collation,
        };
        added.AddAnnotations(alter.GetAnnotations());
        return added;
    }

    private sealed class TableShape(string? schema, string name)
    {
        public string? Schema { get; } = schema;

        public string Name { get; } = name;

        public Dictionary<string, AddColumnOperation> Columns { get; } = new(StringComparer.Ordinal);

        public AddPrimaryKeyOperation? PrimaryKey { get; set; }

        public Dictionary<string, AddForeignKeyOperation> ForeignKeys { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, AddUniqueConstraintOperation> UniqueConstraints { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, AddCheckConstraintOperation> CheckConstraints { get; } = new(StringComparer.Ordinal);
    }
}
