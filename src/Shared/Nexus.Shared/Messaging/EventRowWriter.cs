using System.Collections.Concurrent;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using Microsoft.EntityFrameworkCore;
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

    public static async Task InsertAsync<TRow>(DbContext context, IReadOnlyList<TRow> rows, CancellationToken cancellationToken)
        where TRow : class
    {
        if (rows.Count == 0)
        {
            return;
        }

        // Straight on the connection, not through ExecuteSqlRaw: EF checks each added parameter's name against the
        // ones already added (a linear search), which made a few hundred parameters cost more than the insert itself.
        var transaction = context.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("Event rows are written inside the transaction of the changes they belong to.");
        var table = TableOf<TRow>(context);
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
        var table = TableOf<TRow>(context);
        return CommandText(table, Math.Min(rowCount, RowsPerStatement(table)), static (_, _, _) => { });
    }

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

    private static Table TableOf<TRow>(DbContext context) =>
        Tables.GetValue(context.Model, _ => new ConcurrentDictionary<Type, Table>())
            .GetOrAdd(typeof(TRow), static (_, context) => BuildTable<TRow>(context), context);

    private static Table BuildTable<TRow>(DbContext context)
    {
        var entity = context.Model.FindEntityType(typeof(TRow))
            ?? throw new InvalidOperationException($"{typeof(TRow).Name} is not part of {context.GetType().Name}'s model.");
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
