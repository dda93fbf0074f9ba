using System.Data.Common;
using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Nexus.Modules.Catalog.Data;

/// <summary>
/// Inserts new rows of the catalog's model (products, variants, tags, inventory adjustments, search rows, outbox rows)
/// with multi-row <c>INSERT</c> statements on the context's connection, bypassing the change tracker. The import's
/// creates go through here: tracking 50,000 products with their variants, tags and search rows, and <c>SaveChanges</c>
/// refreshing search rows per batch, was where the import spent its time (docs/benchmarks.md, catalog import).
/// Statements are built from the EF model — the same table, columns and type mappings (value converters included)
/// SaveChanges uses — so the rows are the same on SQLite, PostgreSQL and SQL Server; columns the database fills itself
/// (an integer key, a computed column) are left out. One command per statement shape is kept for the writer's life,
/// so SQLite prepares each shape once.
/// </summary>
/// <remarks>
/// Two ways to write (decision 0017):
/// <list type="bullet">
/// <item><see cref="Direct"/>: into the tables, inside the context's current transaction.</item>
/// <item><see cref="StagingAsync"/> (SQLite): into temporary copies of the tables on the context's (open) connection,
/// each batch in a transaction of the temporary database only, so the main database's single writer lock is not held
/// while the rows are prepared; <see cref="PublishStagedAsync"/> then copies every staged row into the tables with one
/// <c>INSERT … SELECT</c> per table inside the caller's (short) write transaction.</item>
/// </list>
/// What this bypasses is the caller's to do: the search rows (<see cref="CatalogSearchIndex.Document"/>), the version
/// bump (new rows start at their version) and the cache signal (<c>CatalogChangeSignal.SignalAfterCommitAsync</c>).
/// </remarks>
internal sealed class CatalogRowWriter : IAsyncDisposable
{
    private const string StagePrefix = "import_stage_";

    private static readonly string[] ParameterNames = Enumerable.Range(0, 1000)
        .Select(i => string.Create(CultureInfo.InvariantCulture, $"@r{i}")).ToArray();

    private readonly DbContext context;
    private readonly DbConnection connection;
    private readonly bool staging;
    private readonly int parametersPerStatement;
    private readonly Dictionary<(Type Row, int Count), DbCommand> commands = [];
    private readonly Dictionary<Type, Table> tables = [];
    private readonly List<Type> staged = [];
    private DbTransaction? stagingBatch;

    private CatalogRowWriter(DbContext context, bool staging)
    {
        this.context = context;
        this.staging = staging;
        connection = context.Database.GetDbConnection();
        // SQLite runs in this process: a statement costs no round trip, and Microsoft.Data.Sqlite binds each parameter by
        // name with a linear search over the statement's names, so one row per (prepared, reused) statement is cheapest
        // — at three rows of products per statement that search was a fifth of the import's CPU. The server databases
        // pay a round trip per statement, so they get many rows per statement.
        parametersPerStatement = context.Database.IsSqlite() ? 1 : 1000;
    }

    /// <summary>Writes into the tables, inside <paramref name="context"/>'s current transaction.</summary>
    public static CatalogRowWriter Direct(DbContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        _ = context.Database.CurrentTransaction ?? throw new InvalidOperationException("Catalog rows are written in bulk only inside a transaction of the caller's.");
        return new CatalogRowWriter(context, staging: false);
    }

    /// <summary>
    /// SQLite: stages rows of <paramref name="rowTypes"/> (in the order they will be published: parents first) in
    /// temporary tables on <paramref name="context"/>'s connection, which the caller keeps open until the writer is
    /// disposed.
    /// </summary>
    public static async Task<CatalogRowWriter> StagingAsync(DbContext context, IReadOnlyList<Type> rowTypes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(rowTypes);
        if (!context.Database.IsSqlite())
        {
            throw new InvalidOperationException("Staging in temporary tables is for SQLite's single writer; other databases write directly.");
        }

        var writer = new CatalogRowWriter(context, staging: true);
        foreach (var rowType in rowTypes)
        {
            var table = writer.TableOf(rowType);
            // A pooled SQLite handle keeps temporary tables: one left by an import that was cut short goes first.
            await writer.ExecuteAsync($"DROP TABLE IF EXISTS temp.{table.Staged}; CREATE TEMP TABLE {table.Staged} AS SELECT {table.ColumnList} FROM {table.Name} WHERE 0", cancellationToken);
            writer.staged.Add(rowType);
        }

        return writer;
    }

    /// <summary>Rows written so far (all tables), for the caller's diagnostics.</summary>
    public long RowsWritten { get; private set; }

