using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Nexus.Modules.Catalog.Data;
using Nexus.Modules.Catalog.Features.CreateProduct;
using Nexus.Testing.Events;
using Nexus.Testing.Hosting;

namespace Nexus.IntegrationTests.Events;

/// <summary>
/// A command of one module (the probe) that sends another module's command (Catalog's CreateProduct) in the same
/// scope, both publishing: each event lands in the outbox of the module that published it, committed with that
/// module's change — and the outer command's events die with it when it fails after the inner one succeeded.
/// The worked example in docs/architecture.md ("Commands that send commands") points here.
/// </summary>
internal sealed class NestedCommandEventsTests
{
    private static readonly Guid Hardware = new("0193a000-0000-7000-8000-000000000001");
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Test]
    public async Task Events_published_in_a_nested_command_land_in_their_own_modules_outbox()
    {
        using var host = new NexusHostFactory().WithProbe();
        _ = host.Server;

        await SendAsync(host, new PingAroundCommand(7, CreateProductAsync("NEST-OK-01")));

        var (probeOutbox, catalogOutbox) = await OutboxesAsync(host);
        var outer = (await host.AppliedAsync()).Single(a => a.Kind == "outer");
        probeOutbox.Should().ContainSingle("the probe's outbox holds its own ping and nothing of Catalog's")
            .Which.Should().Be(("probe.pinged", outer.EventId));
        catalogOutbox.Where(m => m.Name == "probe.pinged").Should().BeEmpty("the outer module's event is not Catalog's");
        catalogOutbox.Should().Contain(m => m.Name == "catalog.product-created" && m.Payload.Contains("NEST-OK-01", StringComparison.Ordinal));

        await Eventually.TrueAsync(
            async () => (await host.AppliedAsync()) is var applied
                && applied.Any(a => a.Kind == "pinged" && a.Sequence == 7)
                && applied.Any(a => a.Kind == "product-created:NEST-OK-01"),
            Patience,
            "both events should be relayed from their own outboxes and delivered");
    }

    [Test]
    public async Task An_outer_command_failing_after_its_nested_command_succeeded_publishes_none_of_its_events()
    {
        using var host = new NexusHostFactory().WithProbe();
        _ = host.Server;

        var act = () => SendAsync(host, new PingAroundCommand(8, CreateProductAsync("NEST-FAIL-01"), FailAfterInner: true));
        await act.Should().ThrowAsync<InvalidOperationException>().WithMessage("*fails after its inner command*");

        // The inner command committed on its own, with its own event; the outer change and its event were never written.
        var (probeOutbox, catalogOutbox) = await OutboxesAsync(host);
        probeOutbox.Should().BeEmpty("the failed command's ping must not be staged anywhere");
        catalogOutbox.Where(m => m.Name == "probe.pinged").Should().BeEmpty();
        catalogOutbox.Should().Contain(m => m.Name == "catalog.product-created" && m.Payload.Contains("NEST-FAIL-01", StringComparison.Ordinal));
        await using (var scope = host.Services.CreateAsyncScope())
        {
            (await scope.ServiceProvider.GetRequiredService<CatalogDbContext>().Products.AnyAsync(p => p.Sku == "NEST-FAIL-01")).Should().BeTrue();
        }

        // Delivery goes on for the inner event; the outer one never arrives.
        await Eventually.TrueAsync(
            async () => (await host.AppliedAsync()).Any(a => a.Kind == "product-created:NEST-FAIL-01"),
            Patience,
            "the nested command's event should be delivered");
        (await host.AppliedAsync()).Should().NotContain(a => a.Kind == "outer" || a.Kind == "pinged", "the failed command's change and event are gone");
    }

    private static Func<IMediator, CancellationToken, Task> CreateProductAsync(string sku) =>
        (mediator, cancellationToken) => mediator.Send(new CreateProduct(sku, "Nested Lamp", "", 1200, "EUR", Hardware, false, 1), cancellationToken);

    private static async Task SendAsync(NexusHostFactory host, PingAroundCommand command)
    {
        await using var scope = host.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<IMediator>().Send(command);
    }

    private static async Task<(List<(string Name, Guid Id)> Probe, List<(string Name, string Payload)> Catalog)> OutboxesAsync(NexusHostFactory host)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var probe = await scope.ServiceProvider.GetRequiredService<ProbeDbContext>().Outbox.AsNoTracking().Select(m => new { m.Name, m.Id }).ToListAsync();
        var catalog = await scope.ServiceProvider.GetRequiredService<CatalogDbContext>().Outbox.AsNoTracking().Select(m => new { m.Name, m.Payload }).ToListAsync();
        return (probe.Select(m => (m.Name, m.Id)).ToList(), catalog.Select(m => (m.Name, m.Payload)).ToList());
    }
}
