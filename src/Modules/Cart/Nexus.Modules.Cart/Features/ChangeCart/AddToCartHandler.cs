using MediatR;
using Microsoft.Extensions.Options;

namespace Nexus.Modules.Cart.Features.ChangeCart;

internal sealed class AddToCartHandler : IRequestHandler<AddToCart, CartChange>
{
    private readonly CartStore store;
    private readonly CartPricer pricer;
    private readonly CartOptions options;
    private readonly TimeProvider clock;

    public AddToCartHandler(CartStore store, CartPricer pricer, IOptions<CartOptions> options, TimeProvider clock)
    {
        this.store = store;
        this.pricer = pricer;
        this.options = options.Value;
        this.clock = clock;
    }

    public async Task<CartChange> Handle(AddToCart request, CancellationToken cancellationToken)
    {
        var variants = await pricer.VariantsAsync([request.VariantId], cancellationToken);
        if (!variants.TryGetValue(request.VariantId, out var variant) || !variant.IsPurchasable)
        {
            // Unknown and withdrawn variants look the same from outside: there is nothing to add.
            return CartChange.NotFound("That product is not for sale.");
        }

        var name = variant.VariantTitle.Length > 0 ? $"{variant.ProductName} ({variant.VariantTitle})" : variant.ProductName;
        if (variant.Available <= 0)
        {
            var existing = await store.FindAsync(request.Owner, cancellationToken, tracking: false);
            return new CartChange(true, false, $"{name} is sold out.", existing?.Id, existing?.ItemCount ?? 0);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var cart = await store.FindOrCreateAsync(request.Owner, now, cancellationToken);
        var line = cart.LineFor(request.VariantId);
        if (line is null && cart.Lines.Count >= options.MaxLines)
        {
            return new CartChange(true, false, $"A cart holds at most {options.MaxLines} different products; remove one to add another.", cart.Id, cart.ItemCount);
        }

        var before = line?.Quantity ?? 0;
        var limit = Math.Min(options.MaxQuantityPerLine, variant.Available);
        if (before >= limit)
        {
            return new CartChange(true, false, $"Your cart already holds {before} × {name}, as many as you can buy.", cart.Id, cart.ItemCount);
        }

        var after = cart.Add(request.VariantId, request.Quantity, variant.UnitPriceMinor, limit, now);
        await store.PublishUpdatedAsync(cart, "added", cancellationToken);
        var message = after - before < request.Quantity
            ? $"Only {after - before} more of {name} could be added: your cart now holds {after}, as many as you can buy."
            : $"Added {request.Quantity} × {name} to your cart.";
        return new CartChange(true, true, message, cart.Id, cart.ItemCount);
    }
}
