namespace Nexus.Shared.Persistence;

/// <summary>
/// Where a module's tables live: its own schema on PostgreSQL, a <c>schema_</c> table prefix on SQLite
/// (which has no schemas). Both the model and the hand-written migrations ask this one type, so they
/// cannot disagree about names.
/// </summary>
public sealed class ModuleNaming
{
    private const string SqliteProviderName = "Microsoft.EntityFrameworkCore.Sqlite";

    public ModuleNaming(string? activeProvider, string moduleSchema)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(moduleSchema);
        IsSqlite = string.Equals(activeProvider, SqliteProviderName, StringComparison.Ordinal);
        ModuleSchema = moduleSchema;
    }

    public bool IsSqlite { get; }

    public string ModuleSchema { get; }

    /// <summary>The schema to pass to EF (null on SQLite, where the prefix does the job).</summary>
    public string? Schema => IsSqlite ? null : ModuleSchema;

    public string Table(string name) => IsSqlite ? $"{ModuleSchema}_{name}" : name;

    public string PrimaryKey(string table) => $"PK_{Table(table)}";

    public string ForeignKey(string table, string principalTable, string column) =>
        $"FK_{Table(table)}_{Table(principalTable)}_{column}";

    public string Index(string table, params string[] columns) => $"IX_{Table(table)}_{string.Join('_', columns)}";

    public string MigrationsHistoryTable => IsSqlite ? $"{ModuleSchema}___ef_migrations" : "__ef_migrations";
}
