using MediatR;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Nexus.Shared.Application;

namespace Nexus.UnitTests.Shared;

/// <summary>
/// A write that lost a race (a concurrency token, a unique index a twin filled first) is expected under concurrency
/// and handled by its caller: Information, not Error. Anything else that fails a request stays an Error.
/// </summary>
internal sealed class LoggingBehaviorTests
{
    [Test]
    public async Task A_concurrency_conflict_is_logged_as_a_lost_race_at_Information() =>
        (await LevelOfFailureAsync(new DbUpdateConcurrencyException("The order changed since it was read."))).Should().Be(LogLevel.Information);

    [Test]
    public async Task A_unique_index_filled_by_a_racing_twin_is_logged_at_Information() =>
        (await LevelOfFailureAsync(new DbUpdateException("Duplicate key.", new SqliteException("UNIQUE constraint failed", 19, 2067)))).Should().Be(LogLevel.Information);

    [Test]
    public async Task Any_other_database_failure_stays_an_Error() =>
        (await LevelOfFailureAsync(new DbUpdateException("Not null.", new SqliteException("NOT NULL constraint failed", 19, 1299)))).Should().Be(LogLevel.Error);

    [Test]
    public async Task An_unexpected_exception_stays_an_Error() =>
        (await LevelOfFailureAsync(new InvalidOperationException("A bug."))).Should().Be(LogLevel.Error);

    private static async Task<LogLevel> LevelOfFailureAsync(Exception failure)
    {
        var logger = new RecordingLogger();
        var behavior = new LoggingBehavior<ProbeRequest, int>(logger);

        var act = () => behavior.Handle(new ProbeRequest(), CancellationToken.None, () => Task.FromException<int>(failure));

        (await act.Should().ThrowAsync<Exception>()).Which.Should().BeSameAs(failure, "the behaviour logs; the caller decides");
        return logger.Levels.Should().ContainSingle().Subject;
    }

    internal sealed record ProbeRequest : IRequest<int>;

    private sealed class RecordingLogger : ILogger<LoggingBehavior<ProbeRequest, int>>
    {
        public List<LogLevel> Levels { get; } = [];

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) => Levels.Add(logLevel);
    }
}
