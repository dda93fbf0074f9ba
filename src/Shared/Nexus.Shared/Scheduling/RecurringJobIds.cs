namespace Nexus.Shared.Scheduling;

/// <summary>
/// Ids of the recurring jobs this building block schedules itself. They are the jobs' keys in the storage (and in
/// the dashboard's URLs), so they must stay stable across releases. Modules prefix theirs with the module name,
/// e.g. <c>ordering.expire-abandoned-carts</c>.
/// </summary>
public static class RecurringJobIds
{
    /// <summary>Refreshes planner statistics and compacts the database (see DatabaseMaintenanceJob).</summary>
    public const string DatabaseMaintenance = "database-maintenance";
}
