using Nexus.Modules.Licensing.Contracts;
using Nexus.Modules.Ordering.Contracts.Events;
using Nexus.Shared.Abstractions.Messaging;

namespace Nexus.Modules.Licensing.Features.IssueKeys;

/// <summary>A paid order's digital lines get their license keys (in the consumer's unit of work, with its inbox entry).</summary>
internal sealed class OrderPaidHandler : IIntegrationEventHandler<OrderPaid>
{
    private readonly KeyIssuance issuance;

    public OrderPaidHandler(KeyIssuance issuance) => this.issuance = issuance;

    public Task HandleAsync(OrderPaid integrationEvent, CancellationToken cancellationToken) =>
        issuance.IssueAsync(
            integrationEvent.OrderId,
            integrationEvent.CustomerId,
            integrationEvent.Lines.Where(l => l.IsDigital).Select(l => new LicensedOrderLine(l.ProductId, l.ProductName, l.Quantity)),
            cancellationToken);
}
