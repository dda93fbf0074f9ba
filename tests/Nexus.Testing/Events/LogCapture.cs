using System.Collections.Concurrent;
using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;

namespace Nexus.Testing.Events;

/// <summary>
/// A logger provider that keeps every line with the <c>CorrelationId</c> of its logging scope, for assertions.
/// Under a Nexus host Serilog hands it each event, the logging scopes already among the event's properties;
/// on a plain logging set-up it reads the scopes itself.
/// </summary>
public sealed partial class LogCapture : ILoggerProvider, ISupportExternalScope
{
    private readonly ConcurrentQueue<CapturedLog> lines = new();
    private IExternalScopeProvider scopes = new LoggerExternalScopeProvider();

    public IReadOnlyList<CapturedLog> Lines => [.. lines];

    public ILogger CreateLogger(string categoryName) => new CapturingLogger(this, categoryName);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => scopes = scopeProvider;

    public void Dispose()
    {
    }

    [GeneratedRegex(@"\{[@$]?(?<name>[A-Za-z0-9_]+)(?:[,:][^}]*)?\}")]
    private static partial Regex Hole();

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
            var message = formatter(state, exception);
            if (state is IReadOnlyList<KeyValuePair<string, object?>> values && values.Any(v => v.Key == "{OriginalFormat}") && state.GetType().Namespace == "Serilog.Extensions.Logging")
            {
                // Serilog's event: render its template plainly (Serilog would quote strings) and take its correlation id.
                var properties = values.ToDictionary(v => v.Key, v => v.Value, StringComparer.Ordinal);
                correlation = properties.GetValueOrDefault("CorrelationId") as string;
                message = Hole().Replace((string)properties["{OriginalFormat}"]!, m =>
                    properties.TryGetValue(m.Groups["name"].Value, out var value) ? Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty : m.Value);
            }

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
            capture.lines.Enqueue(new CapturedLog(category, message, correlation));
        }
    }
}

public sealed record CapturedLog(string Category, string Message, string? CorrelationId);
