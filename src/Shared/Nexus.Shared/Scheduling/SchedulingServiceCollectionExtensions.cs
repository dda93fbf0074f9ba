using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Nexus.Shared.Persistence;
using Npgsql;
using Quartz;

namespace Nexus.Shared.Scheduling;

/// <summary>
/// Registers the platform's job scheduler: Quartz 4 with its persistent ADO.NET store in the application
/// database, database-backed execution history, the hosted service, and the built-in housekeeping jobs.
/// </summary>
public static class SchedulingServiceCollectionExtensions
{
    /// <summary>
    /// Quartz's scheduler name. It is part of every row's key in the <c>qrtz_</c> tables, so changing it
    /// orphans the stored jobs, triggers and history.
    /// </summary>
    internal const string SchedulerName = "Nexus";

    /// <summary>PostgreSQL schema holding the Quartz tables, apart from the modules' EF tables.</summary>
    internal const string PostgresSchema = "scheduling";

    private const string TablePrefix = "qrtz_";

    /// <summary>
    /// Adds the scheduler unless <c>Scheduling:Enabled</c> is false, in which case nothing at all is
    /// registered (no Quartz services, no hosted service, no <see cref="IJobHistoryReader"/>).
    /// </summary>
    /// <param name="services">The application's services.</param>
    /// <param name="configuration">The root configuration; the <c>Scheduling</c> section is read from it.</param>
    /// <param name="database">The application database; Quartz stores its tables there too.</param>
    /// <param name="configureJobs">
    /// Where modules add their jobs, typically with
    /// <see cref="RecurringJobQuartzBuilderExtensions.AddRecurringJob{TJob}"/>. Runs after the built-in
    /// jobs, on the same scheduler.
    /// </param>
    public static IServiceCollection AddNexusScheduling(
        this IServiceCollection services,
        IConfiguration configuration,
        DatabaseSettings database,
        Action<IQuartzBuilder>? configureJobs = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(database);
        ArgumentException.ThrowIfNullOrWhiteSpace(database.ConnectionString, nameof(database));

        var settings = SchedulingSettings.From(configuration);
        if (!settings.Enabled)
        {
            return services;
        }

        // The jobs (DatabaseMaintenanceJob) and the hosted service need the settings from DI. TryAdd because
        // the persistence registration may already have put the very same settings there.
        services.TryAddSingleton(database);

        services.AddQuartz(quartz =>
        {
            quartz.ConfigureScheduler(scheduler =>
            {
                scheduler.InstanceName = SchedulerName;
                // Quartz's default (Never) leaves a running job's cancellation token untouched on shutdown,
                // so a long ANALYZE would hold up a deployment. This cancels the token and still waits for
                // the job to unwind (WaitForJobsToComplete below).
                scheduler.ShutdownJobInterruption = ShutdownJobInterruption.WhenWaitingForJobs;
            });
            quartz.UsePersistentStore(store => ConfigureStore(store, database));

            quartz.AddRecurringJob<DatabaseMaintenanceJob>(
                SchedulingJobKeys.DatabaseMaintenance,
                settings.DatabaseMaintenanceCron,
                "Refreshes query-planner statistics and compacts the database.");

            configureJobs?.Invoke(quartz);
        });

        // UseExecutionHistory() swaps Quartz's in-memory history for AdoExecutionHistoryStore; these are the
        // bounds its sweeper trims the tables to. The defaults (24 h, 2,000 rows) are too short for a back
        // office that is looked at after a weekend; failures are kept longest because they get investigated.
        services.AddQuartzExecutionHistory(history =>
        {
            history.Retention = TimeSpan.FromDays(7);
            history.RetentionByResult[JobRunResult.Failed] = TimeSpan.FromDays(30);
            history.MaxEntriesPerJob = 500; // failures are exempt, so a chatty job cannot push them out
            history.MaxEntriesPerScheduler = 20_000;
        });

        // Shutdown waits for running jobs after cancelling their token (ShutdownJobInterruption above), so a
        // job stops at its next check and its history row is written, instead of being abandoned mid-step.
        services.AddQuartzHostedService<NexusQuartzHostedService>(hosted => hosted.WaitForJobsToComplete = true);

        services.TryAddSingleton<IJobHistoryReader, QuartzJobHistoryReader>();

        return services;
    }

    private static void ConfigureStore(IPersistentStoreBuilder store, DatabaseSettings database)
    {
        // Create the qrtz_ tables (and the history tables) when missing, so no hand-written migration is
        // needed. Quartz only ever creates: idempotent, never alters or drops, and race-safe across nodes.
        store.ProvisionSchema();
        store.UseExecutionHistory();
        store.UseSystemTextJsonSerializer();

        switch (database.Provider)
        {
            case DatabaseProvider.Sqlite:
                // The factory overloads hand Quartz the driver directly instead of having it load the
                // assembly by name, which also keeps the store trim-safe.
                store.UseSqlite(SqliteFactory.Instance, database.ConnectionString);
                store.ConfigureStore(options => options.TablePrefix = TablePrefix);
                // No clustering: a SQLite file belongs to one host process.
                break;

            case DatabaseProvider.Postgres:
                store.UsePostgres(NpgsqlFactory.Instance, database.ConnectionString);
                // Quartz substitutes the prefix into table names and strips the schema qualifier for index
                // names; NexusQuartzHostedService creates the schema, which Quartz does not.
                store.ConfigureStore(options => options.TablePrefix = $"{PostgresSchema}.{TablePrefix}");
                // Several host instances share the database: row locks in qrtz_locks make each firing run on
                // exactly one node, and a dead node's jobs are recovered by another. Instance ids are generated.
                store.UseClustering();
                break;

            default:
                throw new NotSupportedException($"Scheduling does not support the {database.Provider} database provider.");
        }
    }
}
