using Nexus.Modules.Ordering.Domain;
using Nexus.Modules.Payments.Contracts.Events;
using Nexus.Shared.Abstractions.Messaging;

namespace Nexus.Modules.Ordering.Features.Payment;

/// <summary>
/// Payments says a payment was captured (answer, webhook or reconciliation — possibly twice, possibly racing the
/// shopper's own request): the order is marked paid once, its stock committed, <c>OrderPaid</c> published.
/// References that are not order numbers (payments some other part opened) are not Ordering's business.
/// </summary>
internal sealed class PaymentSucceededHandler(OrderPaymentRecorder recorder) : IIntegrationEventHandler<PaymentSucceeded>
{
    public async Task HandleAsync(PaymentSucceeded integrationEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(integrationEvent);
        if (OrderNumber.LooksValid(integrationEvent.OrderReference))
        {
            await recorder.SucceededAsync(integrationEvent.PaymentId, integrationEvent.OrderReference, cancellationToken);
        }
    }
}

/// <summary>A card was declined: the order stays unpaid (the shopper may try another card) and <c>OrderPaymentFailed</c> is published.</summary>
internal sealed class PaymentFailedHandler(OrderPaymentRecorder recorder) : IIntegrationEventHandler<PaymentFailed>
{
    public async Task HandleAsync(PaymentFailed integrationEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(integrationEvent);
        if (OrderNumber.LooksValid(integrationEvent.OrderReference))
        {
            await recorder.FailedAsync(integrationEvent.PaymentId, integrationEvent.OrderReference, integrationEvent.FailureMessage, cancellationToken);
        }
    }
}
