using System.Reflection;
using Hangfire;
using Hangfire.Common;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Nexus.Shared.Scheduling;

/// <summary>
/// This instance's Hangfire server (registered only when <c>Scheduling:Enabled</c> is true): at start it writes
/// the registered recurring jobs into the storage, then processes enqueued jobs and schedules due recurring and
/// delayed ones; at stop it cancels running jobs' tokens and waits for them to unwind.
/// </summary>
/// <remarks>
/// Everything the server uses — storage, activator, filters, time zones — comes from this host's services, never
/// from Hangfire's process-wide <c>JobStorage.Current</c> or <c>GlobalConfiguration</c>, so several hosts in one
/// process (tests) each run their own server against their own storage.
/// </remarks>
internal sealed partial class JobServerHostedService(
    IServiceProvider services,
    SchedulingSettings settings,
    IEnumerable<RecurringJobDefinition> recurringJobs,
    ILogger<JobServerHostedService> logger) : IHostedService, IDisposable
{
    private static readonly MethodInfo RunAsync = typeof(IRecurringJob).GetMethod(nameof(IRecurringJob.RunAsync))!;
    private BackgroundJobServer? server;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var storage = services.GetRequiredService<JobStorage>();
        if (settings.DatabaseMaintenanceCronTranslatedFrom is { } original)
        {
            LogCronTranslated(logger, SchedulingSettings.DatabaseMaintenanceCronSetting, original, settings.DatabaseMaintenanceCron);
        }

        var manager = services.GetRequiredService<IRecurringJobManager>();
        // Later registrations of an id replace earlier ones (a test or a module may re-schedule a job).
        foreach (var definition in recurringJobs.GroupBy(d => d.Id, StringComparer.Ordinal).Select(g => g.Last()))
        {
            manager.AddOrUpdate(
                definition.Id,
                // The CancellationToken argument is a placeholder: Hangfire passes the server's shutdown token.
                new Job(definition.JobType, RunAsync, CancellationToken.None),
                definition.Cron,
                new RecurringJobOptions
                {
                    TimeZone = TimeZoneInfo.Utc,
                    // An occurrence missed while every instance was down is skipped, not replayed at start-up:
                    // housekeeping runs at its next slot, and a burst right after a deployment helps nobody.
                    MisfireHandling = MisfireHandlingMode.Ignorable,
                });
        }

        server = new BackgroundJobServer(
            new BackgroundJobServerOptions
            {
                WorkerCount = settings.WorkerCount,
                SchedulePollingInterval = settings.PollInterval,
                Activator = services.GetRequiredService<JobActivator>(),
                FilterProvider = services.GetRequiredService<IJobFilterProvider>(),
                TimeZoneResolver = services.GetRequiredService<ITimeZoneResolver>(),
            },
            storage);
        LogStarted(logger, settings.WorkerCount, storage.ToString() ?? storage.GetType().Name);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (server is null)
        {
            return;
        }

        // Cancels the shutdown token running jobs were given, then waits (up to the host's shutdown timeout) for
        // them to return, so a job stops at its next check instead of being abandoned mid-step; an unfinished
        // job is requeued for the next server.
        server.SendStop();
        await server.WaitForShutdownAsync(cancellationToken);
    }

    public void Dispose()
    {
        server?.Dispose();
        server = null;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Job server started with {WorkerCount} worker(s) on {Storage}")]
    private static partial void LogStarted(ILogger logger, int workerCount, string storage);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Setting} '{Original}' is in the old seconds-first format; read as '{Cron}' (UTC). Write it in 5 fields.")]
    private static partial void LogCronTranslated(ILogger logger, string setting, string original, string cron);
}
