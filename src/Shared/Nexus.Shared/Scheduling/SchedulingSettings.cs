using System.Globalization;
using Microsoft.Extensions.Configuration;
using Nexus.Shared.Startup;

namespace Nexus.Shared.Scheduling;

/// <summary>
/// The <c>Scheduling</c> configuration section. Read once at registration time, because what it decides
/// (whether this instance runs a job server, the maintenance job's schedule, the storage file) cannot change
/// while the host runs. Every problem is a <see cref="StartupConfigurationException"/> naming the setting.
/// </summary>
/// <param name="Enabled">
/// <c>Scheduling:Enabled</c>, default true: whether this instance runs a Hangfire server (processes jobs and
/// schedules recurring ones). Off for tools, one-off CLI runs and tests that must not start background work;
/// the dashboard and the job clients keep working either way.
/// </param>
/// <param name="DatabaseMaintenanceCron">
/// <c>Scheduling:DatabaseMaintenanceCron</c>: 5-field cron (UTC) for DatabaseMaintenanceJob.
/// </param>
/// <param name="WorkerCount"><c>Scheduling:WorkerCount</c>: jobs this instance runs at once.</param>
/// <param name="PollInterval">
/// <c>Scheduling:PollInterval</c>: how often an idle worker asks the storage for work and how often the
/// schedulers look for due recurring and delayed jobs.
/// </param>
/// <param name="SqliteFileName">
/// <c>Scheduling:SqliteFileName</c>: Hangfire's own SQLite file in the data folder (embedded default only).
/// </param>
internal sealed record SchedulingSettings(bool Enabled, string DatabaseMaintenanceCron, int WorkerCount, TimeSpan PollInterval, string SqliteFileName)
{
    /// <summary>The configured old seconds-first value that <see cref="DatabaseMaintenanceCron"/> was translated from, if any.</summary>
    public string? DatabaseMaintenanceCronTranslatedFrom { get; init; }

    public const string SectionName = "Scheduling";
    public const string EnabledSetting = SectionName + ":Enabled";
    public const string DatabaseMaintenanceCronSetting = SectionName + ":DatabaseMaintenanceCron";
    public const string WorkerCountSetting = SectionName + ":WorkerCount";
    public const string PollIntervalSetting = SectionName + ":PollInterval";
    public const string SqliteFileNameSetting = SectionName + ":SqliteFileName";

    /// <summary>Every day at 03:30 UTC: the quietest hour for a shop.</summary>
    public const string DefaultDatabaseMaintenanceCron = "30 3 * * *";

    /// <summary>
    /// Two: today's jobs are housekeeping, and the machine's cores are the shop's. Imports can raise it.
    /// Hangfire's own default (5 per core) would put ten idle pollers on a two-core box.
    /// </summary>
    public const int DefaultWorkerCount = 2;

    public const string DefaultSqliteFileName = "hangfire.db";

    /// <summary>
    /// Five seconds: a job started from the back office begins within that, and an idle instance costs two
    /// cheap queries per interval. (Hangfire's storages default to 15 s.)
    /// </summary>
    public static readonly TimeSpan DefaultPollInterval = TimeSpan.FromSeconds(5);

    public static SchedulingSettings From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(SectionName);

        // Parsed by hand rather than with the configuration binder: the binder turns an empty value
        // (e.g. "Scheduling__Enabled=" in a compose file) into false and would silently switch the
        // server off. Empty means "not set" here, and a typo fails start-up instead.
        var enabled = section["Enabled"] switch
        {
            null or "" => true,
            var text when bool.TryParse(text.Trim(), out var value) => value,
            var text => throw new StartupConfigurationException(EnabledSetting, $"must be true or false, not '{text}'"),
        };

        var cron = CronSetting.Parse(DatabaseMaintenanceCronSetting, section["DatabaseMaintenanceCron"], DefaultDatabaseMaintenanceCron, out var translatedFrom);

        var workers = section["WorkerCount"] switch
        {
            null or "" => DefaultWorkerCount,
            var text when int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value is >= 1 and <= 100 => value,
            var text => throw new StartupConfigurationException(WorkerCountSetting, $"must be a whole number from 1 to 100, not '{text}'"),
        };

        var poll = section["PollInterval"] switch
        {
            null or "" => DefaultPollInterval,
            var text when TimeSpan.TryParse(text.Trim(), CultureInfo.InvariantCulture, out var value) && value >= TimeSpan.FromMilliseconds(100) && value <= TimeSpan.FromMinutes(10) => value,
            var text => throw new StartupConfigurationException(PollIntervalSetting, $"must be a time span from 00:00:00.1 to 00:10:00 (e.g. 00:00:05), not '{text}'"),
        };

        var file = section["SqliteFileName"] switch
        {
            null or "" => DefaultSqliteFileName,
            var text when text.Trim() is var name && name.IndexOfAny(Path.GetInvalidFileNameChars()) < 0 && name is not ("." or "..") => name,
            var text => throw new StartupConfigurationException(SqliteFileNameSetting, $"must be a file name in the data folder (no folders), not '{text}'"),
        };

        return new SchedulingSettings(enabled, cron, workers, poll, file) { DatabaseMaintenanceCronTranslatedFrom = translatedFrom };
    }
}
