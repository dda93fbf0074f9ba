using System.Globalization;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Nexus.Modules.Cart.Contracts;
using Nexus.Modules.Catalog.Contracts.Inventory;
using Nexus.Modules.Ordering.Data;
using Nexus.Modules.Ordering.Domain;
using Nexus.Modules.Ordering.Features.Cancellation;
using Nexus.Modules.Ordering.Features.Orders;
using Nexus.Modules.Promotions.Contracts;

namespace Nexus.Modules.Ordering.Features.PlaceOrder;

/// <summary>
/// Places an order from the shopper's cart, step by step, each step a command of its own module with its own commit
/// (docs/decisions/0022):
/// <list type="number">
/// <item>the order is written, pending, with the cart's lines and totals (<see cref="CreateOrder"/>; idempotency key unique);</item>
/// <item>Catalog reserves the stock (<see cref="ReserveStock"/>, per order number: all lines or none);</item>
/// <item>Promotions redeems the coupon (<see cref="RedeemCoupon"/>, per order number);</item>
/// <item>the cart records the checkout (<see cref="CheckOutCart"/>; it keeps its lines until the order is paid);</item>
/// <item>the order is marked placed and <c>OrderPlaced</c> published (<see cref="CompletePlacement"/>).</item>
/// </list>
/// Every step is idempotent for the order, so a retried or doubled request (same key) runs the same steps again and
/// lands on the same order; a refusal (stock short, coupon no longer valid) cancels the order and gives back what was
/// taken; a process that dies between steps leaves a pending, unplaced order that the next retry resumes or the
/// unpaid-order job cancels and releases.
/// </summary>
internal sealed partial class CheckoutPlacement(IMediator mediator, UnpaidOrderSweep release, OrderingDbContext db, ILogger<CheckoutPlacement> logger)
{
    private const int NumberAttempts = 3;

    public async Task<PlacementResult> PlaceAsync(PlaceOrderRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var existing = await mediator.Send(new GetOrderByCheckoutKey(request.IdempotencyKey), cancellationToken);
        if (existing is not null)
        {
            return await ResumeAsync(existing, request, cancellationToken);
        }

        var cart = await mediator.Send(new GetCartForCheckout(request.Owner, request.ShippingMethod), cancellationToken);
        if (cart is not null && await ReplaceUnpaidOrdersAsync(cart.CartId, request.IdempotencyKey, cancellationToken))
        {
            // Their stock and coupon use are back: the cart is priced again without them.
            cart = await mediator.Send(new GetCartForCheckout(request.Owner, request.ShippingMethod), cancellationToken);
        }

        if (cart is null || cart.Lines.Count == 0)
        {
            return PlacementResult.Refused(true, "Your cart is empty.");
        }

        if (cart.Problems.Count > 0)
        {
            return PlacementResult.Refused(true, [.. cart.Problems]);
        }

        if (request.ExpectedTotalMinor is { } expected && expected != cart.Totals.TotalMinor)
        {
            return PlacementResult.Refused(false, "Your cart changed since you reviewed it (a price, the stock or a coupon). Please check the new total and place the order again.");
        }

        var draft = new OrderDraft(
            request.IdempotencyKey,
            cart.CartId,
            request.CustomerId,
            request.Email,
            cart.Currency,
            [.. cart.Lines.Select(l => new OrderDraftLine(l.VariantId, l.ProductId, l.Sku, l.ProductName, l.VariantTitle, l.Quantity, l.UnitPriceMinor, l.LineTotalMinor, l.IsDigital))],
            cart.Totals.SubtotalMinor,
            cart.Totals.DiscountMinor,
            cart.Totals.TaxMinor,
            cart.RequiresShipping ? cart.Totals.ShippingMinor : 0,
            cart.Totals.TotalMinor,
            cart.CouponCode,
            cart.RequiresShipping ? request.ShippingMethod : null,
            cart.RequiresShipping ? request.ShippingAddress : null,
            request.BillingAddress);

        var order = await CreateAsync(draft, cancellationToken);
        return await ResumeAsync(order, request, cancellationToken);
    }

    private async Task<OrderView> CreateAsync(OrderDraft draft, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await mediator.Send(new CreateOrder(draft), cancellationToken);
            }
            catch (DbUpdateException) when (attempt < NumberAttempts)
            {
                // Either the same key was written by a racing request (a double click) — then that order is the one —
                // or the random number collided with another order's; then the next attempt draws a new number. The
                // refused insert must not stay tracked: the next Ordering command in this request would repeat it.
                db.ChangeTracker.Clear();
            }

