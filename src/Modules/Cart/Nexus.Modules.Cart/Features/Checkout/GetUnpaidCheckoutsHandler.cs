using MediatR;
using Microsoft.EntityFrameworkCore;
using Nexus.Modules.Cart.Contracts;
using Nexus.Modules.Cart.Data;

namespace Nexus.Modules.Cart.Features.Checkout;

internal sealed class GetUnpaidCheckoutsHandler(CartDbContext db) : IRequestHandler<GetUnpaidCheckouts, IReadOnlyList<UnpaidCheckout>>
{
    public async Task<IReadOnlyList<UnpaidCheckout>> Handle(GetUnpaidCheckouts request, CancellationToken cancellationToken) =>
        await db.Checkouts.AsNoTracking()
            .Where(c => c.CartId == request.CartId && c.SettledAt == null)
            .OrderByDescending(c => c.StartedAt)
            .Select(c => new UnpaidCheckout(c.OrderId, c.OrderNumber))
            .ToListAsync(cancellationToken);
}
