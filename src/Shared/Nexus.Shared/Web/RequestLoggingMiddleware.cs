using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Nexus.Shared.Web;

/// <summary>One line per request: method, path, status and duration. Health probes log at Debug to keep logs readable.</summary>
internal sealed partial class RequestLoggingMiddleware
{
    private readonly RequestDelegate next;
    private readonly ILogger<RequestLoggingMiddleware> logger;

    public RequestLoggingMiddleware(RequestDelegate next, ILogger<RequestLoggingMiddleware> logger)
    {
        this.next = next;
        this.logger = logger;
    }

    public async Task InvokeAsync(HttpContext context)
    {
        var started = Stopwatch.GetTimestamp();
        var failed = false;
        try
        {
            await next(context);
        }
        catch
        {
            failed = true;
            throw;
        }
        finally
        {
            var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            var status = failed ? StatusCodes.Status500InternalServerError : context.Response.StatusCode;
            var path = context.Request.Path.Value ?? "/";
            // Probes and the once-a-second session check of every open signed-in tab would drown the log.
            if (path is "/healthz" or "/ready" or "/api/identity/session")
            {
                LogProbe(logger, context.Request.Method, path, status, elapsed);
            }
            else if (status >= 500)
            {
                LogServerError(logger, context.Request.Method, path, status, elapsed);
            }
            else
            {
                LogRequest(logger, context.Request.Method, path, status, elapsed);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "HTTP {Method} {Path} responded {StatusCode} in {ElapsedMs:0.0} ms")]
    private static partial void LogRequest(ILogger logger, string method, string path, int statusCode, double elapsedMs);

    [LoggerMessage(Level = LogLevel.Error, Message = "HTTP {Method} {Path} responded {StatusCode} in {ElapsedMs:0.0} ms")]
    private static partial void LogServerError(ILogger logger, string method, string path, int statusCode, double elapsedMs);

    [LoggerMessage(Level = LogLevel.Debug, Message = "HTTP {Method} {Path} responded {StatusCode} in {ElapsedMs:0.0} ms")]
    private static partial void LogProbe(ILogger logger, string method, string path, int statusCode, double elapsedMs);
}
