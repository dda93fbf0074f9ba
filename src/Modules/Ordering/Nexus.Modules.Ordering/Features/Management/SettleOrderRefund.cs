using MediatR;
using Nexus.Modules.Payments.Contracts.Events;
using Nexus.Shared.Abstractions.Application;
using Nexus.Shared.Abstractions.Messaging;

namespace Nexus.Modules.Ordering.Features.Management;

/// <summary>Payments refused a refund the order asked for (over-refund, payment not captured): the refund fails.</summary>
internal sealed record MarkOrderRefundFailed(string OrderNumber, Guid RefundId, string Message) : ICommand<bool>;

internal sealed class MarkOrderRefundFailedHandler(OrderRefundSettlement settlement) : IRequestHandler<MarkOrderRefundFailed, bool>
{
    public Task<bool> Handle(MarkOrderRefundFailed request, CancellationToken cancellationToken) =>
        settlement.FailedAsync(request.OrderNumber, request.RefundId, request.Message, cancellationToken);
}

/// <summary>
/// The provider confirmed a refund (its answer or its webhook, through Payments' <see cref="RefundSucceeded"/>). The
/// refund's id is the order's refund id (Ordering passes it to <c>RefundPayment</c>); a refund the shop did not ask for
/// through an order (made at the provider's dashboard) names no order refund and changes nothing here.
/// </summary>
internal sealed class RefundSucceededHandler(OrderRefundSettlement settlement) : IIntegrationEventHandler<RefundSucceeded>
{
    public async Task HandleAsync(RefundSucceeded integrationEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(integrationEvent);
        if (Domain.OrderNumber.LooksValid(integrationEvent.OrderReference))
        {
            await settlement.SucceededAsync(integrationEvent.OrderReference, integrationEvent.RefundId, cancellationToken);
        }
    }
}
