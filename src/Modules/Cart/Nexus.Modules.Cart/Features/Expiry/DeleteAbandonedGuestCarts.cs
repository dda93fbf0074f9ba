using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Nexus.Modules.Cart.Data;
using Nexus.Shared.Abstractions.Application;

namespace Nexus.Modules.Cart.Features.Expiry;

/// <summary>
/// Deletes guest carts nobody touched for <see cref="CartOptions.GuestCartLifetime"/> — as long as their cookie lives,
/// so no shopper who could still reach a cart loses it — in batches. A cart whose order still waits for payment is
/// kept (paying it removes the lines; decision 0023); checkouts of deleted carts that were settled go with them.
/// Customers' carts are never deleted: the account keeps them. Answers how many carts went.
/// </summary>
internal sealed record DeleteAbandonedGuestCarts : ICommand<int>;

internal sealed class DeleteAbandonedGuestCartsHandler(CartDbContext db, TimeProvider clock, IOptions<CartOptions> options) : IRequestHandler<DeleteAbandonedGuestCarts, int>
{
    public const int BatchSize = 500;

    public async Task<int> Handle(DeleteAbandonedGuestCarts request, CancellationToken cancellationToken)
    {
        var cutoff = clock.GetUtcNow().UtcDateTime - options.Value.GuestCartLifetime;
        var deleted = 0;
        while (true)
        {
            var abandoned = await db.Carts.AsNoTracking()
                .Where(c => c.GuestToken != null && c.UpdatedAt < cutoff && !db.Checkouts.Any(k => k.CartId == c.Id && k.SettledAt == null))
                .OrderBy(c => c.UpdatedAt)
                .Select(c => c.Id)
                .Take(BatchSize)
                .ToListAsync(cancellationToken);
            if (abandoned.Count == 0)
            {
                return deleted;
            }

            await db.Checkouts.Where(k => abandoned.Contains(k.CartId) && k.SettledAt != null).ExecuteDeleteAsync(cancellationToken);
            // Touched since it was listed (the shopper came back this very moment): the UpdatedAt condition keeps it.
            deleted += await db.Carts.Where(c => abandoned.Contains(c.Id) && c.UpdatedAt < cutoff).ExecuteDeleteAsync(cancellationToken);
            if (abandoned.Count < BatchSize)
            {
                return deleted;
            }
        }
    }
}
