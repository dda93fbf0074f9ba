using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Nexus.Modules.Ordering.Contracts.Events;
using Nexus.Testing.Events;

namespace Nexus.EndToEndTests.SubApps;

/// <summary>Publishes ordering.order-paid the way Ordering will (through an outbox), until the Ordering module lands.</summary>
internal static class OrderPaidEvents
{
    public static async Task PublishAsync(NexusHostFactory publisher, string customerId, string productName, bool digital)
    {
        await using var scope = publisher.Services.CreateAsyncScope();
        var line = new PaidOrderLine(Guid.CreateVersion7(), productName, 1, 4900, "EUR", digital);
        await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new PublishThroughProbe(new OrderPaid(Guid.CreateVersion7(), customerId, [line])));
    }
}
