using Microsoft.Extensions.Configuration;

namespace Nexus.Shared.Scheduling;

/// <summary>
/// The <c>Scheduling</c> configuration section. Read once at registration time, because what it decides
/// (whether Quartz is registered at all, and the maintenance trigger's schedule) cannot change while the
/// host runs.
/// </summary>
/// <param name="Enabled">
/// <c>Scheduling:Enabled</c>, default true. Off for tools, one-off CLI runs and tests that must not start
/// background work on a shared database.
/// </param>
/// <param name="DatabaseMaintenanceCron">
/// <c>Scheduling:DatabaseMaintenanceCron</c>: Quartz cron (seconds first) for DatabaseMaintenanceJob.
/// </param>
internal sealed record SchedulingSettings(bool Enabled, string DatabaseMaintenanceCron)
{
    public const string SectionName = "Scheduling";

    /// <summary>Every day at 03:30 (scheduler time zone): the quietest hour for a shop.</summary>
    public const string DefaultDatabaseMaintenanceCron = "0 30 3 * * ?";

    public static SchedulingSettings From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(SectionName);

        // Parsed by hand rather than with the configuration binder: the binder turns an empty value
        // (e.g. "Scheduling__Enabled=" in a compose file) into false and would silently switch the
        // scheduler off. Empty means "not set" here, and a typo fails start-up instead.
        var enabled = section["Enabled"] switch
        {
            null or "" => true,
            var text when bool.TryParse(text.Trim(), out var value) => value,
            var text => throw new InvalidOperationException($"{SectionName}:Enabled must be true or false, not '{text}'."),
        };

        var cron = section["DatabaseMaintenanceCron"];
        return new SchedulingSettings(
            enabled,
            string.IsNullOrWhiteSpace(cron) ? DefaultDatabaseMaintenanceCron : cron.Trim());
    }
}
