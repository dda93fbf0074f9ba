using Nexus.Modules.Catalog.Contracts.Events;
using Nexus.Shared.Abstractions.Messaging;
using Nexus.Shared.Background;
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
    [TestCase(int.MaxValue, 1.0, 60000)]
    [TestCase(20, 0.0, 30000)]
    public void Retries_back_off_exponentially_with_jitter_up_to_the_cap(int attempt, double random, double expectedMs)
    {
        var delay = new RetryPolicy(TimeSpan.FromSeconds(2), TimeSpan.FromMinutes(1)).DelayAfter(attempt, random);
        delay.TotalMilliseconds.Should().BeApproximately(expectedMs, 0.001);
    }

    [Test]
    public void The_event_bus_settings_feed_the_shared_retry_policy_and_refuse_a_cap_below_the_base()
    {
        var options = new EventBusOptions { RetryBaseDelay = TimeSpan.FromSeconds(3), MaxRetryDelay = TimeSpan.FromSeconds(40) };
        options.Retries().Should().Be(new RetryPolicy(TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(40)));

        var bad = new EventBusOptions { RetryBaseDelay = TimeSpan.FromMinutes(10), MaxRetryDelay = TimeSpan.FromMinutes(5) };
        var results = new List<System.ComponentModel.DataAnnotations.ValidationResult>();
        System.ComponentModel.DataAnnotations.Validator.TryValidateObject(bad, new(bad), results, validateAllProperties: true).Should().BeFalse();
        results.Should().ContainSingle(r => r.MemberNames.Contains(nameof(EventBusOptions.MaxRetryDelay)));
    }

    [Test]
    public void Reconnecting_loops_back_off_from_a_quarter_second_to_at_most_ten()
    {
        RetryPolicy.Reconnect.DelayAfter(1, 1.0).Should().Be(TimeSpan.FromMilliseconds(250));
        RetryPolicy.Reconnect.DelayAfter(100, 1.0).Should().Be(TimeSpan.FromSeconds(10));
        RetryPolicy.Reconnect.DelayAfter(100, 0.0).Should().Be(TimeSpan.FromSeconds(5));
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
