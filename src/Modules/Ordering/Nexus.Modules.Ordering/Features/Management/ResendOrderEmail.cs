using MediatR;
using Nexus.Modules.Ordering.Data;
using Nexus.Modules.Ordering.Domain;
using Nexus.Shared.Abstractions.Application;

namespace Nexus.Modules.Ordering.Features.Management;

/// <summary>
/// Sends the customer the e-mail that fits where the order stands now (placed, paid, shipped, delivered, cancelled,
/// refunded) once more — Admin and Support, when a customer says it never arrived. Null when there is no such order.
/// </summary>
internal sealed record ResendOrderEmail(string Number, OrderActor Actor) : ICommand<OrderActionResult?>;

internal sealed class ResendOrderEmailHandler(OrderingDbContext db, OrderEmails emails, OrderChangeEvents changes) : IRequestHandler<ResendOrderEmail, OrderActionResult?>
{
    public async Task<OrderActionResult?> Handle(ResendOrderEmail request, CancellationToken cancellationToken)
    {
        if (await db.ByNumberAsync(request.Number, cancellationToken) is not { } order)
        {
            return null;
        }

        string which;
        switch (order.Status)
        {
            case OrderStatus.Pending:
                await emails.SendPlacedAsync(order, cancellationToken);
                which = "order received";
                break;
            case OrderStatus.Shipped when order.Shipments.Count > 0:
                await emails.SendShippedAsync(order, order.Shipments.OrderBy(s => s.ShippedAt).Last(), cancellationToken);
                which = "shipped";
                break;
            case OrderStatus.Delivered:
                await emails.SendDeliveredAsync(order, cancellationToken);
                which = "delivered";
                break;
            case OrderStatus.Cancelled:
                await emails.SendCancelledAsync(order, cancellationToken);
                which = "cancelled";
                break;
            case OrderStatus.Refunded or OrderStatus.PartiallyRefunded when order.Refunds.LastOrDefault(r => r.Status == OrderRefundStatus.Succeeded) is { } refund:
                await emails.SendRefundedAsync(order, refund, cancellationToken);
                which = "refunded";
                break;
            default:
                await emails.SendPaidAsync(order, cancellationToken);
                which = "payment received";
                break;
        }

        changes.StaffAction(request.Actor, order, "order.resend-email", which);
        return OrderActionResult.Ok($"The \"{which}\" e-mail was sent again to {order.Email}.");
    }
}
