using System.Collections.Concurrent;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Nexus.Shared.Messaging;

/// <summary>
/// Inserts outbox and inbox rows with multi-row INSERT statements instead of the change tracker. Every event costs
/// one of these rows on each side, and tracking them (entries, command batching, one statement per row) cost more CPU
/// than everything else the bus does — Bench-Events was bound by it. The statements are built from the EF model:
/// the same table, columns and type mappings (value converters included) SaveChanges would use, so the rows are
/// identical on SQLite, PostgreSQL and SQL Server. Runs on the context's connection, inside its current transaction.
/// </summary>
internal static class EventRowWriter
{
    /// <summary>
    /// Parameters per statement. Far below the providers' limits on purpose: Microsoft.Data.Sqlite binds each parameter
    /// by name, and SQLite finds a name by scanning the statement's list, so binding costs grow with the square of the
    /// count — about a hundred keeps that negligible while still saving most of the per-statement work (measured:
    /// <c>strncmp</c> was 4 % of Bench-Events' CPU at 480 per statement).
    /// </summary>
    private const int ParametersPerStatement = 100;

    private static readonly string[] ParameterNames = Enumerable.Range(0, ParametersPerStatement)
        .Select(i => string.Create(CultureInfo.InvariantCulture, $"@e{i}")).ToArray();

    // Per model (one per context type and provider) and row type: building the statement's prefix and column list
    // from the model on every insert was a tenth of the writer's CPU with small commands.
    private static readonly ConditionalWeakTable<IModel, ConcurrentDictionary<Type, Table>> Tables = [];

    private static readonly ConditionalWeakTable<IModel, ConcurrentDictionary<IEntityType, bool>> PlainRows = [];

    public static Task InsertAsync<TRow>(DbContext context, IReadOnlyList<TRow> rows, CancellationToken cancellationToken)
        where TRow : class =>
        rows.Count == 0 ? Task.CompletedTask : InsertAsync(context, TableOf(context, typeof(TRow)), rows, cancellationToken);

    /// <summary>
    /// Writes the rows a consumer's handlers added to <paramref name="context"/> (say, one "applied" row per event) the
    /// same way, and marks them saved — when every change the context tracks is the insert of a plain row: a table of
    /// its own, no relationships, no inheritance, no owned or complex parts, and no value the database generates or
    /// defaults (see <see cref="IsPlainRow"/>). Anything else (an update, a delete, a related or store-generated row)
    /// and it writes nothing and returns 0, leaving every change to <c>SaveChanges</c>: the two never split one
    /// context's changes between them, so the order of statements SaveChanges would choose never matters.
    /// Measured: the change tracker's insert path was the consumer's largest cost per event (docs/benchmarks.md, fifth round).
    /// </summary>
    public static async Task<int> InsertAddedAsync(DbContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!context.ChangeTracker.HasChanges())
        {
            return 0;
        }

        var byType = new Dictionary<IEntityType, List<object>>();
        var added = new List<EntityEntry>();
        foreach (var entry in context.ChangeTracker.Entries())
        {
            if (entry.State == EntityState.Unchanged)
            {
                continue;
            }

            if (entry.State != EntityState.Added || !IsPlainRow(context, entry.Metadata) || entry.Properties.Any(p => p.IsTemporary))
            {
                return 0;
            }

            if (!byType.TryGetValue(entry.Metadata, out var rows))
            {
                byType[entry.Metadata] = rows = [];
            }

            rows.Add(entry.Entity);
            added.Add(entry);
        }

        foreach (var (entityType, rows) in byType)
        {
            await InsertAsync(context, TableOf(context, entityType.ClrType), rows, cancellationToken);
        }

        foreach (var entry in added)
        {
            entry.State = EntityState.Unchanged;
        }

