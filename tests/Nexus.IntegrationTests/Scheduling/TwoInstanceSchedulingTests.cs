using Hangfire;
using Hangfire.Common;
using Nexus.Shared.Persistence;
using Nexus.Testing.Hosting;

namespace Nexus.IntegrationTests.Scheduling;

/// <summary>
/// Two instances with job servers on one PostgreSQL database: a recurring job that falls due on both runs once
/// (Hangfire's distributed lock on the recurring-job scheduler, and an atomic fetch from the queue).
/// </summary>
internal sealed class TwoInstanceSchedulingTests
{
    [Test]
    public async Task A_recurring_job_due_on_two_instances_runs_once()
    {
        var settings = new Dictionary<string, string?>
        {
            ["Scheduling:Enabled"] = "true",
            // Both schedulers look for due jobs twice a second, so they race for the same occurrence.
            ["Scheduling:PollInterval"] = "00:00:00.5",
            ["Scheduling:WorkerCount"] = "4",
        };
        using var first = await NexusHostFactory.OnPostgresAsync(settings);
        _ = first.Server;
        using var second = new NexusHostFactory(new Dictionary<string, string?>(settings)
        {
            ["Database:Provider"] = "Postgres",
            ["ConnectionStrings:Nexus"] = first.Service<DatabaseSettings>().ConnectionString,
        });
        _ = second.Server;
        var monitoring = first.Service<JobStorage>().GetMonitoringApi();
        await Eventually.TrueAsync(() => Task.FromResult(monitoring.Servers().Count == 2), TimeSpan.FromSeconds(20), "both instances' servers should be registered");

        // One occurrence, a few seconds from now (a seconds-first cron, which Hangfire accepts from code), that
        // neither instance has seen before.
        var due = DateTime.UtcNow.AddSeconds(4);
        var cron = $"{due.Second} {due.Minute} {due.Hour} * * *";
        CountingJob.Runs.Clear();
        first.Service<IRecurringJobManager>().AddOrUpdate("test.count-once", Job.FromExpression<CountingJob>(job => job.RunAsync(CancellationToken.None)), cron, new RecurringJobOptions());

        await Eventually.TrueAsync(() => Task.FromResult(!CountingJob.Runs.IsEmpty), TimeSpan.FromSeconds(30), "the due recurring job should run");
        // Both schedulers keep polling past the due time; a second run would show up within a few polls.
        await Task.Delay(TimeSpan.FromSeconds(4));

        CountingJob.Runs.Should().ContainSingle("one occurrence runs once across both instances");
        CountingJob.Runs.Single().Should().BeOneOf(first.DataPath, second.DataPath);
        // Only this job's runs: the shop's own minutely jobs (unpaid-order sweep, cart expiry) may succeed meanwhile.
        monitoring.SucceededJobs(0, 1000).Count(j => j.Value.Job?.Type == typeof(CountingJob)).Should().Be(1);
    }
}
