using Serilog;
using Serilog.Events;
using Serilog.Formatting.Json;

namespace Nexus.Host.Composition;

/// <summary>
/// Serilog to the console and a daily rolling file under the data folder. <c>Logging:Json=true</c> switches
/// both to JSON for log shippers; the <c>Serilog</c> section can override levels and sinks.
/// </summary>
internal static class NexusLogging
{
    public static void Configure(WebApplicationBuilder builder, string dataPath)
    {
        var json = builder.Configuration.GetValue("Logging:Json", defaultValue: false);
        var file = Path.Combine(dataPath, "logs", "nexus-.log");
        const string template = "[{Timestamp:HH:mm:ss} {Level:u3}] {Message:lj} {CorrelationId}{NewLine}{Exception}";

        var configuration = new LoggerConfiguration()
            .MinimumLevel.Information()
            .MinimumLevel.Override("Microsoft", LogEventLevel.Warning)
            .MinimumLevel.Override("Microsoft.Hosting.Lifetime", LogEventLevel.Information)
            .MinimumLevel.Override("Hangfire", LogEventLevel.Warning)
            .Enrich.FromLogContext()
            .ReadFrom.Configuration(builder.Configuration);

        configuration = json
            ? configuration
                .WriteTo.Console(new JsonFormatter(renderMessage: true))
                .WriteTo.File(new JsonFormatter(renderMessage: true), file, rollingInterval: RollingInterval.Day, retainedFileCountLimit: 14, shared: true)
            : configuration
                .WriteTo.Console(outputTemplate: template, formatProvider: System.Globalization.CultureInfo.InvariantCulture)
                .WriteTo.File(file, outputTemplate: "{Timestamp:o} [{Level:u3}] {SourceContext} {CorrelationId} {Message:lj}{NewLine}{Exception}", rollingInterval: RollingInterval.Day, retainedFileCountLimit: 14, shared: true, formatProvider: System.Globalization.CultureInfo.InvariantCulture);

        builder.Logging.ClearProviders().AddSerilog(configuration.CreateLogger(), dispose: true);
    }
}
