using System.Globalization;
using MediatR;
using Nexus.Modules.Ordering.Data;
using Nexus.Modules.Ordering.Domain;
using Nexus.Shared.Abstractions.Application;

namespace Nexus.Modules.Ordering.Features.Management;

/// <summary>
/// Records a pending refund of <see cref="AmountMinor"/> (Admin), for some lines or for an amount only. Never more
/// than paid − refunded − pending refunds: the order's version makes two refunds asked at the same moment exclusive
/// (the second save fails, <see cref="OrderManagement.RefundAsync"/> retries it against the first).
/// </summary>
internal sealed record RequestOrderRefund(string Number, long AmountMinor, string Reason, IReadOnlyList<OrderLineQuantity> Lines, OrderActor Actor) : ICommand<OrderRefundStep?>;

internal sealed class RequestOrderRefundHandler(OrderingDbContext db, TimeProvider clock, OrderChangeEvents changes) : IRequestHandler<RequestOrderRefund, OrderRefundStep?>
{
    public async Task<OrderRefundStep?> Handle(RequestOrderRefund request, CancellationToken cancellationToken)
    {
        if (await db.ByNumberAsync(request.Number, cancellationToken) is not { } order)
        {
            return null;
        }

        if (order.PaidPaymentId is not { } paymentId)
        {
            return new OrderRefundStep(OrderActionResult.Refused("An order that was never paid has nothing to refund."), order.Id, null);
        }

        var (result, refund) = order.RequestRefund(request.AmountMinor, request.Reason ?? string.Empty, request.Lines ?? [], request.Actor.Email, clock.GetUtcNow().UtcDateTime);
        if (refund is null)
        {
            return new OrderRefundStep(result, order.Id, null);
        }

        changes.StaffAction(request.Actor, order, "order.refund", string.Create(CultureInfo.InvariantCulture, $"{refund.AmountMinor} {order.Currency} minor units: {refund.Reason}"));
        return new OrderRefundStep(result, order.Id, new PaymentRefundRequest(order.Number, refund.Id, paymentId, refund.AmountMinor, refund.Reason));
    }
}
