using Hangfire;
using Hangfire.Storage;
using Hangfire.Storage.SQLite;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Nexus.Shared.Persistence;
using Nexus.Shared.Scheduling;
using Nexus.Testing.Hosting;

namespace Nexus.IntegrationTests.Scheduling;

/// <summary>
/// Hangfire runs the platform's jobs: the maintenance job is a recurring job on the configured schedule and runs,
/// the embedded default keeps Hangfire in its own SQLite file, failures are retried and then stay Failed, and
/// <c>Scheduling:Enabled=false</c> leaves an instance without a job server.
/// </summary>
internal sealed class SchedulingTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [TestCase(DatabaseProvider.Sqlite)]
    [TestCase(DatabaseProvider.Postgres)]
    public async Task The_maintenance_job_is_recurring_on_the_configured_cron_and_runs_when_triggered(DatabaseProvider provider)
    {
        var settings = Enabled(new() { ["Scheduling:DatabaseMaintenanceCron"] = "15 4 * * 1-5" });
        using var host = provider == DatabaseProvider.Postgres ? await NexusHostFactory.OnPostgresAsync(settings) : new NexusHostFactory(settings);
        _ = host.Server;

        var recurring = RecurringJob(host, RecurringJobIds.DatabaseMaintenance);
        recurring.Cron.Should().Be("15 4 * * 1-5");
        recurring.TimeZoneId.Should().Be(TimeZoneInfo.Utc.Id);
        recurring.Job.Type.Name.Should().Be("DatabaseMaintenanceJob");

        var jobId = host.Service<IRecurringJobManagerV2>().TriggerJob(RecurringJobIds.DatabaseMaintenance);
        jobId.Should().NotBeNull();
        await WaitForStateAsync(host, jobId!, "Succeeded");
        RecurringJob(host, RecurringJobIds.DatabaseMaintenance).LastJobId.Should().Be(jobId);
    }

    [Test]
    public void A_seconds_first_cron_from_the_old_settings_is_read_in_five_fields()
    {
        using var host = new NexusHostFactory(Enabled(new() { ["Scheduling:DatabaseMaintenanceCron"] = "0 30 3 * * ?" }));
        _ = host.Server;

        RecurringJob(host, RecurringJobIds.DatabaseMaintenance).Cron.Should().Be("30 3 * * *");
    }

    [Test]
    public void The_default_schedule_is_half_past_three_every_day()
    {
        using var host = new NexusHostFactory(Enabled([]));
        _ = host.Server;

        RecurringJob(host, RecurringJobIds.DatabaseMaintenance).Cron.Should().Be("30 3 * * *");
    }

    [Test]
    public async Task On_sqlite_the_jobs_live_in_their_own_file_in_the_data_folder()
    {
        using var host = new NexusHostFactory(Enabled([]));
        _ = host.Server;
        var jobId = host.Service<IRecurringJobManagerV2>().TriggerJob(RecurringJobIds.DatabaseMaintenance);
        await WaitForStateAsync(host, jobId!, "Succeeded");

        host.Service<JobStorage>().Should().BeOfType<SQLiteStorage>();
        var jobsFile = Path.Combine(host.DataPath, "hangfire.db");
        File.Exists(jobsFile).Should().BeTrue();
        var shopFile = new SqliteConnectionStringBuilder(host.Service<DatabaseSettings>().ConnectionString).DataSource;
        Path.GetFullPath(shopFile).Should().NotBe(Path.GetFullPath(jobsFile));

        string[] jobTables = ["Job", "JobQueue", "State", "Server", "DistributedLock"];
        (await TableNamesAsync(jobsFile)).Should().Contain(jobTables);
        (await TableNamesAsync(shopFile)).Should().NotIntersectWith(jobTables, "job polling must never write to (and lock) the shop's database")
            .And.NotContain(name => name.StartsWith("qrtz", StringComparison.OrdinalIgnoreCase));
    }

    [Test]
    public async Task A_failing_job_is_retried_and_then_stays_failed_where_the_dashboard_shows_it()
    {
        using var host = new NexusHostFactory(Enabled([])).WithTestAuthentication().WithServices(services => services.AddScoped<AlwaysFailingJob>());
        _ = host.Server;

        var jobId = host.Service<IBackgroundJobClient>().Enqueue<AlwaysFailingJob>(job => job.RunAsync(CancellationToken.None));
        await WaitForStateAsync(host, jobId, "Failed");

        var storage = host.Service<JobStorage>();
        var details = storage.GetMonitoringApi().JobDetails(jobId);
        // The job's current state is Failed. Its history is not checked by position: the SQLite storage orders states
        // by a timestamp, and two states written in the same tick (Scheduled and Failed) come back in either order, so
        // the retry is proven by Hangfire's RetryCount parameter rather than by the Scheduled state in between.
        details.History.Should().Contain(state => state.StateName == "Failed" && state.Data["ExceptionMessage"] == AlwaysFailingJob.Message);
        using (var connection = storage.GetConnection())
        {
            // The first attempt's Failed is followed at once by Scheduled (the retry): wait for the final Failed.
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (!(connection.GetStateData(jobId).Name == "Failed" && connection.GetJobParameter(jobId, "RetryCount") == "1") && DateTime.UtcNow < deadline)
            {
                await Task.Delay(100);
            }

            connection.GetStateData(jobId).Name.Should().Be("Failed");
            connection.GetJobParameter(jobId, "RetryCount").Should().Be("1");
        }

        storage.GetMonitoringApi().FailedJobs(0, 10).Select(job => job.Key).Should().Contain(jobId);
        using var admin = host.CreateClientAs("jobs-admin", "Admin");
        var page = await admin.GetStringAsync("/admin/jobs/jobs/failed");
        page.Should().Contain($"/admin/jobs/jobs/details/{jobId}").And.Contain(AlwaysFailingJob.Message);
    }

    [Test]
    public void With_scheduling_disabled_there_is_no_job_server_but_the_clients_work()
    {
        using var host = new NexusHostFactory(new Dictionary<string, string?> { ["Scheduling:Enabled"] = "false" });
        _ = host.Server;

        host.Services.GetServices<IHostedService>().Should().NotContain(service => service.GetType().Name == "JobServerHostedService");
        var jobId = host.Service<IBackgroundJobClient>().Enqueue<AlwaysFailingJob>(job => job.RunAsync(CancellationToken.None));
        var monitoring = host.Service<JobStorage>().GetMonitoringApi();
        monitoring.Servers().Should().BeEmpty();
        monitoring.JobDetails(jobId).History[0].StateName.Should().Be("Enqueued", "no server takes the job");
        RecurringJobs(host).Should().BeEmpty("only instances with a server register the recurring jobs");
    }

    private static Dictionary<string, string?> Enabled(Dictionary<string, string?> settings)
    {
        settings["Scheduling:Enabled"] = "true";
        // Quick polling so a triggered job and a retry start within a second (the default is 5 s).
        settings["Scheduling:PollInterval"] = "00:00:00.5";
        return settings;
    }

    private static List<RecurringJobDto> RecurringJobs(NexusHostFactory host)
    {
        using var connection = host.Service<JobStorage>().GetConnection();
        return connection.GetRecurringJobs();
    }

    private static RecurringJobDto RecurringJob(NexusHostFactory host, string id) =>
        RecurringJobs(host).Should().ContainSingle(job => job.Id == id).Subject;

    private static Task WaitForStateAsync(NexusHostFactory host, string jobId, string state) =>
        Eventually.TrueAsync(
            () =>
            {
                using var connection = host.Service<JobStorage>().GetConnection();
                return Task.FromResult(connection.GetStateData(jobId)?.Name == state);
            },
            Patience,
            $"job {jobId} should reach {state}");

    private static async Task<List<string>> TableNamesAsync(string file)
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table'";
        var names = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            names.Add(reader.GetString(0));
        }

        return names;
    }
}
