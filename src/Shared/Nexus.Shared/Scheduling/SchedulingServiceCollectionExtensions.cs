using Hangfire;
using Hangfire.AspNetCore;
using Hangfire.Common;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Nexus.Shared.Abstractions.Security;
using Nexus.Shared.BackOffice;
using Nexus.Shared.Persistence;
using Nexus.Shared.Startup;

namespace Nexus.Shared.Scheduling;

/// <summary>
/// Registers the platform's jobs: Hangfire with a storage per database provider (its own SQLite file on the
/// embedded default, a <c>hangfire</c> schema in the shop's PostgreSQL or SQL Server database), its clients
/// (<see cref="IBackgroundJobClient"/>, <see cref="IRecurringJobManager"/>), the dashboard's back-office section,
/// the built-in housekeeping job and — unless <c>Scheduling:Enabled</c> is false — this instance's job server.
/// </summary>
/// <remarks>
/// Hangfire's <c>AddHangfire</c> is deliberately not used: it configures the process-wide
/// <c>GlobalConfiguration</c> (storage, activator, log provider) on first use, so two hosts in one process would
/// share them. Each host here gets its own storage instance, activator and filters; nothing reads
/// <c>JobStorage.Current</c>.
/// </remarks>
public static class SchedulingServiceCollectionExtensions
{
    /// <summary>Adds jobs, their storage and clients, and the job server when enabled.</summary>
    /// <param name="services">The application's services.</param>
    /// <param name="configuration">The root configuration; the <c>Scheduling</c> section is read from it.</param>
    /// <param name="database">The shop database; the storage follows its provider.</param>
    /// <param name="dataPath">The data folder; Hangfire's SQLite file lives there.</param>
    /// <exception cref="StartupConfigurationException">A <c>Scheduling:*</c> setting is invalid.</exception>
    public static IServiceCollection AddNexusScheduling(
        this IServiceCollection services,
        IConfiguration configuration,
        DatabaseSettings database,
        string dataPath)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(database);
        ArgumentException.ThrowIfNullOrWhiteSpace(database.ConnectionString, nameof(database));
        ArgumentException.ThrowIfNullOrWhiteSpace(dataPath);

        var settings = SchedulingSettings.From(configuration);
        var sqliteFile = Path.GetFullPath(Path.Combine(dataPath, settings.SqliteFileName));
        if (database.Provider == DatabaseProvider.Sqlite && IsShopDatabase(sqliteFile, database))
        {
            throw new StartupConfigurationException(
                SchedulingSettings.SqliteFileNameSetting,
                $"'{settings.SqliteFileName}' is the shop's own database file; jobs need a file of their own (default {SchedulingSettings.DefaultSqliteFileName})");
        }

        services.TryAddSingleton(database);
        services.AddSingleton(settings);

        // Created on first use and disposed with the host (the SQLite storage holds pooled connections).
        services.AddSingleton<JobStorage>(_ => JobStorageFactory.Create(settings, database, sqliteFile));
        services.AddSingleton<JobActivator>(sp => new AspNetCoreJobActivator(sp.GetRequiredService<IServiceScopeFactory>()));
        services.AddSingleton<ITimeZoneResolver, DefaultTimeZoneResolver>();
        services.AddSingleton<IJobFilterProvider>(_ => CreateFilters());
        services.AddSingleton<IBackgroundJobClient>(sp => new BackgroundJobClient(sp.GetRequiredService<JobStorage>(), sp.GetRequiredService<IJobFilterProvider>()));
        services.AddSingleton(sp => new RecurringJobManager(sp.GetRequiredService<JobStorage>(), sp.GetRequiredService<IJobFilterProvider>(), sp.GetRequiredService<ITimeZoneResolver>()));
        services.AddSingleton<IRecurringJobManager>(sp => sp.GetRequiredService<RecurringJobManager>());
        services.AddSingleton<IRecurringJobManagerV2>(sp => sp.GetRequiredService<RecurringJobManager>());
        services.AddSingleton(new BackOfficeSection("Jobs", JobsDashboard.Path, "Recurring, scheduled and failed background jobs", NexusPolicies.BackOffice, Order: 850));

        services.AddRecurringJob<DatabaseMaintenanceJob>(RecurringJobIds.DatabaseMaintenance, settings.DatabaseMaintenanceCron);

        services.AddHostedService<HangfireLogAttachment>();
        if (settings.Enabled)
        {
            services.AddHostedService<JobServerHostedService>();
        }

        return services;
    }

    // Hangfire's global defaults, as this host's own collection rather than the process-wide GlobalJobFilters.
    // Attributes on a job class (e.g. [AutomaticRetry(Attempts = 3)]) override these.
    private static JobFilterProviderCollection CreateFilters()
    {
        var filters = new JobFilterCollection
        {
            new CaptureCultureAttribute(),
            // Ten attempts with Hangfire's growing delays (seconds to hours); then the job is Failed and stays on
            // the dashboard's Failed page until someone retries or deletes it.
            new AutomaticRetryAttribute(),
            new StatisticsHistoryAttribute(),
            new ContinuationsSupportAttribute(),
            // Runs, durations and jobs that ended Failed, for /metrics (docs/decisions/0029).
            new JobMetricsFilter(),
        };
        return new JobFilterProviderCollection(filters, new JobFilterAttributeFilterProvider());
    }

    private static bool IsShopDatabase(string sqliteFile, DatabaseSettings database)
    {
        var shopFile = new SqliteConnectionStringBuilder(database.ConnectionString).DataSource;
        return !string.IsNullOrEmpty(shopFile)
            && shopFile != ":memory:"
            && string.Equals(Path.GetFullPath(shopFile), sqliteFile, StringComparison.Ordinal);
    }
}
