using System.Diagnostics;
using MediatR;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Nexus.Shared.Application;

/// <summary>
/// Logs every request's name, outcome and duration; slow ones (over 500 ms) at Warning. A write that lost a race — a
/// concurrency token that changed underneath (<see cref="DbUpdateConcurrencyException"/>) or a unique index that a
/// racing twin filled first — is logged at Information: those are expected under concurrency and their callers handle
/// them (re-read, retry, answer the winner's result). A caller that does not handle one still surfaces it as the
/// failure it is. Any other exception is an Error.
/// </summary>
internal sealed partial class LoggingBehavior<TRequest, TResponse> : IPipelineBehavior<TRequest, TResponse>
{
    private const int SqliteUniqueViolation = 2067;
    private const int SqlitePrimaryKeyViolation = 1555;
    private const string PostgresUniqueViolation = "23505";
    private const int SqlServerUniqueIndexViolation = 2601;
    private const int SqlServerUniqueConstraintViolation = 2627;

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
        catch (DbUpdateException ex) when (IsLostRace(ex))
        {
            LogLostRace(logger, RequestName, ex.GetType().Name, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            throw;
        }
        catch (Exception ex)
        {
            LogFailed(logger, ex, RequestName, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            throw;
        }
    }

    /// <summary>A concurrency conflict, or a unique-index violation (SQLite, PostgreSQL, SQL Server): another writer was first.</summary>
    internal static bool IsLostRace(DbUpdateException exception) =>
        exception is DbUpdateConcurrencyException
        || exception.InnerException is SqliteException { SqliteExtendedErrorCode: SqliteUniqueViolation or SqlitePrimaryKeyViolation }
        || exception.InnerException is System.Data.Common.DbException { SqlState: PostgresUniqueViolation }
        || exception.InnerException is Microsoft.Data.SqlClient.SqlException { Number: SqlServerUniqueIndexViolation or SqlServerUniqueConstraintViolation };

    [LoggerMessage(Level = LogLevel.Information, Message = "{Request} lost a write race after {ElapsedMs:0.0} ms ({Conflict}); the caller decides from the winner's state")]
    private static partial void LogLostRace(ILogger logger, string request, string conflict, double elapsedMs);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Handled {Request} in {ElapsedMs:0.0} ms")]
    private static partial void LogHandled(ILogger logger, string request, double elapsedMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Handled {Request} slowly in {ElapsedMs:0.0} ms")]
    private static partial void LogSlow(ILogger logger, string request, double elapsedMs);

    [LoggerMessage(Level = LogLevel.Information, Message = "Rejected {Request} as invalid after {ElapsedMs:0.0} ms")]
    private static partial void LogInvalid(ILogger logger, string request, double elapsedMs);

    [LoggerMessage(Level = LogLevel.Error, Message = "Failed {Request} after {ElapsedMs:0.0} ms")]
    private static partial void LogFailed(ILogger logger, Exception exception, string request, double elapsedMs);
}
