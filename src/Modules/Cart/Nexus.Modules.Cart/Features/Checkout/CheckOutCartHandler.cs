using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Nexus.Modules.Cart.Contracts;
using Nexus.Modules.Cart.Data;
using Nexus.Modules.Cart.Features.ChangeCart;

namespace Nexus.Modules.Cart.Features.Checkout;

/// <summary>Empties the cart an order was placed from (lines and coupon); a second call finds it empty and answers false.</summary>
internal sealed class CheckOutCartHandler : IRequestHandler<CheckOutCart, bool>
{
    private readonly CartDbContext db;
    private readonly CartStore store;
    private readonly TimeProvider clock;

    public CheckOutCartHandler(CartDbContext db, CartStore store, TimeProvider clock)
    {
        this.db = db;
        this.store = store;
        this.clock = clock;
    }

    public async Task<bool> Handle(CheckOutCart request, CancellationToken cancellationToken)
    {
        var cart = await db.Carts.Include(c => c.Lines).SingleOrDefaultAsync(c => c.Id == request.CartId, cancellationToken);
        if (cart is null || (cart.Lines.Count == 0 && cart.CouponCode is null))
        {
            return false;
        }

        cart.Empty(clock.GetUtcNow().UtcDateTime);
        await store.PublishUpdatedAsync(cart, "checked-out", cancellationToken);
        return true;
    }
}

internal sealed class CheckOutCartValidator : AbstractValidator<CheckOutCart>
{
    public CheckOutCartValidator()
    {
        RuleFor(r => r.CartId).NotEmpty();
        RuleFor(r => r.OrderId).NotEmpty();
    }
}
