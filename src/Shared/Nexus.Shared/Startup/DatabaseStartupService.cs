using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Nexus.Shared.Health;
using Nexus.Shared.Persistence;

namespace Nexus.Shared.Startup;

/// <summary>
/// First hosted service to start: proves the database is reachable, migrates every enabled module, seeds
/// demo data when asked, then marks the instance ready. A failure stops the host before it listens.
/// </summary>
internal sealed class DatabaseStartupService : IHostedService
{
    private readonly DatabaseSettings database;
    private readonly DatabaseMigrator migrator;
    private readonly StartupReadiness readiness;
    private readonly IOptions<NexusOptions> options;

    public DatabaseStartupService(DatabaseSettings database, DatabaseMigrator migrator, StartupReadiness readiness, IOptions<NexusOptions> options)
    {
        this.database = database;
        this.migrator = migrator;
        this.readiness = readiness;
        this.options = options;
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await DatabaseReachability.EnsureReachableAsync(database, cancellationToken);
        await migrator.MigrateAsync(cancellationToken);
        if (options.Value.SeedDemoData)
        {
            await migrator.SeedAsync(cancellationToken);
        }

        readiness.MarkReady();
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
