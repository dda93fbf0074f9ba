using Microsoft.EntityFrameworkCore;
using Nexus.Shared.Persistence;
using Nexus.Testing.Hosting;

namespace Nexus.IntegrationTests.Persistence.SqlServer;

/// <summary>
/// Every module's DbContext on the SQL Server provider, without a server: EF builds the model, the migrations and
/// their SQL from the options alone, and opens a connection only to run something, which these tests never do.
/// The modules are the ones the host registers (learnt once from a host on SQLite), so a new module is covered
/// as soon as it is composed.
/// </summary>
internal static class SqlServerContexts
{
    /// <summary>Never connected to: <c>Server=.</c> is only there because the provider wants a connection string.</summary>
    public const string ConnectionString = "Server=.;Database=nexus;Integrated Security=true;TrustServerCertificate=true";

    private static readonly Lazy<IReadOnlyList<ModuleDatabase>> Registered = new(() =>
    {
        using var host = new NexusHostFactory();
        return host.Service<ModuleDatabaseRegistry>().All.ToList();
    });

    public static IReadOnlyList<ModuleDatabase> Modules => Registered.Value;

    public static DbContext Create(ModuleDatabase module)
    {
        ArgumentNullException.ThrowIfNull(module);
        var builder = (DbContextOptionsBuilder)Activator.CreateInstance(typeof(DbContextOptionsBuilder<>).MakeGenericType(module.ContextType))!;
        PersistenceServiceCollectionExtensions.ConfigureProvider(builder, new DatabaseSettings(DatabaseProvider.SqlServer, ConnectionString), module.Schema);
        return (DbContext)Activator.CreateInstance(module.ContextType, builder.Options)!;
    }
}
