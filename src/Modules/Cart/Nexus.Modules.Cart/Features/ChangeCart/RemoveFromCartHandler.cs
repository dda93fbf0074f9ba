using MediatR;

namespace Nexus.Modules.Cart.Features.ChangeCart;

internal sealed class RemoveFromCartHandler : IRequestHandler<RemoveFromCart, CartChange>
{
    private readonly CartStore store;
    private readonly TimeProvider clock;

    public RemoveFromCartHandler(CartStore store, TimeProvider clock)
    {
        this.store = store;
        this.clock = clock;
    }

    public async Task<CartChange> Handle(RemoveFromCart request, CancellationToken cancellationToken)
    {
        var cart = await store.FindAsync(request.Owner, cancellationToken);
        var line = cart?.Line(request.LineId);
        if (cart is null || line is null)
        {
            return CartChange.NotFound("That item is not in your cart.");
        }

        cart.Remove(line, clock.GetUtcNow().UtcDateTime);
        await store.PublishUpdatedAsync(cart, "removed", cancellationToken);
        return new CartChange(true, true, "Removed from your cart.", cart.Id, cart.ItemCount);
    }
}
