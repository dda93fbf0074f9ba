using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Serilog;
using Serilog.Events;
using Serilog.Formatting.Compact;

namespace Nexus.Shared.Logging;

/// <summary>
/// The one logging set-up of every Nexus host (the shop and each extracted service): Serilog to the console and
/// a daily rolling file under the data folder. <c>Logging:Json=true</c> switches both to JSON lines (rendered
/// compact JSON) for log shippers; the <c>Serilog</c> section can override levels and add sinks.
/// </summary>
/// <remarks>
/// The logger belongs to the host, not to <see cref="Log.Logger"/>: tests start many hosts in one process, and a
/// static logger would send one host's lines to another's file (or to a disposed one). So the static logger is
/// preserved (left silent) and request logging is handed the host's logger explicitly
/// (<see cref="RequestLogging"/>).
/// </remarks>
public static class NexusLogging
{
    /// <summary>Turns JSON lines on for the console and the file.</summary>
    public const string JsonSetting = "Logging:Json";

    private const string ConsoleTemplate = "[{Timestamp:HH:mm:ss} {Level:u3}] {Message:lj} {CorrelationId}{NewLine}{Exception}";
    private const string FileTemplate = "{Timestamp:o} [{Level:u3}] {SourceContext} {CorrelationId} {Message:lj}{NewLine}{Exception}";

    /// <summary>
    /// Makes Serilog the host's only logging provider, writing to <c>logs/<paramref name="fileName"/>-YYYYMMDD.log</c>
    /// in <paramref name="dataPath"/>.
    /// </summary>
    public static WebApplicationBuilder AddNexusLogging(this WebApplicationBuilder builder, string dataPath, string fileName = "nexus")
    {
        ArgumentNullException.ThrowIfNull(builder);
        var configuration = builder.Configuration;
        // Serilog's console sink replaces the default providers; providers registered later (a test's log
        // capture, say) still get every event through writeToProviders.
        builder.Logging.ClearProviders();
        builder.Services.AddSerilog(
            (services, logger) => Configure(logger, configuration, services, Path.Combine(dataPath, "logs", fileName + "-.log")),
            preserveStaticLogger: true,
            writeToProviders: true);
        return builder;
    }

    internal static void Configure(LoggerConfiguration logger, IConfiguration configuration, IServiceProvider services, string file)
    {
        var json = configuration.GetValue(JsonSetting, defaultValue: false);
        logger
            .MinimumLevel.Information()
            .MinimumLevel.Override("Microsoft", LogEventLevel.Warning)
            .MinimumLevel.Override("Microsoft.Hosting.Lifetime", LogEventLevel.Information)
            .MinimumLevel.Override("Hangfire", LogEventLevel.Warning)
            .Enrich.FromLogContext()
            .ReadFrom.Configuration(configuration)
            .ReadFrom.Services(services);

        // Both sinks sit behind one background writer (Serilog.Sinks.Async): a request only queues its completion
        // event, and the formatting, the console write and the shared file's lock-and-append happen off the request
        // path. Synchronously, every request did a console write and a locked, flushed append to the shared file on
        // its own thread, and under load requests queued behind each other's log lines (docs/decisions/0018). The
        // queue holds 10,000 events; when the writer cannot keep up it drops the newest rather than stalling the
        // shop, and the logger's disposal at shutdown drains what is queued.
        logger.WriteTo.Async(sinks =>
        {
            if (json)
            {
                sinks.Console(new RenderedCompactJsonFormatter());
                sinks.File(new RenderedCompactJsonFormatter(), file, rollingInterval: RollingInterval.Day, retainedFileCountLimit: 14, shared: true);
            }
            else
            {
                sinks.Console(outputTemplate: ConsoleTemplate, formatProvider: CultureInfo.InvariantCulture);
                sinks.File(file, outputTemplate: FileTemplate, rollingInterval: RollingInterval.Day, retainedFileCountLimit: 14, shared: true, formatProvider: CultureInfo.InvariantCulture);
            }
        }, bufferSize: 10_000, blockWhenFull: false);
    }
}
