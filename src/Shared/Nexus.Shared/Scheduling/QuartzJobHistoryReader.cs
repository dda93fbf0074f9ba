using Quartz;
using Quartz.Extensibility;

namespace Nexus.Shared.Scheduling;

/// <summary>
/// <see cref="IJobHistoryReader"/> over Quartz's <see cref="IExecutionHistoryStore"/>. With
/// <c>UseExecutionHistory()</c> on the persistent store that is the database-backed
/// <c>AdoExecutionHistoryStore</c>, so every node reads the whole cluster's history.
/// </summary>
internal sealed class QuartzJobHistoryReader(IExecutionHistoryStore historyStore) : IJobHistoryReader
{
    // A page for a screen, not an export: keeps one careless caller from reading the whole table.
    private const int MaxPageSize = 1000;

    public async Task<IReadOnlyList<JobExecutionRecord>> GetRecentExecutionsAsync(
        int maxCount = 50,
        string? jobFilter = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxCount);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxCount, MaxPageSize);

        var query = new ExecutionHistoryQuery
        {
            // The store keeps every scheduler's rows in one table; the name is what scopes them.
            SchedulerName = SchedulingServiceCollectionExtensions.SchedulerName,
            JobContains = string.IsNullOrWhiteSpace(jobFilter) ? null : jobFilter.Trim(),
            Take = maxCount,
        };

        var page = await historyStore.QueryExecutions(query, cancellationToken);
        return page.Items.Select(ToRecord).ToList();
    }

    private static JobExecutionRecord ToRecord(ExecutionHistoryEntry entry) => new(
        entry.JobGroup,
        entry.JobName,
        entry.TriggerName,
        entry.FiredAtUtc,
        entry.FiredAtUtc + entry.Duration,
        entry.Duration,
        // Quartz's own verdict: false for a job that threw and for one cancelled (shutdown, timeout).
        entry.Succeeded,
        // A cancelled run (shutdown, timeout) has no exception message; say why it did not succeed.
        entry.ExceptionMessage
            ?? (entry.EffectiveResult == JobRunResult.Cancelled ? "Cancelled before it completed (shutdown or timeout)." : null),
        entry.Manual,
        entry.SchedulerInstanceId);
}
