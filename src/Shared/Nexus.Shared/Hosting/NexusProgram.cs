using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Nexus.Shared.Persistence;
using Nexus.Shared.Startup;

namespace Nexus.Shared.Hosting;

/// <summary>
/// The body of every Nexus host's Program: <c>migrate</c> applies the enabled modules' migrations and exits (for
/// deploy pipelines); otherwise the host runs. Bad configuration ends here with one line naming the setting, exit 2.
/// </summary>
public static class NexusProgram
{
    public static async Task<int> RunAsync(string displayName, string[] args, Func<string[], WebApplication> build)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(build);
        try
        {
            var app = build(args);
            if (args.Contains("migrate", StringComparer.OrdinalIgnoreCase))
            {
                var database = app.Services.GetRequiredService<DatabaseSettings>();
                await DatabaseReachability.EnsureReachableAsync(database, CancellationToken.None);
                await app.Services.GetRequiredService<DatabaseMigrator>().MigrateAsync(CancellationToken.None);
                Console.WriteLine($"{displayName}: migrations applied.");
                return 0;
            }

            await app.RunAsync();
            return 0;
        }
        catch (StartupConfigurationException ex)
        {
            await Console.Error.WriteLineAsync($"{displayName} cannot start: {ex.Message}");
            return 2;
        }
        catch (OptionsValidationException ex)
        {
            await Console.Error.WriteLineAsync($"{displayName} cannot start: {ex.OptionsName}: {string.Join("; ", ex.Failures)}");
            return 2;
        }
        catch (AggregateException ex) when (ex.InnerExceptions.All(e => e is OptionsValidationException or StartupConfigurationException))
        {
            // Several option classes failed their start-up validation at once: one line each, not a stack trace.
            foreach (var inner in ex.InnerExceptions)
            {
                await Console.Error.WriteLineAsync(inner is OptionsValidationException options
                    ? $"{displayName} cannot start: {options.OptionsName}: {string.Join("; ", options.Failures)}"
                    : $"{displayName} cannot start: {inner.Message}");
            }

            return 2;
        }
    }
}
