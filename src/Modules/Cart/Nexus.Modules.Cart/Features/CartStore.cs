using Microsoft.EntityFrameworkCore;
using Nexus.Modules.Cart.Contracts;
using Nexus.Modules.Cart.Contracts.Events;
using Nexus.Modules.Cart.Data;
using Nexus.Modules.Cart.Domain;
using Nexus.Shared.Abstractions.Messaging;

namespace Nexus.Modules.Cart.Features;

/// <summary>
/// Finds the owner's cart (a signed-in customer's wins over a guest token) and publishes <see cref="CartUpdated"/> after
/// a change, with the item count and the subtotal at the catalog's current prices.
/// </summary>
internal sealed class CartStore
{
    private readonly CartDbContext db;
    private readonly CartPricer pricer;
    private readonly IIntegrationEventPublisher events;

    public CartStore(CartDbContext db, CartPricer pricer, IIntegrationEventPublisher events)
    {
        this.db = db;
        this.pricer = pricer;
        this.events = events;
    }

    public Task<ShoppingCart?> FindAsync(CartOwner owner, CancellationToken cancellationToken, bool tracking = true)
    {
        ArgumentNullException.ThrowIfNull(owner);
        var carts = tracking ? db.Carts.Include(c => c.Lines) : db.Carts.AsNoTracking().Include(c => c.Lines);
        if (!string.IsNullOrWhiteSpace(owner.CustomerId))
        {
            return carts.SingleOrDefaultAsync(c => c.CustomerId == owner.CustomerId, cancellationToken);
        }

        return string.IsNullOrWhiteSpace(owner.GuestToken)
            ? Task.FromResult<ShoppingCart?>(null)
            : carts.SingleOrDefaultAsync(c => c.GuestToken == owner.GuestToken, cancellationToken);
    }

    /// <summary>The owner's cart, created (not yet saved: the unit of work saves it with the change) when there is none.</summary>
    public async Task<ShoppingCart> FindOrCreateAsync(CartOwner owner, DateTime now, CancellationToken cancellationToken)
    {
        var cart = await FindAsync(owner, cancellationToken);
        if (cart is not null)
        {
            return cart;
        }

        cart = !string.IsNullOrWhiteSpace(owner.CustomerId) ? ShoppingCart.ForCustomer(owner.CustomerId, now) : ShoppingCart.ForGuest(owner.GuestToken!, now);
        db.Carts.Add(cart);
        return cart;
    }

    public async Task PublishUpdatedAsync(ShoppingCart cart, string change, CancellationToken cancellationToken)
    {
        var variants = await pricer.VariantsAsync(cart.Lines.Select(l => l.VariantId), cancellationToken);
        long subtotal = 0;
        foreach (var line in cart.Lines)
        {
            if (variants.TryGetValue(line.VariantId, out var v) && v.IsPurchasable)
            {
                subtotal = checked(subtotal + (v.UnitPriceMinor * line.Quantity));
            }
        }

        var currency = variants.Values.Select(v => v.Currency).FirstOrDefault() ?? pricer.ShopCurrency;
        events.Publish(new CartUpdated(cart.Id, cart.CustomerId, cart.GuestToken, cart.ItemCount, subtotal, currency, change));
    }

    /// <summary>A customer's key for coupon limits (their id); guests are checked per e-mail at checkout.</summary>
    public static string? CustomerKey(CartOwner owner) => string.IsNullOrWhiteSpace(owner.CustomerId) ? null : owner.CustomerId;
}
