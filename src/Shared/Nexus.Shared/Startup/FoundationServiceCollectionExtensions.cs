using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Nexus.Shared.Application;
using Nexus.Shared.Health;
using Nexus.Shared.Messaging;
using Nexus.Shared.Persistence;
using Nexus.Shared.Web;

namespace Nexus.Shared.Startup;

public static class FoundationServiceCollectionExtensions
{
    /// <summary>
    /// What every Nexus process needs before its modules: validated settings, the database choice, the
    /// start-up migration, MediatR with its behaviours, health and web defaults. Throws
    /// <see cref="StartupConfigurationException"/> for bad configuration.
    /// </summary>
    public static DatabaseSettings AddNexusFoundation(this IServiceCollection services, IConfiguration configuration, string dataPath)
    {
        var database = DatabaseSettingsResolver.Resolve(configuration, dataPath);
        services.AddSingleton(database);
        services.AddOptions<NexusOptions>()
            .Bind(configuration.GetSection(NexusOptions.Section))
            .PostConfigure(o => o.DataPath = dataPath)
            .ValidateDataAnnotations()
            .ValidateOnStart();

        // Registered before anything else so it is the first hosted service to start.
        services.AddHostedService<DatabaseStartupService>();
        services.AddSingleton<ModuleDatabaseRegistry>();
        services.AddSingleton<DatabaseMigrator>();
        services.AddNexusApplication();
        services.AddNexusHealth(configuration);
        services.AddNexusWeb();
        // After the database start-up service: consumers and relay start once the outboxes and inboxes exist.
        services.AddNexusMessaging(configuration);
        return database;
    }
}
