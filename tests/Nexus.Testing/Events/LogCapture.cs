using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Nexus.Testing.Events;

/// <summary>A logger provider that keeps every line with the <c>CorrelationId</c> of its logging scope, for assertions.</summary>
public sealed class LogCapture : ILoggerProvider, ISupportExternalScope
{
    private readonly ConcurrentQueue<CapturedLog> lines = new();
    private IExternalScopeProvider scopes = new LoggerExternalScopeProvider();

    public IReadOnlyList<CapturedLog> Lines => [.. lines];

    public ILogger CreateLogger(string categoryName) => new CapturingLogger(this, categoryName);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => scopes = scopeProvider;

    public void Dispose()
    {
    }

    private sealed class CapturingLogger(LogCapture capture, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => capture.scopes.Push(state);

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel))
            {
                return;
            }

            string? correlation = null;
            capture.scopes.ForEachScope(
                (scope, _) =>
                {
                    if (scope is IEnumerable<KeyValuePair<string, object?>> pairs)
                    {
                        foreach (var pair in pairs)
                        {
                            if (pair.Key == "CorrelationId" && pair.Value is string value)
                            {
                                correlation = value;
                            }
                        }
                    }
                },
                (object?)null);
            capture.lines.Enqueue(new CapturedLog(category, formatter(state, exception), correlation));
        }
    }
}

public sealed record CapturedLog(string Category, string Message, string? CorrelationId);
