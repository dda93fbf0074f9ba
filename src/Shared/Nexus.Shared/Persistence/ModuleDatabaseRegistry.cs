namespace Nexus.Shared.Persistence;

/// <summary>Every module database registered in this process, in registration order.</summary>
public sealed class ModuleDatabaseRegistry
{
    private readonly IReadOnlyList<ModuleDatabase> databases;

    public ModuleDatabaseRegistry(IEnumerable<ModuleDatabase> databases) => this.databases = databases.ToList();

    public IReadOnlyList<ModuleDatabase> All => databases;

    /// <summary>The database owning a request type, by namespace (Nexus.Modules.Catalog.* and its Contracts).</summary>
    public ModuleDatabase? ForRequest(Type requestType)
    {
        ArgumentNullException.ThrowIfNull(requestType);
        var ns = requestType.Namespace ?? string.Empty;
        foreach (var database in databases)
        {
            if (ns.Equals(database.ModuleNamespace, StringComparison.Ordinal)
                || ns.StartsWith(database.ModuleNamespace + ".", StringComparison.Ordinal))
            {
                return database;
            }
        }

        return null;
    }
}
