using Nexus.Shared.Persistence;
using Nexus.Shared.Scheduling;
using Nexus.Testing.Hosting;
using Quartz;

namespace Nexus.IntegrationTests.Scheduling;

/// <summary>Quartz runs on the shop's own database; the housekeeping job runs and its history is kept there.</summary>
internal sealed class SchedulingTests
{
    [TestCase(DatabaseProvider.Sqlite)]
    [TestCase(DatabaseProvider.Postgres)]
    public async Task The_database_maintenance_job_runs_and_its_execution_is_recorded(DatabaseProvider provider)
    {
        var settings = new Dictionary<string, string?> { ["Scheduling:Enabled"] = "true" };
        using var host = provider == DatabaseProvider.Postgres ? await NexusHostFactory.OnPostgresAsync(settings) : new NexusHostFactory(settings);
        _ = host.Server;

        var scheduler = host.Service<IScheduler>();
        (await scheduler.GetMetadata()).JobStorePersistent.Should().BeTrue();
        (await scheduler.GetMetadata()).JobStoreClustered.Should().Be(provider == DatabaseProvider.Postgres, "several instances share one PostgreSQL");
        await scheduler.TriggerJob(SchedulingJobKeys.DatabaseMaintenance);

        var history = host.Service<IJobHistoryReader>();
        IReadOnlyList<JobExecutionRecord> runs = [];
        await Eventually.TrueAsync(
            async () =>
            {
                runs = await history.GetRecentExecutionsAsync(10, SchedulingJobKeys.DatabaseMaintenance.Name);
                return runs.Count > 0;
            },
            TimeSpan.FromSeconds(30),
            "the triggered maintenance job should finish and be recorded");

        var run = runs[0];
        run.Succeeded.Should().BeTrue(run.ErrorMessage);
        run.TriggeredManually.Should().BeTrue();
    }
}
