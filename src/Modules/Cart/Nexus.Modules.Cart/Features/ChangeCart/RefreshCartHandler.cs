using MediatR;
using Nexus.Modules.Cart.Contracts;

namespace Nexus.Modules.Cart.Features.ChangeCart;

internal sealed class RefreshCartHandler : IRequestHandler<RefreshCart, IReadOnlyList<string>>
{
    private readonly CartStore store;
    private readonly CartPricer pricer;
    private readonly TimeProvider clock;

    public RefreshCartHandler(CartStore store, CartPricer pricer, TimeProvider clock)
    {
        this.store = store;
        this.pricer = pricer;
        this.clock = clock;
    }

    public async Task<IReadOnlyList<string>> Handle(RefreshCart request, CancellationToken cancellationToken)
    {
        var cart = await store.FindAsync(request.Owner, cancellationToken);
        if (cart is null || cart.Lines.Count == 0)
        {
            return [];
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var messages = new List<string>();
        var priced = await pricer.PriceAsync(cart, ShippingMethods.Standard, CartStore.CustomerKey(request.Owner), cancellationToken);
        foreach (var line in priced.Lines.Where(l => l.State == LineState.AboveStock))
        {
            var name = line.VariantTitle.Length > 0 ? $"{line.ProductName} ({line.VariantTitle})" : line.ProductName;
            cart.SetQuantity(cart.Line(line.LineId)!, line.Available, now);
            messages.Add($"Only {line.Available} of {name} left: we lowered the quantity in your cart from {line.Quantity} to {line.Available}.");
        }

        if (priced.CouponCode is { } code && !priced.CouponApplies)
        {
            cart.RemoveCoupon(now);
            messages.Add($"The code {code} no longer applies and was removed: {priced.CouponMessage}");
        }

        if (messages.Count > 0)
        {
            await store.PublishUpdatedAsync(cart, "refreshed", cancellationToken);
        }

        return messages;
    }
}
