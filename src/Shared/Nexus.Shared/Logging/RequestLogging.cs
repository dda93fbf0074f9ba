using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Serilog;
using Serilog.Events;

namespace Nexus.Shared.Logging;

/// <summary>
/// One completion event per request through Serilog's request logging: method, path (no query string), the
/// status the client really got, elapsed milliseconds, the correlation id and the signed-in user's id.
/// </summary>
public static class RequestLogging
{
    public const string MessageTemplate = "HTTP {RequestMethod:l} {RequestPath:l} responded {StatusCode} in {Elapsed:0.0} ms";

    /// <summary>
    /// Paths logged at Debug: probes, Prometheus' scrapes, and the once-a-second session check of every open signed-in
    /// tab, would drown the log.
    /// </summary>
    private static readonly string[] QuietPaths = ["/healthz", "/ready", "/metrics", "/api/identity/session"];

    /// <summary>
    /// Place it after the correlation id and before the error handlers: the status it logs is then the one the
    /// exception handler or a status-code page finally sent.
    /// </summary>
    public static IApplicationBuilder UseNexusRequestLogging(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        // The host's own logger (NexusLogging keeps the static Log.Logger out of it).
        var logger = app.ApplicationServices.GetRequiredService<ILogger>();
        return app.UseSerilogRequestLogging(options =>
        {
            options.Logger = logger;
            options.MessageTemplate = MessageTemplate;
            options.GetLevel = Level;
            options.EnrichDiagnosticContext = Enrich;
        });
    }

    internal static LogEventLevel Level(HttpContext context, double elapsedMs, Exception? exception)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (exception is not null)
        {
            return LogEventLevel.Error;
        }

        // A probe answering 503 (not ready yet, database down) is the probe's news, not a server error.
        if (QuietPaths.Contains(context.Request.Path.Value ?? "/", StringComparer.OrdinalIgnoreCase))
        {
            return LogEventLevel.Debug;
        }

        return context.Response.StatusCode >= StatusCodes.Status500InternalServerError ? LogEventLevel.Error : LogEventLevel.Information;
    }

    private static void Enrich(IDiagnosticContext diagnostics, HttpContext context)
    {
        // The completion event is written by Serilog directly, outside the correlation id's logging scope.
        diagnostics.Set("CorrelationId", context.TraceIdentifier);
        if (context.User.FindFirstValue(ClaimTypes.NameIdentifier) is { Length: > 0 } userId)
        {
            diagnostics.Set("UserId", userId);
        }
    }
}
