using System.Diagnostics;
using System.Diagnostics.Metrics;
using Hangfire.Common;
using Hangfire.Server;
using Hangfire.States;
using Hangfire.Storage;

namespace Nexus.Shared.Scheduling;

/// <summary>
/// Hangfire jobs on the <c>Nexus.Jobs</c> meter: every run with its outcome and duration (a failed run that will be
/// retried counts as failed here), and the jobs that ended in the Failed state — retries used up, now waiting on the
/// dashboard's Failed page for someone to act.
/// </summary>
internal sealed class JobMetricsFilter : JobFilterAttribute, IServerFilter, IApplyStateFilter
{
    public const string MeterName = "Nexus.Jobs";

    private const string StartedKey = "nexus.metrics.started";

    private static readonly Meter Meter = new(MeterName);

    private static readonly Histogram<double> Duration = Meter.CreateHistogram(
        "nexus.jobs.duration",
        "s",
        "How long each job run took; outcome succeeded or failed",
        tags: null,
        new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.01, 0.05, 0.1, 0.5, 1, 5, 10, 30, 60, 300, 900, 3600] });

    private static readonly Counter<long> FailedJobs = Meter.CreateCounter<long>(
        "nexus.jobs.failed", "{job}", "Jobs moved to the Failed state: every retry used, waiting on /admin/jobs");

    public void OnPerforming(PerformingContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Items[StartedKey] = Stopwatch.GetTimestamp();
    }

    public void OnPerformed(PerformedContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Items.TryGetValue(StartedKey, out var value) && value is long started)
        {
            var failed = context.Exception is not null && !context.ExceptionHandled;
            Duration.Record(
                Stopwatch.GetElapsedTime(started).TotalSeconds,
                new KeyValuePair<string, object?>("job", JobName(context.BackgroundJob?.Job)),
                new KeyValuePair<string, object?>("outcome", failed ? "failed" : "succeeded"));
        }
    }

    public void OnStateApplied(ApplyStateContext context, IWriteOnlyTransaction transaction)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.NewState is FailedState)
        {
            FailedJobs.Add(1, new KeyValuePair<string, object?>("job", JobName(context.BackgroundJob?.Job)));
        }
    }

    public void OnStateUnapplied(ApplyStateContext context, IWriteOnlyTransaction transaction)
    {
    }

    // The job's class: a handful per shop (recurring jobs and module jobs), so a bounded label.
    internal static string JobName(Job? job) => job?.Type.Name ?? "unknown";
}
