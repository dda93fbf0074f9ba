using Microsoft.Extensions.Configuration;
using Nexus.Shared.Scheduling;
using Nexus.Shared.Startup;

namespace Nexus.UnitTests.Shared;

/// <summary>The Scheduling section: 5-field cron, old seconds-first values translated only when unambiguous, bad values named.</summary>
internal sealed class SchedulingSettingsTests
{
    private static SchedulingSettings From(params (string Key, string? Value)[] values) =>
        SchedulingSettings.From(new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>("Scheduling:" + v.Key, v.Value))).Build());

    [Test]
    public void Defaults_are_light_and_run_maintenance_at_half_past_three_utc()
    {
        var settings = From();
        settings.Enabled.Should().BeTrue();
        settings.DatabaseMaintenanceCron.Should().Be("30 3 * * *");
        settings.DatabaseMaintenanceCronTranslatedFrom.Should().BeNull();
        settings.WorkerCount.Should().Be(2);
        settings.PollInterval.Should().Be(TimeSpan.FromSeconds(5));
        settings.SqliteFileName.Should().Be("hangfire.db");
    }

    [TestCase("15 4 * * 1-5", "15 4 * * 1-5")]
    [TestCase("  */10   *  * * *  ", "*/10 * * * *")]
    [TestCase("0 0 L * *", "0 0 L * *")]
    public void A_five_field_cron_is_taken_as_written(string value, string expected)
    {
        var settings = From(("DatabaseMaintenanceCron", value));
        settings.DatabaseMaintenanceCron.Should().Be(expected);
        settings.DatabaseMaintenanceCronTranslatedFrom.Should().BeNull();
    }

    [TestCase("0 30 3 * * ?", "30 3 * * *")]
    [TestCase("0 0 2 ? * MON-FRI", "0 2 * * MON-FRI")]
    [TestCase("0 15 1 ? * FRI#2 *", "15 1 * * FRI#2")]
    [TestCase("0 0/30 * * * ?", "0/30 * * * *")]
    public void An_old_seconds_first_cron_is_translated_when_its_meaning_is_kept(string value, string expected)
    {
        var settings = From(("DatabaseMaintenanceCron", value));
        settings.DatabaseMaintenanceCron.Should().Be(expected);
        settings.DatabaseMaintenanceCronTranslatedFrom.Should().Be(value);
    }

    [TestCase("0 0 3 ? * 2", "old seconds-first format")] // 2 was Monday there, Tuesday in Hangfire
    [TestCase("30 0 3 * * ?", "old seconds-first format")] // a seconds value Hangfire's minute schedule cannot keep
    [TestCase("0 0 3 * * ? 2027", "old seconds-first format")]
    [TestCase("61 3 * * *", "is not a valid cron expression")]
    [TestCase("daily", "is not a valid cron expression")]
    public void Anything_else_is_refused_naming_the_setting_and_the_format(string value, string problem)
    {
        var act = () => From(("DatabaseMaintenanceCron", value));
        act.Should().Throw<StartupConfigurationException>()
            .Where(e => e.Setting == "Scheduling:DatabaseMaintenanceCron")
            .WithMessage($"Scheduling:DatabaseMaintenanceCron: *{problem}*use 5 fields, minute first, in UTC*\"30 3 * * *\"*");
    }

    [TestCase("Enabled", "yes")]
    [TestCase("WorkerCount", "0")]
    [TestCase("WorkerCount", "many")]
    [TestCase("PollInterval", "5")]
    [TestCase("SqliteFileName", "jobs/hangfire.db")]
    public void Other_bad_values_are_named(string key, string value)
    {
        var act = () => From((key, value));
        act.Should().Throw<StartupConfigurationException>().Where(e => e.Setting == "Scheduling:" + key);
    }

    [Test]
    public void An_empty_enabled_value_means_not_set()
    {
        From(("Enabled", "")).Enabled.Should().BeTrue();
        From(("Enabled", "false")).Enabled.Should().BeFalse();
    }
}
