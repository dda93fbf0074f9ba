using MediatR;
using Microsoft.EntityFrameworkCore;
using Nexus.Modules.Ordering.Contracts.Orders;
using Nexus.Modules.Ordering.Data;
using Nexus.Modules.Ordering.Domain;
using Nexus.Modules.Payments.Contracts;

namespace Nexus.Modules.Ordering.Features.Orders;

/// <summary>
/// A customer's order history for the back office: counts, lifetime value and the latest orders. Orders whose placing
/// never finished are left out (as in the customer's own history). Lifetime value is what was paid minus what went
/// back: paid orders' totals, less the refunds Payments recorded for the orders that were refunded or cancelled after
/// payment (Payments is where refunded money is counted; a fully refunded order counts as its whole total even before
/// Payments hears the provider's confirmation).
/// </summary>
internal sealed class GetCustomerOrderHistoryHandler(OrderingDbContext db, IMediator mediator) : IRequestHandler<GetCustomerOrderHistory, CustomerOrderHistory>
{
    private const string DefaultCurrency = "USD";

    public async Task<CustomerOrderHistory> Handle(GetCustomerOrderHistory request, CancellationToken cancellationToken)
    {
        var orders = db.Orders.AsNoTracking().Where(o => o.CustomerId == request.CustomerId && o.PlacedAt != null);
        var totals = await orders
            .GroupBy(o => 1)
            .Select(g => new
            {
                Count = g.Count(),
                Paid = g.Count(o => o.PaidAt != null),
                PaidMinor = g.Where(o => o.PaidAt != null).Sum(o => (long?)o.TotalMinor) ?? 0,
                First = g.Min(o => (DateTime?)o.CreatedAt),
                Last = g.Max(o => (DateTime?)o.CreatedAt),
            })
            .SingleOrDefaultAsync(cancellationToken);
        var refunded = await orders
            .Where(o => o.PaidAt != null && (o.Status == OrderStatus.Refunded || o.Status == OrderStatus.PartiallyRefunded || o.Status == OrderStatus.Cancelled))
            .Select(o => new { o.Number, o.Status, o.TotalMinor })
            .ToListAsync(cancellationToken);
        long refundedMinor = 0;
        foreach (var order in refunded)
        {
            var payments = await mediator.Send(new GetPaymentsForOrder(order.Number), cancellationToken);
            var recorded = payments.Sum(p => p.AmountRefunded);
            refundedMinor += Math.Min(order.TotalMinor, order.Status == OrderStatus.Refunded ? Math.Max(recorded, order.TotalMinor) : recorded);
        }

        var recent = await orders.OrderByDescending(o => o.CreatedAt).ThenByDescending(o => o.Id).Take(Math.Clamp(request.Take, 1, 100))
            .Select(o => new { o.Id, o.Number, o.CreatedAt, o.Status, Items = o.Lines.Sum(l => l.Quantity), o.TotalMinor, o.Currency })
            .ToListAsync(cancellationToken);
        var currency = recent.Count > 0 ? recent[0].Currency : DefaultCurrency;
        return new CustomerOrderHistory(
            totals?.Count ?? 0,
            totals?.Paid ?? 0,
            (totals?.PaidMinor ?? 0) - refundedMinor,
            currency,
            Utc(totals?.First),
            Utc(totals?.Last),
            [.. recent.Select(r => new OrderSummary(r.Id, r.Number, Utc(r.CreatedAt)!.Value, OrderStatusRules.Describe(r.Status), r.Items, r.TotalMinor, r.Currency))]);
    }

    private static DateTimeOffset? Utc(DateTime? at) => at is { } value ? new DateTimeOffset(DateTime.SpecifyKind(value, DateTimeKind.Utc)) : null;
}
