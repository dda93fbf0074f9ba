using Nexus.Modules.Catalog.Contracts.Events;
using Nexus.Shared.Abstractions.Messaging;
using Nexus.Shared.Messaging;

namespace Nexus.UnitTests.Shared;

/// <summary>Rules of the event bus that need no database: backoff, contracts, envelopes.</summary>
internal sealed class EventBusRulesTests
{
    [TestCase(1, 0.0, 1000)]
    [TestCase(1, 1.0, 2000)]
    [TestCase(2, 1.0, 4000)]
    [TestCase(4, 1.0, 16000)]
    [TestCase(4, 0.0, 8000)]
    [TestCase(20, 1.0, 60000)]
    public void Retries_back_off_exponentially_with_jitter_up_to_the_cap(int attempt, double random, double expectedMs)
    {
        var delay = RetrySchedule.DelayAfter(attempt, TimeSpan.FromSeconds(2), TimeSpan.FromMinutes(1), random);
        delay.TotalMilliseconds.Should().BeApproximately(expectedMs, 0.001);
    }

    [Test]
    public void An_event_travels_as_json_under_its_contract_name_and_version()
    {
        var created = new ProductCreated(Guid.CreateVersion7(), "HW-1", "Lamp", 1200, "EUR", false) { CorrelationId = "req-1" };

        var envelope = IntegrationEventContract.ToEnvelope(created);

        envelope.Name.Should().Be("catalog.product-created");
        envelope.Version.Should().Be(1);
        envelope.EventId.Should().Be(created.EventId);
        envelope.CorrelationId.Should().Be("req-1");
        envelope.Payload.Should().Contain("\"sku\":\"HW-1\"");
        IntegrationEventContract.FromEnvelope(envelope, typeof(ProductCreated)).Should().Be(created);
    }

    [Test]
    public void An_event_without_a_contract_name_is_refused()
    {
        var act = () => IntegrationEventContract.Of(typeof(Unnamed));
        act.Should().Throw<InvalidOperationException>().WithMessage("*has no [IntegrationEvent(name, version)]*");
    }

    private sealed record Unnamed : IntegrationEvent;

    [Test]
    public void A_wake_up_names_the_streams_that_got_entries_and_wakes_only_their_consumers()
    {
        EventEnvelope Envelope(string name) => new(Guid.CreateVersion7(), name, 1, "{}", null, DateTime.UtcNow);
        var message = RedisEventTransport.WakeMessage([Envelope("probe.pinged"), Envelope("catalog.product-created"), Envelope("probe.pinged")]);

        message.Split('\n').Should().BeEquivalentTo("probe.pinged", "catalog.product-created");
        RedisEventTransport.Concerns(message, new HashSet<string> { "catalog.product-created" }).Should().BeTrue();
        RedisEventTransport.Concerns(message, new HashSet<string> { "ordering.order-paid" }).Should().BeFalse();
        RedisEventTransport.Concerns(RedisEventTransport.WakeMessage([Envelope("ordering.order-paid")]), new HashSet<string> { "ordering.order-paid" }).Should().BeTrue();
        // What publishers before this change sent: wakes everyone.
        RedisEventTransport.Concerns(1, new HashSet<string> { "ordering.order-paid" }).Should().BeTrue();
    }
}
