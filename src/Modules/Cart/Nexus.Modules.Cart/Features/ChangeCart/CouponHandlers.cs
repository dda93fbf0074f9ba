using MediatR;
using Nexus.Modules.Cart.Contracts;

namespace Nexus.Modules.Cart.Features.ChangeCart;

internal sealed class ApplyCouponToCartHandler : IRequestHandler<ApplyCouponToCart, CartChange>
{
    private readonly CartStore store;
    private readonly CartPricer pricer;
    private readonly TimeProvider clock;

    public ApplyCouponToCartHandler(CartStore store, CartPricer pricer, TimeProvider clock)
    {
        this.store = store;
        this.pricer = pricer;
        this.clock = clock;
    }

    public async Task<CartChange> Handle(ApplyCouponToCart request, CancellationToken cancellationToken)
    {
        var cart = await store.FindAsync(request.Owner, cancellationToken);
        if (cart is null || cart.Lines.Count == 0)
        {
            return new CartChange(true, false, "Add something to your cart before entering a discount code.", cart?.Id, 0);
        }

        var priced = await pricer.PriceAsync(cart, ShippingMethods.Standard, CartStore.CustomerKey(request.Owner), cancellationToken);
        var code = request.Code.Trim();
        var evaluation = await pricer.EvaluateAsync(code, CartStore.CustomerKey(request.Owner), priced.Totals.SubtotalMinor, priced.Currency, cancellationToken);
        if (!evaluation.Applies)
        {
            // The cart keeps the code it had (if any): a code that does not apply changes nothing.
            return new CartChange(true, false, $"The code {code} does not apply: {evaluation.Message}", cart.Id, cart.ItemCount);
        }

        cart.ApplyCoupon(evaluation.Code, clock.GetUtcNow().UtcDateTime);
        await store.PublishUpdatedAsync(cart, "coupon-applied", cancellationToken);
        return new CartChange(true, true, $"Code {evaluation.Code} applied: {evaluation.Message}", cart.Id, cart.ItemCount);
    }
}

internal sealed class RemoveCouponFromCartHandler : IRequestHandler<RemoveCouponFromCart, CartChange>
{
    private readonly CartStore store;
    private readonly TimeProvider clock;

    public RemoveCouponFromCartHandler(CartStore store, TimeProvider clock)
    {
        this.store = store;
        this.clock = clock;
    }

    public async Task<CartChange> Handle(RemoveCouponFromCart request, CancellationToken cancellationToken)
    {
        var cart = await store.FindAsync(request.Owner, cancellationToken);
        if (cart?.CouponCode is null)
        {
            return new CartChange(true, false, "Your cart has no discount code.", cart?.Id, cart?.ItemCount ?? 0);
        }

        var code = cart.CouponCode;
        cart.RemoveCoupon(clock.GetUtcNow().UtcDateTime);
        await store.PublishUpdatedAsync(cart, "coupon-removed", cancellationToken);
        return new CartChange(true, true, $"Code {code} removed.", cart.Id, cart.ItemCount);
    }
}
