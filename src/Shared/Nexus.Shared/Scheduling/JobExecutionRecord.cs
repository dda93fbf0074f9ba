namespace Nexus.Shared.Scheduling;

/// <summary>
/// One finished job execution, as recorded in the database-backed history. Carries no Quartz types so the
/// back office does not depend on the scheduler library.
/// </summary>
/// <param name="JobGroup">Group of the job key (module name, or <c>housekeeping</c>).</param>
/// <param name="JobName">Name of the job key.</param>
/// <param name="TriggerName">The trigger that fired it; a generated name for manual runs.</param>
/// <param name="FiredAt">When the execution started (UTC).</param>
/// <param name="FinishedAt">When it ended (UTC): <paramref name="FiredAt"/> + <paramref name="Duration"/>.</param>
/// <param name="Duration">How long the job ran.</param>
/// <param name="Succeeded">False when the job threw or was cancelled.</param>
/// <param name="ErrorMessage">The job's exception message, or <see langword="null"/>.</param>
/// <param name="TriggeredManually">True for "run now" executions rather than scheduled ones.</param>
/// <param name="InstanceId">The cluster node that ran it.</param>
public sealed record JobExecutionRecord(
    string JobGroup,
    string JobName,
    string TriggerName,
    DateTimeOffset FiredAt,
    DateTimeOffset FinishedAt,
    TimeSpan Duration,
    bool Succeeded,
    string? ErrorMessage,
    bool TriggeredManually,
    string InstanceId);
