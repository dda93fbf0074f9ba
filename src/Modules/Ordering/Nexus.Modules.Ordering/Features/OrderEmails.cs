using System.Globalization;
using MediatR;
using Nexus.Modules.Notifications.Contracts;
using Nexus.Modules.Ordering.Contracts.Events;
using Nexus.Modules.Ordering.Domain;
using Nexus.Modules.Ordering.Pages;
using Nexus.Shared.Abstractions.Messaging;
using Nexus.Shared.Globalization;
using Nexus.Shared.Web;

namespace Nexus.Modules.Ordering.Features;

/// <summary>
/// The order e-mails, through Notifications' <see cref="SendEmail"/> (its outbox sends them). Guests get a signed
/// link to their order; customers the account's order page.
/// </summary>
internal sealed class OrderEmails(IMediator mediator, PublicUrl publicUrl, OrderAccess access)
{
    public Task SendPlacedAsync(OrderPlaced placed, CancellationToken cancellationToken) =>
        mediator.Send(
            new SendEmail(placed.Email, EmailTemplates.OrderPlaced, Values(placed.OrderNumber, placed.CustomerId, placed.TotalMinor, placed.Currency, placed.Lines.Select(l => (l.ProductName, l.Quantity, l.UnitPriceMinor)))),
            cancellationToken);

    public Task SendPlacedAsync(Order order, CancellationToken cancellationToken) =>
        mediator.Send(
            new SendEmail(order.Email, EmailTemplates.OrderPlaced, Values(order.Number, order.CustomerId, order.TotalMinor, order.Currency, order.Lines.Select(l => (l.ProductName, l.Quantity, l.UnitPriceMinor)))),
            cancellationToken);

    public Task SendPaidAsync(Order order, CancellationToken cancellationToken) =>
        mediator.Send(
            new SendEmail(order.Email, EmailTemplates.OrderPaid, Values(order.Number, order.CustomerId, order.TotalMinor, order.Currency, order.Lines.Select(l => (l.ProductName, l.Quantity, l.UnitPriceMinor)))),
            cancellationToken);

    public Task SendShippedAsync(Order order, Shipment shipment, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(order);
        ArgumentNullException.ThrowIfNull(shipment);
        var values = Values(order.Number, order.CustomerId, order.TotalMinor, order.Currency, []);
        var units = shipment.Lines.Sum(l => l.Quantity);
        values["Shipped"] = order.FullyShipped && order.Shipments.Count == 1 ? "Everything" : $"{units.ToString(CultureInfo.InvariantCulture)} item{(units == 1 ? "" : "s")}";
        values["Carrier"] = Carriers.NameOf(shipment.Carrier);
        values["TrackingNumber"] = shipment.TrackingNumber;
        values["TrackingLink"] = shipment.TrackingUrl ?? values["Link"];
        return mediator.Send(new SendEmail(order.Email, EmailTemplates.OrderShipped, values), cancellationToken);
    }

    public Task SendDeliveredAsync(Order order, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(order);
        return mediator.Send(new SendEmail(order.Email, EmailTemplates.OrderDelivered, Values(order.Number, order.CustomerId, order.TotalMinor, order.Currency, [])), cancellationToken);
    }

    public Task SendCancelledAsync(Order order, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(order);
        var values = Values(order.Number, order.CustomerId, order.TotalMinor, order.Currency, []);
        values["Reason"] = string.IsNullOrEmpty(order.CancelReason) ? "cancelled" : order.CancelReason;
        values["Refund"] = order.PaidMinor > 0 ? $"What you paid ({Money.Format(order.PaidMinor, order.Currency)}) is being refunded to your card." : string.Empty;
        return mediator.Send(new SendEmail(order.Email, EmailTemplates.OrderCancelled, values), cancellationToken);
    }

    public Task SendRefundedAsync(Order order, OrderRefund refund, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(order);
        ArgumentNullException.ThrowIfNull(refund);
        var values = Values(order.Number, order.CustomerId, order.TotalMinor, order.Currency, []);
        values["Amount"] = Money.Format(refund.AmountMinor, order.Currency);
        values["Reason"] = refund.Reason;
        return mediator.Send(new SendEmail(order.Email, EmailTemplates.OrderRefunded, values), cancellationToken);
    }

    private Dictionary<string, string> Values(string number, string? customerId, long totalMinor, string currency, IEnumerable<(string Name, int Quantity, long UnitPriceMinor)> lines) => new()
    {
        ["OrderNumber"] = number,
        ["Total"] = Money.Format(totalMinor, currency),
        ["Items"] = string.Join('\n', lines.Select(l => $"{l.Quantity.ToString(CultureInfo.InvariantCulture)} × {l.Name} — {Money.Format(l.UnitPriceMinor * l.Quantity, currency)}")),
        ["Link"] = customerId is not null
            ? publicUrl.Absolute($"/account/orders/{number}")
            : publicUrl.Absolute($"/checkout/confirmation/{number}?t={Uri.EscapeDataString(access.Token(number))}"),
    };
}

/// <summary>The "we received your order" e-mail, once per placed order (Ordering's own event through its inbox).</summary>
internal sealed class OrderPlacedEmailHandler(OrderEmails emails) : IIntegrationEventHandler<OrderPlaced>
{
    public Task HandleAsync(OrderPlaced integrationEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(integrationEvent);
        return emails.SendPlacedAsync(integrationEvent, cancellationToken);
    }
}
