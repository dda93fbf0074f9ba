namespace Nexus.Shared.Scheduling;

/// <summary>
/// Reads the job execution history the scheduler keeps in the application database, shared by every
/// cluster node and kept across restarts (7 days, failures 30 days).
/// </summary>
/// <remarks>
/// Registered only when <c>Scheduling:Enabled</c> is true; consumers that must work without the
/// scheduler should resolve it with <c>GetService</c>.
/// </remarks>
public interface IJobHistoryReader
{
    /// <summary>Returns the most recent executions, newest first.</summary>
    /// <param name="maxCount">How many to return at most (1-1000).</param>
    /// <param name="jobFilter">
    /// Optional case-insensitive filter matched against the job's group, name or <c>group.name</c>.
    /// </param>
    /// <param name="cancellationToken">Cancels the database query.</param>
    Task<IReadOnlyList<JobExecutionRecord>> GetRecentExecutionsAsync(
        int maxCount = 50,
        string? jobFilter = null,
        CancellationToken cancellationToken = default);
}
