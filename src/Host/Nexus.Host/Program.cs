using Microsoft.Extensions.Options;
using Nexus.Host.Composition;
using Nexus.Shared.Persistence;
using Nexus.Shared.Startup;

// Nexus: one process, many modules. Bad configuration ends here with one line naming the setting.
try
{
    var app = NexusApplication.Build(args);
    if (args.Contains("migrate", StringComparer.OrdinalIgnoreCase))
    {
        // `Nexus.Host migrate`: apply every enabled module's migrations and exit (for deploy pipelines).
        var database = app.Services.GetRequiredService<DatabaseSettings>();
        await DatabaseReachability.EnsureReachableAsync(database, CancellationToken.None);
        await app.Services.GetRequiredService<DatabaseMigrator>().MigrateAsync(CancellationToken.None);
        Console.WriteLine("Nexus: migrations applied.");
        return 0;
    }

    await app.RunAsync();
    return 0;
}
catch (StartupConfigurationException ex)
{
    await Console.Error.WriteLineAsync($"Nexus cannot start: {ex.Message}");
    return 2;
}
catch (OptionsValidationException ex)
{
    await Console.Error.WriteLineAsync($"Nexus cannot start: {ex.OptionsName}: {string.Join("; ", ex.Failures)}");
    return 2;
}
