using System.ComponentModel.DataAnnotations;
using Nexus.Shared.Background;

namespace Nexus.Shared.Messaging;

/// <summary>Settings of the integration event bus (section <c>Events</c>).</summary>
public sealed class EventBusOptions : IValidatableObject
{
    public const string Section = "Events";

    /// <summary>Handler attempts before an event goes to dead letters.</summary>
    [Range(1, 100)]
    public int MaxAttempts { get; set; } = 5;

    /// <summary>Delay before the first retry; doubled per attempt, with jitter, up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(2);

    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The shared <see cref="RetryPolicy"/> with these settings (a method: the binder must not see it).</summary>
    public RetryPolicy Retries() => new(RetryBaseDelay, MaxRetryDelay);

    /// <summary>Safety poll of the outbox relay; normally it is woken the moment a transaction commits.</summary>
    public TimeSpan RelayPollInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long a relay or retry worker holds claimed rows before another instance may take them.</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Rows claimed and published per round trip.</summary>
    [Range(1, 10_000)]
    public int BatchSize { get; set; } = 500;

    /// <summary>
    /// SQLite: an event consumer's batch commits inside the next group commit of the commands (a savepoint of its own,
    /// decision 0014) instead of in a transaction of its own. Off by default: on a loaded machine it shortened the
    /// consumer's leg of the latency but made the commands grouped with a large batch wait for it (docs/benchmarks.md,
    /// seventh round); an idle-machine A/B decides.
    /// </summary>
    public bool ConsumerBatchesJoinGroupCommit { get; set; }

    /// <summary>Redis: a message read by a consumer that has not acknowledged it after this long is taken over by another.</summary>
    public TimeSpan RedisClaimIdle { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Redis: approximate cap on each event stream's length (oldest, long-acknowledged entries are trimmed).</summary>
    [Range(1_000, int.MaxValue)]
    public int RedisStreamMaxLength { get; set; } = 1_000_000;

    /// <summary>How long a published outbox row is kept (for the back office) before pruning deletes it.</summary>
    [Range(typeof(TimeSpan), "01:00:00", "3650.00:00:00")]
    public TimeSpan PublishedRetention { get; set; } = TimeSpan.FromDays(7);

    /// <summary>
    /// How long a processed inbox row is kept. It is what makes a redelivered event harmless, so it must outlast any
    /// redelivery (<see cref="RedisClaimIdle"/>, <see cref="LeaseDuration"/>); dead letters and retries are never pruned.
    /// </summary>
    [Range(typeof(TimeSpan), "1.00:00:00", "3650.00:00:00")]
    public TimeSpan ProcessedRetention { get; set; } = TimeSpan.FromDays(14);

    /// <summary>How often old outbox and inbox rows are pruned.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00")]
    public TimeSpan PruneInterval { get; set; } = TimeSpan.FromHours(1);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (RetryBaseDelay <= TimeSpan.Zero || MaxRetryDelay < RetryBaseDelay)
        {
            yield return new ValidationResult("RetryBaseDelay must be positive and MaxRetryDelay at least as long.", [nameof(RetryBaseDelay), nameof(MaxRetryDelay)]);
        }
    }
}
