using MediatR;
using Microsoft.EntityFrameworkCore;
using Nexus.Modules.Catalog.Contracts.Inventory;
using Nexus.Modules.Ordering.Contracts.Events;
using Nexus.Modules.Ordering.Data;
using Nexus.Shared.Abstractions.Messaging;

namespace Nexus.Modules.Ordering.Features.Payment;

/// <summary>
/// What follows an order's payment, from Ordering's own <see cref="OrderPaymentReceived"/> through its inbox — so once
/// per order, however many tellings of the payment raced (the confirm answer, the return page, the webhook): the
/// reservation becomes a sale (<see cref="CommitStock"/>, idempotent per order) and the "payment received" e-mail goes.
/// The event is written only by the commit that marked the order paid, never by a telling that lost.
/// </summary>
internal sealed class PaidOrderFollowUpHandler(OrderingDbContext db, IMediator mediator, OrderEmails emails) : IIntegrationEventHandler<OrderPaymentReceived>
{
    public async Task HandleAsync(OrderPaymentReceived integrationEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(integrationEvent);
        await mediator.Send(new CommitStock(integrationEvent.OrderNumber), cancellationToken);
        var order = await db.Orders.AsNoTracking().Include(o => o.Lines).FirstOrDefaultAsync(o => o.Id == integrationEvent.OrderId, cancellationToken);
        if (order is not null)
        {
            await emails.SendPaidAsync(order, cancellationToken);
        }
    }
}