    public async Task InsertAsync<TRow>(IReadOnlyList<TRow> rows, CancellationToken cancellationToken)
        where TRow : class
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Count == 0)
        {
            return;
        }

        var table = TableOf(typeof(TRow));
        var perStatement = Math.Max(1, parametersPerStatement / table.Columns.Count);
        for (var start = 0; start < rows.Count; start += perStatement)
        {
            var count = Math.Min(perStatement, rows.Count - start);
            var command = CommandFor(typeof(TRow), table, count);
            command.Transaction = Transaction();
            command.Parameters.Clear();
            for (var row = 0; row < count; row++)
            {
                var entity = rows[start + row];
                for (var column = 0; column < table.Columns.Count; column++)
                {
                    var (getter, mapping, nullable) = table.Columns[column];
                    command.Parameters.Add(mapping.CreateParameter(command, ParameterName((row * table.Columns.Count) + column), getter.GetClrValue(entity), nullable));
                }
            }

            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        RowsWritten += rows.Count;
    }

    /// <summary>Staging: commits the rows staged since the last call (the temporary database's transaction). Direct: nothing.</summary>
    public async Task EndBatchAsync(CancellationToken cancellationToken)
    {
        if (stagingBatch is not null)
        {
            await stagingBatch.CommitAsync(cancellationToken);
            await stagingBatch.DisposeAsync();
            stagingBatch = null;
        }
    }

    /// <summary>
    /// Staging: copies every staged row into its table, parents first, inside the context's current transaction (the
    /// caller's write transaction: all of them commit together or none), and empties the staging tables.
    /// </summary>
    public async Task PublishStagedAsync(CancellationToken cancellationToken)
    {
        if (!staging)
        {
            return;
        }

        await EndBatchAsync(cancellationToken);
        _ = context.Database.CurrentTransaction ?? throw new InvalidOperationException("Staged rows are published inside the caller's write transaction.");
        foreach (var rowType in staged)
        {
            var table = TableOf(rowType);
            await ExecuteAsync($"INSERT INTO {table.Name} ({table.ColumnList}) SELECT {table.ColumnList} FROM temp.{table.Staged}", cancellationToken);
            await ExecuteAsync($"DELETE FROM temp.{table.Staged}", cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var command in commands.Values)
        {
            await command.DisposeAsync();
        }

        commands.Clear();
        if (stagingBatch is not null)
        {
            await stagingBatch.DisposeAsync(); // rolled back: the import did not get as far as publishing
            stagingBatch = null;
        }

        if (staging && connection.State == System.Data.ConnectionState.Open)
        {
            foreach (var rowType in staged)
            {
                await ExecuteAsync($"DROP TABLE IF EXISTS temp.{TableOf(rowType).Staged}", CancellationToken.None);
            }
        }
    }

    /// <summary>
    /// The transaction a statement runs in: the context's (direct, or publishing), or — staging — a deferred one of
    /// this writer's that writes only the temporary database, so SQLite never takes the main database's writer lock for it.
    /// </summary>
    private DbTransaction Transaction()
    {
        if (context.Database.CurrentTransaction?.GetDbTransaction() is { } current)
        {
            return current;
        }

        if (!staging)
        {
            throw new InvalidOperationException("Catalog rows are written in bulk only inside a transaction of the caller's.");
        }

        if (stagingBatch is null)
        {
            // Straight on the SQLite connection, past EF's interceptors: the writer gate queues main-database writers,
            // and this transaction is not one (deferred, and it touches only temporary tables).
            stagingBatch = ((SqliteConnection)connection).BeginTransaction(deferred: true);
        }

        return stagingBatch;
    }

    private async Task ExecuteAsync(string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = stagingBatch ?? context.Database.CurrentTransaction?.GetDbTransaction();
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private DbCommand CommandFor(Type rowType, Table table, int count)
    {
        if (!commands.TryGetValue((rowType, count), out var command))
        {
            command = connection.CreateCommand();
            var sql = new StringBuilder(staging ? table.StagedInsertPrefix : table.InsertPrefix);
            for (var row = 0; row < count; row++)
            {
                sql.Append(row == 0 ? "(" : ", (");
                for (var column = 0; column < table.Columns.Count; column++)
                {
                    sql.Append(column == 0 ? string.Empty : ", ").Append(ParameterName((row * table.Columns.Count) + column));
                }

                sql.Append(')');
            }

            command.CommandText = sql.ToString();
            commands[(rowType, count)] = command;
        }

        return command;
    }

    private static string ParameterName(int index) =>
        index < ParameterNames.Length ? ParameterNames[index] : string.Create(CultureInfo.InvariantCulture, $"@r{index}");

    private Table TableOf(Type rowType)
    {
        if (tables.TryGetValue(rowType, out var table))
        {
            return table;
        }

        var entity = context.Model.FindEntityType(rowType)
            ?? throw new InvalidOperationException($"{rowType.Name} is not part of {context.GetType().Name}'s model.");
        var store = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        var sql = context.GetService<ISqlGenerationHelper>();
        // Left out: what the database makes itself (an integer identity key, a computed column) and shadow columns.
        var properties = entity.GetProperties()
            .Where(p => !p.IsShadowProperty() && p.GetComputedColumnSql() is null
                && !(p.IsPrimaryKey() && p.ValueGenerated != ValueGenerated.Never && p.ClrType != typeof(Guid)))
            .ToList();
        var name = sql.DelimitIdentifier(store.Name, store.Schema);
        var staged = sql.DelimitIdentifier(StagePrefix + store.Name);
        var columnList = string.Join(", ", properties.Select(p => sql.DelimitIdentifier(p.GetColumnName(store)!)));
        table = new Table(
            name,
            staged,
            columnList,
            $"INSERT INTO {name} ({columnList}) VALUES ",
            $"INSERT INTO temp.{staged} ({columnList}) VALUES ",
            properties.Select(p => (p.GetGetter(), p.GetRelationalTypeMapping(), p.IsNullable)).ToList());
        tables[rowType] = table;
        return table;
    }

    private sealed record Table(
        string Name,
        string Staged,
        string ColumnList,
        string InsertPrefix,
        string StagedInsertPrefix,
        List<(IClrPropertyGetter Getter, RelationalTypeMapping Mapping, bool Nullable)> Columns);
}