            var order = await mediator.Send(new GetOrderByCheckoutKey(draft.IdempotencyKey), cancellationToken);
            if (order is not null)
            {
                return order;
            }
        }
    }

    private async Task<PlacementResult> ResumeAsync(OrderView order, PlaceOrderRequest request, CancellationToken cancellationToken)
    {
        if (order.CustomerId != request.CustomerId)
        {
            // The key of someone else's checkout (never the case for a shopper's own form): no access to that order.
            return PlacementResult.Refused(false, "This checkout was started by another account. Please start again from your cart.");
        }

        if (order.Status == OrderStatus.Cancelled)
        {
            return PlacementResult.Refused(true, order.CancelReason ?? "This order was cancelled.");
        }

        if (order.PlacedAt is not null)
        {
            return PlacementResult.Success(order.Id, order.Number);
        }

        var stock = await mediator.Send(new ReserveStock(order.Number, [.. order.Lines.GroupBy(l => l.VariantId).Select(g => new StockRequest(g.Key, g.Sum(l => l.Quantity)))]), cancellationToken);
        if (!stock.Reserved)
        {
            var names = order.Lines.ToDictionary(l => l.VariantId, l => string.IsNullOrEmpty(l.VariantTitle) ? l.ProductName : $"{l.ProductName} ({l.VariantTitle})");
            var problems = stock.Shortages.Select(s => s.Available <= 0
                ? $"{names.GetValueOrDefault(s.VariantId, s.Sku)} is sold out."
                : $"{names.GetValueOrDefault(s.VariantId, s.Sku)}: only {s.Available.ToString(CultureInfo.InvariantCulture)} left (you asked for {s.Requested.ToString(CultureInfo.InvariantCulture)}).").ToArray();
            await AbandonAsync(order, "Not enough stock", cancellationToken);
            return PlacementResult.Refused(true, problems.Length > 0 ? problems : ["Some items are no longer available."]);
        }

        if (order.CouponCode is { } code)
        {
            var customerKey = order.CustomerId ?? order.Email;
            var coupon = await mediator.Send(new RedeemCoupon(code, order.Number, customerKey, order.SubtotalMinor, order.Currency), cancellationToken);
            if (!coupon.Applies || coupon.DiscountMinor != order.DiscountMinor)
            {
                await AbandonAsync(order, "Coupon no longer applies", cancellationToken);
                return PlacementResult.Refused(true, coupon.Applies
                    ? $"The discount of {coupon.Code} changed. Please review your cart."
                    : coupon.Message);
            }
        }

        var cartId = await CartIdAsync(order, cancellationToken);
        try
        {
            // The cart keeps its lines until the order is paid (a declined card leaves it intact); it records which
            // quantities this order took, to remove exactly those when OrderPaymentReceived arrives (decision 0023).
            await mediator.Send(
                new CheckOutCart(cartId, order.Id, order.Number, order.CouponCode, [.. order.Lines.GroupBy(l => l.VariantId).Select(g => new CheckedOutLine(g.Key, g.Sum(l => l.Quantity)))]),
                cancellationToken);
        }
        catch (DbUpdateException)
        {
            // A twin request of this checkout (same key) recorded it at the same moment (the order id is the key).
        }

        try
        {
            await mediator.Send(new CompletePlacement(order.Id), cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            // The twin request completed placing at the same moment (the order's version): it is placed, once.
            db.ChangeTracker.Clear();
        }

        LogPlaced(order.Number, order.TotalMinor, order.Currency);
        return PlacementResult.Success(order.Id, order.Number);
    }

    /// <summary>
    /// A shopper who left an unpaid order (a declined card, a challenge abandoned) and checks out again from the same
    /// cart replaces it: the earlier order is cancelled and its stock and coupon use given back by the usual rules, so
    /// nothing is held twice. An order paid or cancelled at this very moment is left as it is (the cancel loses on the
    /// order's version, or finds it no longer pending). Answers whether anything was given back.
    /// </summary>
    private async Task<bool> ReplaceUnpaidOrdersAsync(Guid cartId, string idempotencyKey, CancellationToken cancellationToken)
    {
        const string Reason = "Replaced by a new checkout from the same cart";
        var replaced = false;
        foreach (var earlier in await mediator.Send(new GetUnpaidCheckouts(cartId), cancellationToken))
        {
            if (await db.Orders.AnyAsync(o => o.Id == earlier.OrderId && o.IdempotencyKey == idempotencyKey, cancellationToken))
            {
                // The twin of this very request (a double click) placed it a moment ago: it is this checkout's order.
                continue;
            }

            bool cancelled;
            try
            {
                cancelled = await mediator.Send(new CancelUnpaidOrder(earlier.OrderId, Reason), cancellationToken);
            }
            catch (DbUpdateConcurrencyException)
            {
                // Paid (or changed) at this moment: the payment won, and its OrderPaymentReceived settles the cart.
                db.ChangeTracker.Clear();
                continue;
            }

            if (cancelled)
            {
                await release.ReleaseAsync(earlier.OrderId, earlier.OrderNumber, Reason, cancellationToken);
                LogReplaced(earlier.OrderNumber);
                replaced = true;
            }
        }

        return replaced;
    }

    private async Task<Guid> CartIdAsync(OrderView order, CancellationToken cancellationToken) =>
        await mediator.Send(new GetOrderCartId(order.Id), cancellationToken);

    private async Task AbandonAsync(OrderView order, string reason, CancellationToken cancellationToken)
    {
        try
        {
            await mediator.Send(new CancelUnpaidOrder(order.Id, reason), cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            // A racing twin of this request changed the order first; the release below is idempotent either way.
            db.ChangeTracker.Clear();
        }

        await release.ReleaseAsync(order.Id, order.Number, reason, cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Unpaid order {Number} cancelled: its cart is being checked out again")]
    private partial void LogReplaced(string number);

    [LoggerMessage(Level = LogLevel.Information, Message = "Order {Number} placed ({Total} minor units {Currency})")]
    private partial void LogPlaced(string number, long total, string currency);
}
