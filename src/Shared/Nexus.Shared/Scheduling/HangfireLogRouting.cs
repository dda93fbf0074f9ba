using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Hangfire.Logging;
using Microsoft.Extensions.Logging;
using HangfireLogLevel = Hangfire.Logging.LogLevel;
using LogLevel = Microsoft.Extensions.Logging.LogLevel;

namespace Nexus.Shared.Scheduling;

/// <summary>
/// Sends Hangfire's own log lines (retries, failures, server start and stop) to the host's logging.
/// </summary>
/// <remarks>
/// Hangfire has exactly one log provider per process (<see cref="LogProvider.SetCurrentLogProvider"/>), and its
/// components take their loggers when they are constructed. Pointing it at one host's <see cref="ILoggerFactory"/>
/// (what <c>AddHangfire</c> does) breaks when that host is disposed while another runs on — test hosts side by
/// side — because a disposed factory throws. So the one provider here resolves the target on every line: the most
/// recently started host that is still running. With one host per process, as in production, that is simply the
/// host; with several, a line may land in a sibling's log, which is harmless.
/// </remarks>
internal static class HangfireLogRouting
{
    private static readonly Lock Gate = new();
    private static readonly List<ILoggerFactory> Hosts = [];
    private static readonly ConditionalWeakTable<ILoggerFactory, ConcurrentDictionary<string, ILogger>> Loggers = new();

    /// <summary>Routes Hangfire's log lines to <paramref name="loggerFactory"/> until the result is disposed.</summary>
    public static IDisposable Attach(ILoggerFactory loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(loggerFactory);
        lock (Gate)
        {
            Hosts.Add(loggerFactory);
            LogProvider.SetCurrentLogProvider(Provider.Instance);
        }

        return new Detach(loggerFactory);
    }

    private static ILogger? Current(string name)
    {
        ILoggerFactory? factory;
        lock (Gate)
        {
            factory = Hosts.Count > 0 ? Hosts[^1] : null;
        }

        if (factory is null)
        {
            return null;
        }

        try
        {
            return Loggers.GetOrCreateValue(factory).GetOrAdd(name, factory.CreateLogger);
        }
        catch (ObjectDisposedException)
        {
            // The host is stopping between its last line and its detach.
            return null;
        }
    }

    private static LogLevel Map(HangfireLogLevel level) => level switch
    {
        HangfireLogLevel.Trace => LogLevel.Trace,
        HangfireLogLevel.Debug => LogLevel.Debug,
        HangfireLogLevel.Info => LogLevel.Information,
        HangfireLogLevel.Warn => LogLevel.Warning,
        HangfireLogLevel.Error => LogLevel.Error,
        _ => LogLevel.Critical,
    };

    private sealed class Detach(ILoggerFactory loggerFactory) : IDisposable
    {
        public void Dispose()
        {
            lock (Gate)
            {
                Hosts.Remove(loggerFactory);
            }
        }
    }

    private sealed class Provider : ILogProvider
    {
        public static readonly Provider Instance = new();

        public ILog GetLogger(string name) => new RoutedLog(name);
    }

    private sealed class RoutedLog(string name) : ILog
    {
        public bool Log(HangfireLogLevel logLevel, Func<string>? messageFunc, Exception? exception = null)
        {
            var logger = Current(name);
            var level = Map(logLevel);
            if (logger is null || !logger.IsEnabled(level))
            {
                return false;
            }

            // Called with no message to ask whether the level is on (LibLog's convention).
            if (messageFunc is null)
            {
                return true;
            }

            try
            {
#pragma warning disable CA1848, CA2254 // The text comes from Hangfire, already formatted.
                logger.Log(level, exception, "{HangfireMessage}", messageFunc());
#pragma warning restore CA1848, CA2254
            }
            catch (ObjectDisposedException)
            {
                return false;
            }

            return true;
        }
    }
}
