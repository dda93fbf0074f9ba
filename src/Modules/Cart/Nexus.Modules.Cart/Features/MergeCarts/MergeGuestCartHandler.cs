using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Nexus.Modules.Cart.Data;
using Nexus.Modules.Cart.Domain;
using Nexus.Modules.Cart.Features.ChangeCart;

namespace Nexus.Modules.Cart.Features.MergeCarts;

/// <summary>
/// The merge in one transaction (the command's unit of work): the guest cart's lines go into the customer's cart
/// (<see cref="ShoppingCart.MergeFrom"/>) and the guest cart is deleted; when the customer has no cart, the guest cart
/// simply becomes theirs. Both carts carry a concurrency token, so of two requests merging at once only one commits —
/// the other fails on the token (or on the unique customer index) and changes nothing; its caller then finds no guest
/// cart and is done. That is what keeps a merge from losing or doubling an item.
/// </summary>
internal sealed class MergeGuestCartHandler : IRequestHandler<MergeGuestCart, bool>
{
    private readonly CartDbContext db;
    private readonly CartStore store;
    private readonly CartPricer pricer;
    private readonly CartOptions options;
    private readonly TimeProvider clock;

    public MergeGuestCartHandler(CartDbContext db, CartStore store, CartPricer pricer, IOptions<CartOptions> options, TimeProvider clock)
    {
        this.db = db;
        this.store = store;
        this.pricer = pricer;
        this.options = options.Value;
        this.clock = clock;
    }

    public async Task<bool> Handle(MergeGuestCart request, CancellationToken cancellationToken)
    {
        var guest = await db.Carts.Include(c => c.Lines).SingleOrDefaultAsync(c => c.GuestToken == request.GuestToken, cancellationToken);
        if (guest is null)
        {
            return false;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var mine = await db.Carts.Include(c => c.Lines).SingleOrDefaultAsync(c => c.CustomerId == request.CustomerId, cancellationToken);
        if (mine is null)
        {
            guest.HandTo(request.CustomerId, now);
            await store.PublishUpdatedAsync(guest, "merged", cancellationToken);
            return true;
        }

        var variants = await pricer.VariantsAsync(guest.Lines.Select(l => l.VariantId), cancellationToken);
        mine.MergeFrom(guest, variantId => Math.Min(options.MaxQuantityPerLine, variants.TryGetValue(variantId, out var v) && v.IsPurchasable ? v.Available : 0), now);
        // An unpaid order placed from the guest cart follows its lines: paying it removes them from the customer's cart.
        foreach (var checkout in await db.Checkouts.Where(c => c.CartId == guest.Id && c.SettledAt == null).ToListAsync(cancellationToken))
        {
            checkout.MoveTo(mine.Id);
        }

        // Removing the guest cart checks its token too: a second merge of the same guest cart finds it gone and fails.
        db.Carts.Remove(guest);
        await store.PublishUpdatedAsync(mine, "merged", cancellationToken);
        return true;
    }
}

internal sealed class MergeGuestCartValidator : AbstractValidator<MergeGuestCart>
{
    public MergeGuestCartValidator()
    {
        RuleFor(r => r.CustomerId).NotEmpty().MaximumLength(ShoppingCart.CustomerIdMaxLength);
        RuleFor(r => r.GuestToken).NotEmpty().MaximumLength(ShoppingCart.GuestTokenMaxLength);
    }
}
