using System.Diagnostics;
using MediatR;
using Microsoft.Extensions.Logging;

namespace Nexus.Shared.Application;

/// <summary>Logs every request's name, outcome and duration; slow ones (over 500 ms) at Warning.</summary>
internal sealed partial class LoggingBehavior<TRequest, TResponse> : IPipelineBehavior<TRequest, TResponse>
{
    private static readonly string RequestName = typeof(TRequest).Name;
    private readonly ILogger<LoggingBehavior<TRequest, TResponse>> logger;

    public LoggingBehavior(ILogger<LoggingBehavior<TRequest, TResponse>> logger) => this.logger = logger;

    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        ArgumentNullException.ThrowIfNull(next);
        var started = Stopwatch.GetTimestamp();
        try
        {
            var response = await next();
            var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            if (elapsed > 500)
            {
                LogSlow(logger, RequestName, elapsed);
            }
            else
            {
                LogHandled(logger, RequestName, elapsed);
            }

            return response;
        }
        catch (RequestValidationException)
        {
            LogInvalid(logger, RequestName, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            throw;
        }
        catch (Exception ex)
        {
            LogFailed(logger, ex, RequestName, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            throw;
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Handled {Request} in {ElapsedMs:0.0} ms")]
    private static partial void LogHandled(ILogger logger, string request, double elapsedMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Handled {Request} slowly in {ElapsedMs:0.0} ms")]
    private static partial void LogSlow(ILogger logger, string request, double elapsedMs);

    [LoggerMessage(Level = LogLevel.Information, Message = "Rejected {Request} as invalid after {ElapsedMs:0.0} ms")]
    private static partial void LogInvalid(ILogger logger, string request, double elapsedMs);

    [LoggerMessage(Level = LogLevel.Error, Message = "Failed {Request} after {ElapsedMs:0.0} ms")]
    private static partial void LogFailed(ILogger logger, Exception exception, string request, double elapsedMs);
}
