using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Nexus.Shared.Backup;
using Nexus.Shared.Persistence;
using Nexus.Shared.Startup;

namespace Nexus.Shared.Hosting;

/// <summary>
/// The body of every Nexus host's Program: <c>migrate</c> applies the enabled modules' migrations and exits (for
/// deploy pipelines); <c>backup &lt;target&gt;</c> copies the data folder while the shop runs and <c>restore
/// &lt;backup&gt;</c> puts one back while it is stopped (docs/operations.md); otherwise the host runs. Bad configuration
/// ends here with one line naming the setting, exit 2; a refused backup or restore with one line, exit 1 (2: misused).
/// </summary>
public static class NexusProgram
{
    public static async Task<int> RunAsync(string displayName, string[] args, Func<string[], WebApplication> build)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(build);
        var command = DataCommand.Find(args);
        if (command is { Operand: null })
        {
            await Console.Error.WriteLineAsync($"{displayName} cannot {command.Name}: usage: {command.Name} <{(command.Name == "backup" ? "folder | file.tar.gz | file.zip" : "backup folder | file.tar.gz | file.zip")}>");
            return 2;
        }

        try
        {
            // The command and its path are not configuration: a path like /backups would read as a "/key value" switch.
            var app = build(command?.RemainingArgs ?? args);
            if (command is not null)
            {
                return await RunDataCommandAsync(displayName, app, command);
            }

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

    private static async Task<int> RunDataCommandAsync(string displayName, WebApplication app, DataCommand command)
    {
        var dataPath = app.Services.GetRequiredService<IOptions<NexusOptions>>().Value.DataPath;
        var database = app.Services.GetRequiredService<DatabaseSettings>();
        var registry = app.Services.GetRequiredService<ModuleDatabaseRegistry>();
        try
        {
            var done = command.Name == "backup"
                ? new DataFolderBackup(dataPath, database, registry).Run(command.Operand!)
                : new DataFolderRestore(dataPath, database, registry).Run(command.Operand!);
            Console.WriteLine($"{displayName}: {done}.");
            return 0;
        }
        catch (CommandRefusedException ex)
        {
            await Console.Error.WriteLineAsync($"{displayName} cannot {command.Name}: {ex.Message}.");
            return ex.ExitCode;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or Microsoft.Data.Sqlite.SqliteException)
        {
            await Console.Error.WriteLineAsync($"{displayName} cannot {command.Name}: {ex.Message.Split('\n')[0].Trim()}");
            return 1;
        }
    }

    /// <summary><c>backup &lt;target&gt;</c> or <c>restore &lt;backup&gt;</c> on the command line, and the arguments left for configuration.</summary>
    private sealed record DataCommand(string Name, string? Operand, string[] RemainingArgs)
    {
        public static DataCommand? Find(string[] args)
        {
            var at = Array.FindIndex(args, a => a.Equals("backup", StringComparison.OrdinalIgnoreCase) || a.Equals("restore", StringComparison.OrdinalIgnoreCase));
            if (at < 0)
            {
                return null;
            }

            var operand = at + 1 < args.Length && !args[at + 1].StartsWith("--", StringComparison.Ordinal) ? args[at + 1] : null;
            var remaining = args.Where((_, i) => i != at && (operand is null || i != at + 1)).ToArray();
            return new DataCommand(args[at].ToLowerInvariant(), operand, remaining);
        }
    }
}
