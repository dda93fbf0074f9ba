using MediatR;
using Microsoft.Extensions.Options;

namespace Nexus.Modules.Cart.Features.ChangeCart;

internal sealed class ChangeCartQuantityHandler : IRequestHandler<ChangeCartQuantity, CartChange>
{
    private readonly CartStore store;
    private readonly CartPricer pricer;
    private readonly CartOptions options;
    private readonly TimeProvider clock;

    public ChangeCartQuantityHandler(CartStore store, CartPricer pricer, IOptions<CartOptions> options, TimeProvider clock)
    {
        this.store = store;
        this.pricer = pricer;
        this.options = options.Value;
        this.clock = clock;
    }

    public async Task<CartChange> Handle(ChangeCartQuantity request, CancellationToken cancellationToken)
    {
        var cart = await store.FindAsync(request.Owner, cancellationToken);
        // Another shopper's line id finds nothing here: lines are only looked for inside the owner's own cart.
        var line = cart?.Line(request.LineId);
        if (cart is null || line is null)
        {
            return CartChange.NotFound("That item is not in your cart.");
        }

        var now = clock.GetUtcNow().UtcDateTime;
        if (request.Quantity == 0)
        {
            cart.Remove(line, now);
            await store.PublishUpdatedAsync(cart, "removed", cancellationToken);
            return new CartChange(true, true, "Removed from your cart.", cart.Id, cart.ItemCount);
        }

        var variants = await pricer.VariantsAsync([line.VariantId], cancellationToken);
        var available = variants.TryGetValue(line.VariantId, out var v) && v.IsPurchasable ? v.Available : 0;
        if (available <= 0)
        {
            return new CartChange(true, false, "This item cannot be bought now; remove it from your cart.", cart.Id, cart.ItemCount);
        }

        var quantity = Math.Min(request.Quantity, Math.Min(available, options.MaxQuantityPerLine));
        if (quantity == line.Quantity)
        {
            var unchanged = quantity < request.Quantity ? $"Only {available} left: your cart holds {quantity}." : "Your cart is up to date.";
            return new CartChange(true, false, unchanged, cart.Id, cart.ItemCount);
        }

        cart.SetQuantity(line, quantity, now);
        await store.PublishUpdatedAsync(cart, "quantity", cancellationToken);
        var message = quantity < request.Quantity ? $"Only {available} left: your cart now holds {quantity}." : "Quantity updated.";
        return new CartChange(true, true, message, cart.Id, cart.ItemCount);
    }
}
