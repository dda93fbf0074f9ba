using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Nexus.Modules.Cart.Contracts;
using Nexus.Modules.Cart.Data;
using Nexus.Modules.Cart.Domain;

namespace Nexus.Modules.Cart.Features.Checkout;

/// <summary>
/// Records that an order was placed from the cart, with the quantities it took (docs/decisions/0023); the cart keeps
/// its lines until the order is paid. A second call for the same order finds the record and answers false.
/// </summary>
internal sealed class CheckOutCartHandler : IRequestHandler<CheckOutCart, bool>
{
    private readonly CartDbContext db;
    private readonly TimeProvider clock;

    public CheckOutCartHandler(CartDbContext db, TimeProvider clock)
    {
        this.db = db;
        this.clock = clock;
    }

    public async Task<bool> Handle(CheckOutCart request, CancellationToken cancellationToken)
    {
        if (await db.Checkouts.AnyAsync(c => c.OrderId == request.OrderId, cancellationToken)
            || !await db.Carts.AnyAsync(c => c.Id == request.CartId, cancellationToken))
        {
            return false;
        }

        db.Checkouts.Add(new CartCheckout(
            request.OrderId,
            request.CartId,
            request.OrderNumber,
            request.CouponCode,
            request.Lines.Select(l => (l.VariantId, l.Quantity)),
            clock.GetUtcNow().UtcDateTime));
        return true;
    }
}

internal sealed class CheckOutCartValidator : AbstractValidator<CheckOutCart>
{
    public CheckOutCartValidator()
    {
        RuleFor(r => r.CartId).NotEmpty();
        RuleFor(r => r.OrderId).NotEmpty();
        RuleFor(r => r.OrderNumber).NotEmpty().MaximumLength(CartCheckout.OrderNumberMaxLength);
        RuleFor(r => r.CouponCode).MaximumLength(ShoppingCart.CouponCodeMaxLength);
        RuleFor(r => r.Lines).NotEmpty();
        RuleForEach(r => r.Lines).Must(l => l.VariantId != Guid.Empty && l.Quantity > 0).WithMessage("Every checked-out line names a variant and a positive quantity.");
    }
}
