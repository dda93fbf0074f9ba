using Microsoft.Extensions.DependencyInjection;
using Nexus.Shared.Startup;

namespace Nexus.Shared.Scheduling;

/// <summary>
/// How modules add their own recurring jobs, from their <c>Add&lt;Name&gt;Module</c>:
/// <code>
/// services.AddRecurringJob&lt;ExpireAbandonedCartsJob&gt;("ordering.expire-abandoned-carts", "*/15 * * * *");
/// </code>
/// Instances that run a job server write every registered job into the shared storage at start-up
/// (add or update), and Hangfire's distributed lock makes each occurrence run once across all instances.
/// </summary>
public static class RecurringJobServiceCollectionExtensions
{
    /// <summary>Adds <typeparamref name="TJob"/> as the recurring job <paramref name="id"/>.</summary>
    /// <param name="services">The application's services.</param>
    /// <param name="id">Stable id; a renamed id leaves the old job behind in the storage (delete it in the dashboard).</param>
    /// <param name="cron">5-field cron in UTC, e.g. <c>30 3 * * *</c> (see <see cref="CronSetting"/>).</param>
    /// <exception cref="ArgumentException">The cron expression does not parse.</exception>
    public static IServiceCollection AddRecurringJob<TJob>(this IServiceCollection services, string id, string cron)
        where TJob : class, IRecurringJob
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        ArgumentException.ThrowIfNullOrWhiteSpace(cron);

        // Fail while the host is being built, naming the job, rather than when the server first registers it.
        string schedule;
        try
        {
            schedule = CronSetting.Parse($"recurring job '{id}'", cron);
        }
        catch (StartupConfigurationException ex)
        {
            throw new ArgumentException(ex.Message, nameof(cron), ex);
        }

        // Scoped: the job activator opens one scope per run, so a job may use a DbContext like a request does.
        services.AddScoped<TJob>();
        services.AddSingleton(new RecurringJobDefinition(id, typeof(TJob), schedule));
        return services;
    }
}