        return added.Count;
    }

    private static async Task InsertAsync<TRow>(DbContext context, Table table, IReadOnlyList<TRow> rows, CancellationToken cancellationToken)
        where TRow : class
    {

        // Straight on the connection, not through ExecuteSqlRaw: EF checks each added parameter's name against the
        // ones already added (a linear search), which made a few hundred parameters cost more than the insert itself.
        var transaction = context.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("Event rows are written inside the transaction of the changes they belong to.");
        var rowsPerStatement = RowsPerStatement(table);
        for (var start = 0; start < rows.Count; start += rowsPerStatement)
        {
            var count = Math.Min(rowsPerStatement, rows.Count - start);
            await using var command = transaction.Connection!.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = CommandText(table, count, (name, row, column) =>
            {
                var (getter, mapping, nullable) = table.Columns[column];
                command.Parameters.Add(mapping.CreateParameter(command, name, getter.GetClrValue(rows[start + row]), nullable));
            });
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    /// <summary>
    /// The statement <see cref="InsertAsync{TRow}"/> sends for <paramref name="rowCount"/> rows (at most one statement's
    /// worth), so the text each provider is given can be read and approved without a database.
    /// </summary>
    internal static string InsertStatement<TRow>(DbContext context, int rowCount)
        where TRow : class
    {
        var table = TableOf(context, typeof(TRow));
        return CommandText(table, Math.Min(rowCount, RowsPerStatement(table)), static (_, _, _) => { });
    }

    /// <summary>Whether <paramref name="count"/> rows of <typeparamref name="TRow"/> go out in one statement (so they are written whole or not at all).</summary>
    internal static bool FitsOneStatement<TRow>(DbContext context, int count)
        where TRow : class => count <= RowsPerStatement(TableOf(context, typeof(TRow)));

    private static int RowsPerStatement(Table table) => Math.Max(1, ParametersPerStatement / table.Columns.Count);

    /// <summary>
    /// <c>INSERT INTO t (c1, c2) VALUES (@e0, @e1), (@e2, @e3)</c>: a multi-row VALUES list, which SQLite, PostgreSQL
    /// and SQL Server (up to 1,000 rows and 2,100 parameters) all accept; names are handed to
    /// <paramref name="addParameter"/> with their row and column as they are written.
    /// </summary>
    private static string CommandText(Table table, int count, Action<string, int, int> addParameter)
    {
        var sql = new StringBuilder(table.InsertPrefix.Length + (count * table.Columns.Count * 8)).Append(table.InsertPrefix);
        for (var row = 0; row < count; row++)
        {
            sql.Append(row == 0 ? "(" : ", (");
            for (var column = 0; column < table.Columns.Count; column++)
            {
                var name = ParameterName((row * table.Columns.Count) + column);
                addParameter(name, row, column);
                sql.Append(column == 0 ? string.Empty : ", ").Append(name);
            }

            sql.Append(')');
        }

        return sql.ToString();
    }

    private static string ParameterName(int index) =>
        index < ParameterNames.Length ? ParameterNames[index] : string.Create(CultureInfo.InvariantCulture, $"@e{index}");

    private static Table TableOf(DbContext context, Type rowType) =>
        Tables.GetValue(context.Model, _ => new ConcurrentDictionary<Type, Table>())
            .GetOrAdd(rowType, static (rowType, context) => BuildTable(context, rowType), context);

    /// <summary>
    /// Whether <see cref="InsertAddedAsync"/> may write rows of <paramref name="entity"/> itself: exactly the columns of
    /// its CLR properties, as they are, with nothing SaveChanges would add, omit or read back. A Guid key generated on
    /// the client (EF's default for Guid keys) has its value from the moment the row is added.
    /// </summary>
    private static bool IsPlainRow(DbContext context, IEntityType entity) =>
        PlainRows.GetValue(context.Model, _ => new ConcurrentDictionary<IEntityType, bool>())
            .GetOrAdd(entity, static (entity, model) => entity.BaseType is null && !entity.GetDirectlyDerivedTypes().Any() && !entity.HasSharedClrType
                && !entity.IsOwned() && !entity.GetForeignKeys().Any() && !entity.GetNavigations().Any()
                && !entity.GetSkipNavigations().Any() && !entity.GetComplexProperties().Any() && entity.GetViewName() is null
                && entity.GetTableName() is { } table
                && model.GetEntityTypes().Count(t => t.GetTableName() == table && t.GetSchema() == entity.GetSchema()) == 1
                && entity.GetProperties().All(p => !p.IsShadowProperty() && !p.IsConcurrencyToken
                    && p.GetComputedColumnSql() is null && p.GetDefaultValueSql() is null && !p.TryGetDefaultValue(out _)
                    && (p.ValueGenerated == ValueGenerated.Never || (p.IsPrimaryKey() && p.ClrType == typeof(Guid) && p.ValueGenerated == ValueGenerated.OnAdd))),
                context.Model);

    private static Table BuildTable(DbContext context, Type rowType)
    {
        var entity = context.Model.FindEntityType(rowType)
            ?? throw new InvalidOperationException($"{rowType.Name} is not part of {context.GetType().Name}'s model.");
        var store = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        var sql = context.GetService<ISqlGenerationHelper>();
        var properties = entity.GetProperties().ToList();
        var prefix = new StringBuilder("INSERT INTO ").Append(sql.DelimitIdentifier(store.Name, store.Schema)).Append(" (")
            .AppendJoin(", ", properties.Select(p => sql.DelimitIdentifier(p.GetColumnName(store)!)))
            .Append(") VALUES ").ToString();
        var columns = properties.Select(p => (p.GetGetter(), p.GetRelationalTypeMapping(), p.IsNullable)).ToList();
        return new Table(prefix, columns);
    }

    private sealed record Table(string InsertPrefix, List<(IClrPropertyGetter Getter, RelationalTypeMapping Mapping, bool Nullable)> Columns);
}
