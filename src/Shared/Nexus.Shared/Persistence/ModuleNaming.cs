namespace Nexus.Shared.Persistence;

/// <summary>
/// Where a module's tables live: its own schema on PostgreSQL and SQL Server, a <c>schema_</c> table prefix on
/// SQLite (which has no schemas). Both the model and the hand-written migrations ask this one type, so they
/// cannot disagree about names.
/// </summary>
public sealed class ModuleNaming
{
    public const string SqliteProviderName = "Microsoft.EntityFrameworkCore.Sqlite";
    public const string PostgresProviderName = "Npgsql.EntityFrameworkCore.PostgreSQL";
    public const string SqlServerProviderName = "Microsoft.EntityFrameworkCore.SqlServer";

    public ModuleNaming(string? activeProvider, string moduleSchema)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(moduleSchema);
        IsSqlite = string.Equals(activeProvider, SqliteProviderName, StringComparison.Ordinal);
        IsSqlServer = string.Equals(activeProvider, SqlServerProviderName, StringComparison.Ordinal);
        ModuleSchema = moduleSchema;
    }

    public bool IsSqlite { get; }

    public bool IsSqlServer { get; }

    public string ModuleSchema { get; }

    /// <summary>The schema to pass to EF (null on SQLite, where the prefix does the job).</summary>
    public string? Schema => IsSqlite ? null : ModuleSchema;

    public string Table(string name) => IsSqlite ? $"{ModuleSchema}_{name}" : name;

    public string PrimaryKey(string table) => $"PK_{Table(table)}";

    public string ForeignKey(string table, string principalTable, string column) =>
        $"FK_{Table(table)}_{Table(principalTable)}_{column}";

    public string Index(string table, params string[] columns) => $"IX_{Table(table)}_{string.Join('_', columns)}";

    /// <summary>
    /// The <c>filter:</c> every unique index in a migration passes, naming its columns that can be null (none for most).
    /// SQL Server counts NULLs as equal in a unique index (one row without a value at most), SQLite and PostgreSQL do
    /// not, so EF's SQL Server provider filters such an index to rows with those columns set, in the model; the
    /// migration must say the same. And a unique index given no filter at all is filtered on every one of its columns
    /// by the SQL Server migrations generator when, as with hand-written migrations, it has no target model (its
    /// pre-EF 2.0 behaviour), so an index over not-null columns passes an empty filter there: no WHERE clause.
    /// Null (no filter) on the other providers.
    /// </summary>
    public string? UniqueFilter(params string[] nullableColumns) =>
        IsSqlServer ? string.Join(" AND ", nullableColumns.Select(c => $"[{c}] IS NOT NULL")) : null;

    public string MigrationsHistoryTable => IsSqlite ? $"{ModuleSchema}___ef_migrations" : "__ef_migrations";
}
