namespace Nexus.Shared.Scheduling;

/// <summary>
/// One recurring job an instance with a job server (re)registers in the storage at start-up: its stable id, the
/// class that runs it and its 5-field cron (UTC). Several definitions with one id: the last registration wins.
/// </summary>
public sealed record RecurringJobDefinition(string Id, Type JobType, string Cron);
