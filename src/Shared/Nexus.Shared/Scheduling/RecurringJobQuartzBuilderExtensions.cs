using Quartz;

namespace Nexus.Shared.Scheduling;

/// <summary>
/// How modules add their own jobs: inside the <c>configureJobs</c> callback of
/// <see cref="SchedulingServiceCollectionExtensions.AddNexusScheduling"/>, e.g.
/// <code>
/// services.AddNexusScheduling(configuration, database, quartz =&gt;
/// {
///     quartz.AddRecurringJob&lt;ExpireAbandonedCartsJob&gt;(new JobKey("expire-abandoned-carts", "cart"), "0 */15 * * * ?");
/// });
/// </code>
/// </summary>
/// <remarks>
/// Every job lands in the shared persistent store, so the job key must be stable across releases
/// (a renamed key leaves an orphaned job row behind) and the job class must be resolvable from DI —
/// Quartz registers it scoped, one scope per fire. Mark jobs that must not overlap, also across
/// cluster nodes, with <see cref="DisallowConcurrentExecutionAttribute"/>.
/// </remarks>
public static class RecurringJobQuartzBuilderExtensions
{
    /// <summary>
    /// Adds <typeparamref name="TJob"/> under <paramref name="jobKey"/> with one cron trigger named
    /// <c>{job name}.cron</c> in the same group.
    /// </summary>
    /// <param name="quartz">The scheduler being configured.</param>
    /// <param name="jobKey">Stable identity of the job; use the module name as group.</param>
    /// <param name="cronExpression">Quartz cron syntax, seconds first, e.g. <c>0 30 3 * * ?</c>.</param>
    /// <param name="description">Shown in the back office next to the job.</param>
    /// <exception cref="ArgumentException">The cron expression does not parse.</exception>
    public static IQuartzBuilder AddRecurringJob<TJob>(
        this IQuartzBuilder quartz,
        JobKey jobKey,
        string cronExpression,
        string? description = null)
        where TJob : class, IJob
    {
        ArgumentNullException.ThrowIfNull(quartz);
        ArgumentNullException.ThrowIfNull(jobKey);
        ArgumentException.ThrowIfNullOrWhiteSpace(cronExpression);

        // Fail while the host is being built, naming the job, rather than when Quartz first persists the
        // trigger (a value from configuration is only checked at run time).
        if (!CronExpression.TryParse(cronExpression, out _))
        {
            throw new ArgumentException(
                $"'{cronExpression}' is not a valid Quartz cron expression for job {jobKey} (expected seconds first, e.g. \"0 30 3 * * ?\").",
                nameof(cronExpression));
        }

        quartz.AddJob<TJob>(job =>
        {
            job.WithIdentity(jobKey)
                // Durable so the job stays triggerable ("run now" from the back office) even when its
                // trigger is paused or replaced.
                .StoreDurably();
            if (description is not null)
            {
                job.WithDescription(description);
            }
        });

        quartz.AddTrigger<TJob>(trigger => trigger
            .ForJob(jobKey)
            .WithIdentity($"{jobKey.Name}.cron", jobKey.Group)
            // A run missed while every instance was down is skipped, not replayed at start-up: recurring
            // housekeeping will run at its next slot, and a burst right after a deployment helps nobody.
            .WithCronSchedule(cronExpression, cron => cron.WithMisfireInstruction(CronTriggerMisfireInstruction.DoNothing)));

        return quartz;
    }
}
