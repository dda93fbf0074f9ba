using Quartz;

namespace Nexus.Shared.Scheduling;

/// <summary>
/// Keys of the jobs this building block schedules itself. Public so the back office can offer
/// "run now" (<c>IScheduler.TriggerJob</c>) and filter the history without repeating strings.
/// </summary>
public static class SchedulingJobKeys
{
    /// <summary>The group for platform housekeeping; modules use their own module name as group.</summary>
    public const string HousekeepingGroup = "housekeeping";

    /// <summary>Refreshes planner statistics and compacts the database (see DatabaseMaintenanceJob).</summary>
    public static JobKey DatabaseMaintenance { get; } = new("database-maintenance", HousekeepingGroup);
}
