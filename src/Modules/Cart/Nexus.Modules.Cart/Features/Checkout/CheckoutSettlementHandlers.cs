using Microsoft.EntityFrameworkCore;
using Nexus.Modules.Cart.Data;
using Nexus.Modules.Ordering.Contracts.Events;
using Nexus.Shared.Abstractions.Messaging;

namespace Nexus.Modules.Cart.Features.Checkout;

/// <summary>
/// The order placed from a cart was paid: the ordered quantities and its coupon leave the cart (in the inbox's unit
/// of work, so a second delivery finds the checkout settled and changes nothing). An order placed before carts kept
/// their lines has no checkout record and nothing to do.
/// </summary>
internal sealed class OrderPaymentReceivedHandler(CartDbContext db, CartStore store, TimeProvider clock) : IIntegrationEventHandler<OrderPaymentReceived>
{
    public async Task HandleAsync(OrderPaymentReceived integrationEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(integrationEvent);
        var checkout = await db.Checkouts.Include(c => c.Lines).FirstOrDefaultAsync(c => c.OrderId == integrationEvent.OrderId, cancellationToken);
        if (checkout is null)
        {
            return;
        }

        var cart = await db.Carts.Include(c => c.Lines).FirstOrDefaultAsync(c => c.Id == checkout.CartId, cancellationToken);
        if (checkout.SettlePaid(cart, clock.GetUtcNow().UtcDateTime) && cart is not null)
        {
            await store.PublishUpdatedAsync(cart, "checked-out", cancellationToken);
        }
    }
}

/// <summary>The order placed from a cart was cancelled: the checkout is closed and the cart keeps every line.</summary>
internal sealed class OrderCancelledHandler(CartDbContext db, TimeProvider clock) : IIntegrationEventHandler<OrderCancelled>
{
    public async Task HandleAsync(OrderCancelled integrationEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(integrationEvent);
        var checkout = await db.Checkouts.FirstOrDefaultAsync(c => c.OrderId == integrationEvent.OrderId, cancellationToken);
        checkout?.SettleCancelled(clock.GetUtcNow().UtcDateTime);
    }
}
