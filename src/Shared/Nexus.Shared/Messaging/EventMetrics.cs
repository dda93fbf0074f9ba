using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace Nexus.Shared.Messaging;

/// <summary>
/// The event bus on the <c>Nexus.Events</c> meter: what each module's outbox published and how long its events waited
/// there, what each consuming module handled or failed and how long after the event occurred, and the age of the oldest
/// event still waiting in each outbox (the one number that says "the relay is stuck").
/// </summary>
internal static class EventMetrics
{
    public const string MeterName = "Nexus.Events";

    // Seconds: a healthy bus delivers in milliseconds, a Redis outage or a stuck relay in minutes.
    private static readonly InstrumentAdvice<double> LagBuckets = new()
    {
        HistogramBucketBoundaries = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 900, 3600],
    };

    private static readonly Meter Meter = new(MeterName);

    private static readonly Counter<long> Published = Meter.CreateCounter<long>(
        "nexus.events.published", "{event}", "Integration events the outbox relay handed to the transport");

    private static readonly Histogram<double> PublishLag = Meter.CreateHistogram(
        "nexus.events.publish_lag", "s", "Time from an event's commit in its module's outbox to its publication", tags: null, LagBuckets);

    private static readonly Counter<long> Handled = Meter.CreateCounter<long>(
        "nexus.events.handled", "{event}", "Integration events a consuming module handled and recorded in its inbox");

    private static readonly Histogram<double> HandleLag = Meter.CreateHistogram(
        "nexus.events.handle_lag", "s", "Time from an event's occurrence to its handling committed by a consuming module (retries included)", tags: null, LagBuckets);

    private static readonly Counter<long> Failed = Meter.CreateCounter<long>(
        "nexus.events.failed", "{event}", "Handler attempts that failed; outcome retrying (tried again later) or dead_lettered (given up)");

    // Per module: when the oldest event the relay last found unpublished was committed; absent once the outbox drained.
    private static readonly ConcurrentDictionary<string, DateTime?> OldestUnpublished = new(StringComparer.Ordinal);

    static EventMetrics()
    {
        Meter.CreateObservableGauge(
            "nexus.events.outbox_oldest_age",
            ObserveOutboxAge,
            "s",
            "Age of the oldest event waiting in each module's outbox as the relay last saw it (0: drained); it grows while the relay cannot publish");
    }

    public static void OutboxPending(string module, DateTime oldestCreatedAt) => OldestUnpublished[module] = oldestCreatedAt;

    public static void OutboxDrained(string module) => OldestUnpublished[module] = null;

    public static void RecordPublished(string module, IReadOnlyList<OutboxMessage> messages, DateTime publishedAt)
    {
        var tag = new KeyValuePair<string, object?>("module", module);
        Published.Add(messages.Count, tag);
        foreach (var message in messages)
        {
            PublishLag.Record(Seconds(publishedAt - message.CreatedAt), tag);
        }
    }

    public static void RecordHandled(string consumer, EventEnvelope envelope, DateTime handledAt)
    {
        var consumerTag = new KeyValuePair<string, object?>("consumer", consumer);
        var eventTag = new KeyValuePair<string, object?>("event", envelope.Name);
        Handled.Add(1, consumerTag, eventTag);
        HandleLag.Record(Seconds(handledAt - envelope.OccurredAt), consumerTag, eventTag);
    }

    public static void RecordFailed(string consumer, string eventName, bool deadLettered) =>
        Failed.Add(
            1,
            new KeyValuePair<string, object?>("consumer", consumer),
            new KeyValuePair<string, object?>("event", eventName),
            new KeyValuePair<string, object?>("outcome", deadLettered ? "dead_lettered" : "retrying"));

    /// <summary>The gauge's readings at <paramref name="now"/>: one per module the relay has seen (tests call it directly).</summary>
    internal static IEnumerable<Measurement<double>> ObserveOutboxAge(DateTime now) =>
        OldestUnpublished.Select(entry => new Measurement<double>(
            entry.Value is { } oldest ? Seconds(now - oldest) : 0,
            new KeyValuePair<string, object?>("module", entry.Key)));

    private static IEnumerable<Measurement<double>> ObserveOutboxAge() => ObserveOutboxAge(DateTime.UtcNow);

    // Clocks of two instances may disagree by a little; a negative lag is noise, not information.
    private static double Seconds(TimeSpan span) => Math.Max(0, span.TotalSeconds);
}
