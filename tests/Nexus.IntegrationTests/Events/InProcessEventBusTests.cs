using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Nexus.Modules.Catalog.Data;
using Nexus.Modules.Catalog.Features.CreateProduct;
using Nexus.Shared.Messaging;
using Nexus.Shared.Web;
using Nexus.Testing.Events;
using Nexus.Testing.Hosting;

namespace Nexus.IntegrationTests.Events;

/// <summary>The bus with its embedded transport (no Redis configured), on SQLite: outbox, inbox, retries, dead letters.</summary>
internal sealed class InProcessEventBusTests
{
    private static readonly Guid Hardware = new("0193a000-0000-7000-8000-000000000001");
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Test]
    public async Task A_catalog_product_reaches_a_consuming_module_once_with_the_request_correlation_id_in_its_logs()
    {
        var logs = new LogCapture();
        using var host = new NexusHostFactory().WithProbe().WithServices(s => s.AddSingleton<ILoggerProvider>(logs));
        _ = host.Server;
        host.Service<IEventTransport>().Name.Should().Be("in-process");

        await using (var scope = host.Services.CreateAsyncScope())
        {
            CorrelationId.Current = "req-4711";
            await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new CreateProduct("EV-TEST-01", "Event Lamp", "", 1200, "EUR", Hardware, false, 1));
            CorrelationId.Current = null;
        }

        await Eventually.TrueAsync(async () => (await host.AppliedAsync()).Any(a => a.Kind == "product-created:EV-TEST-01"), Patience, "the probe should apply the product-created event");
        var applied = (await host.AppliedAsync()).Single(a => a.Kind == "product-created:EV-TEST-01");
        applied.Kind.Should().Be("product-created:EV-TEST-01");
        applied.CorrelationId.Should().Be("req-4711", "the handler runs under the correlation id of the request that caused the event");
        logs.Lines.Should().Contain(l => l.Message == "Probe saw product EV-TEST-01" && l.CorrelationId == "req-4711");

        await using var check = host.Services.CreateAsyncScope();
        var outbox = await check.ServiceProvider.GetRequiredService<CatalogDbContext>().Outbox.SingleAsync(m => m.Id == applied.EventId);
        outbox.Name.Should().Be("catalog.product-created");
        outbox.Version.Should().Be(1);
        outbox.CorrelationId.Should().Be("req-4711");
        outbox.PublishedAt.Should().NotBeNull();
    }

    [Test]
    public async Task A_failed_command_writes_no_event()
    {
        using var host = new NexusHostFactory().WithProbe();
        _ = host.Server;
        int before;
        await using (var scope = host.Services.CreateAsyncScope())
        {
            before = await scope.ServiceProvider.GetRequiredService<CatalogDbContext>().Outbox.CountAsync();
            var act = () => scope.ServiceProvider.GetRequiredService<IMediator>().Send(new CreateProduct("bad sku", "", "", -1, "EUR", Hardware, false, 0));
            await act.Should().ThrowAsync<Nexus.Shared.Application.RequestValidationException>();
        }

        await using var check = host.Services.CreateAsyncScope();
        (await check.ServiceProvider.GetRequiredService<CatalogDbContext>().Outbox.CountAsync()).Should().Be(before);
    }

    [Test]
    public async Task A_republished_event_is_not_applied_twice()
    {
        using var host = new NexusHostFactory().WithProbe();
        _ = host.Server;
        await host.EmitAsync(0, 50);
        await Eventually.TrueAsync(async () => (await host.PingsAsync()).Count == 50, Patience, "all pings should be applied");

        // As if the relay had crashed after publishing but before stamping the rows: everything goes out again.
        await using (var scope = host.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<ProbeDbContext>().Outbox
                .ExecuteUpdateAsync(u => u.SetProperty(m => m.PublishedAt, (DateTime?)null));
        }

        host.Service<OutboxSignal>().Notify();
        await Eventually.TrueAsync(async () => (await host.OutboxAsync()).Pending == 0, Patience, "the relay should republish every row");
        var applied = await host.PingsAsync();
        applied.Should().HaveCount(50);
        applied.Duplicates().Should().BeEmpty();
    }

    [Test]
    public async Task A_poison_event_goes_to_dead_letters_without_holding_back_the_others_and_a_replay_applies_it_once()
    {
        using var host = new NexusHostFactory(new Dictionary<string, string?>
        {
            ["Events:MaxAttempts"] = "3",
            ["Events:RetryBaseDelay"] = "00:00:00.050",
        }).WithProbe();
        _ = host.Server;

        await host.EmitAsync(0, 1, poison: true);
        await host.EmitAsync(1, 30);
        await Eventually.TrueAsync(async () => (await host.PingsAsync()).Count == 30, Patience, "later events keep flowing past the poison one");

        await Eventually.TrueAsync(
            async () => (await host.InboxAsync()).Any(m => m.Status == InboxStatus.DeadLettered),
            Patience,
            "the poison event should be dead-lettered after 3 attempts");
        var dead = (await host.InboxAsync()).Single(m => m.Status == InboxStatus.DeadLettered);
        dead.Attempts.Should().Be(3);
        host.Service<ProbeHandlerSwitch>().PoisonAttempts.Should().Be(3);
        dead.LastError.Should().Contain("cannot digest ping 0");
        dead.Payload.Should().Contain("\"sequence\":0");
        dead.LastAttemptAt.Should().NotBeNull();

        host.Service<ProbeHandlerSwitch>().Broken = false;
        var administration = host.Service<EventsAdministration>();
        (await administration.ReplayAsync(ProbeModule.Name, dead.EventId, CancellationToken.None)).Should().BeTrue();
        await Eventually.TrueAsync(async () => (await host.PingsAsync()).Any(a => a.EventId == dead.EventId), Patience, "the replayed event should be applied");

        (await administration.ReplayAsync(ProbeModule.Name, dead.EventId, CancellationToken.None)).Should().BeFalse("it is no longer dead");
        var applied = await host.PingsAsync();
        applied.Should().HaveCount(31);
        applied.Duplicates().Should().BeEmpty();
        (await host.InboxAsync()).Single(m => m.EventId == dead.EventId).Status.Should().Be(InboxStatus.Processed);
    }

    [Test]
    public async Task A_discarded_dead_letter_is_never_applied()
    {
        using var host = new NexusHostFactory(new Dictionary<string, string?> { ["Events:MaxAttempts"] = "1" }).WithProbe();
        _ = host.Server;
        await host.EmitAsync(0, 1, poison: true);
        await Eventually.TrueAsync(async () => (await host.InboxAsync()).Any(m => m.Status == InboxStatus.DeadLettered), Patience, "one attempt allowed");
        var dead = (await host.InboxAsync()).Single();

        (await host.Service<EventsAdministration>().DiscardAsync(ProbeModule.Name, dead.EventId, CancellationToken.None)).Should().BeTrue();
        host.Service<ProbeHandlerSwitch>().Broken = false;
        await Task.Delay(500); // the retry worker polls every 250 ms: give it the chance to (wrongly) pick it up
        (await host.InboxAsync()).Single().Status.Should().Be(InboxStatus.Discarded);
        (await host.PingsAsync()).Should().BeEmpty();
    }
}
