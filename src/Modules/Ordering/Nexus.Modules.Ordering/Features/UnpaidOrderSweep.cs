using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Nexus.Modules.Catalog.Contracts.Inventory;
using Nexus.Modules.Ordering.Data;
using Nexus.Modules.Ordering.Domain;
using Nexus.Modules.Promotions.Contracts;

namespace Nexus.Modules.Ordering.Features;

/// <summary>
/// Cancels orders left unpaid past <see cref="OrderingOptions.UnpaidOrderTimeout"/> and gives their stock and coupon
/// use back; also finishes the release of cancelled orders whose release was interrupted (a crash between the
/// cancel's commit and Catalog's or Promotions' answer). Each step is a command of its own, idempotent, so a run that
/// dies half-way is completed by the next.
/// </summary>
internal sealed class UnpaidOrderSweep(OrderingDbContext db, IMediator mediator, TimeProvider clock, IOptions<OrderingOptions> options)
{
    public const int BatchSize = 200;

    public async Task<(int Cancelled, int Released)> RunAsync(CancellationToken cancellationToken)
    {
        var cutoff = clock.GetUtcNow().UtcDateTime - options.Value.UnpaidOrderTimeout;
        var stale = await db.Orders.AsNoTracking()
            .Where(o => o.Status == OrderStatus.Pending && o.CreatedAt < cutoff)
            .OrderBy(o => o.CreatedAt)
            .Select(o => o.Id)
            .Take(BatchSize)
            .ToListAsync(cancellationToken);
        var cancelled = 0;
        foreach (var id in stale)
        {
            try
            {
                if (await mediator.Send(new CancelUnpaidOrder(id, "Not paid in time"), cancellationToken))
                {
                    cancelled++;
                }
            }
            catch (DbUpdateConcurrencyException)
            {
                // Paid (or changed) at this very moment: the payment won; the order is not stale any more.
            }
        }

        var unreleased = await db.Orders.AsNoTracking()
            .Where(o => o.Status == OrderStatus.Cancelled && o.ReleasedAt == null)
            .OrderBy(o => o.CancelledAt)
            .Select(o => new { o.Id, o.Number, Paid = o.PaidAt != null })
            .Take(BatchSize)
            .ToListAsync(cancellationToken);
        foreach (var order in unreleased)
        {
            await ReleaseAsync(order.Id, order.Number, "order cancelled", order.Paid, cancellationToken);
        }

        return (cancelled, unreleased.Count);
    }

    /// <summary>Gives a cancelled unpaid order's stock and coupon use back, then records that it did.</summary>
    public Task ReleaseAsync(Guid orderId, string number, string reason, CancellationToken cancellationToken) =>
        ReleaseAsync(orderId, number, reason, includeSold: false, cancellationToken);

    /// <summary>
    /// Gives a cancelled order's stock and coupon use back (each idempotent), then records that it did. A cancelled
    /// paid order's units were sold already: <paramref name="includeSold"/> puts them back on sale too.
    /// </summary>
    public async Task ReleaseAsync(Guid orderId, string number, string reason, bool includeSold, CancellationToken cancellationToken)
    {
        await mediator.Send(new ReleaseStock(number, reason, includeSold), cancellationToken);
        await mediator.Send(new ReleaseCouponRedemption(number), cancellationToken);
        await mediator.Send(new MarkOrderReleased(orderId), cancellationToken);
    }
}
