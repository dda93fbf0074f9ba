using MediatR;
using Microsoft.EntityFrameworkCore;
using Nexus.Modules.Ordering.Data;
using Nexus.Modules.Ordering.Domain;
using Nexus.Shared.Abstractions.Application;

namespace Nexus.Modules.Ordering.Features.OrderList;

/// <summary>
/// A page of the back office's order list. Offset paging with a cap (<see cref="MaxPage"/>): no count of all matches
/// (counting 100,000 rows on every view is what made peers' lists slow), one row more than a page tells whether there
/// is a next one, and beyond the cap the admin narrows the filters instead of paging on.
/// </summary>
internal sealed record ListOrders(OrderListFilter Filter, int Page, int PageSize) : IQuery<OrderListPage>
{
    public const int MaxPage = 200;
}

internal sealed record OrderListPage(IReadOnlyList<OrderListRow> Orders, int Page, bool HasMore);

internal sealed record OrderListRow(
    string Number,
    DateTime PlacedAtUtc,
    string? CustomerId,
    string Email,
    OrderStatus Status,
    OrderPaymentState Payment,
    bool Digital,
    int ItemCount,
    long TotalMinor,
    string Currency);

internal sealed class ListOrdersHandler(OrderingDbContext db) : IRequestHandler<ListOrders, OrderListPage>
{
    public async Task<OrderListPage> Handle(ListOrders request, CancellationToken cancellationToken)
    {
        var pageSize = Math.Clamp(request.PageSize, 1, 200);
        var page = Math.Clamp(request.Page, 1, ListOrders.MaxPage);
        var rows = await db.Orders.AsNoTracking()
            .Filtered(request.Filter)
            .Sorted(request.Filter)
            .Skip((page - 1) * pageSize)
            .Take(pageSize + 1)
            .Select(o => new { o.Number, o.CreatedAt, o.CustomerId, o.Email, o.Status, o.PaidAt, o.ShippingMethod, Items = o.Lines.Sum(l => l.Quantity), o.TotalMinor, o.Currency })
            .ToListAsync(cancellationToken);
        var orders = rows.Take(pageSize)
            .Select(r => new OrderListRow(
                r.Number, DateTime.SpecifyKind(r.CreatedAt, DateTimeKind.Utc), r.CustomerId, r.Email, r.Status,
                OrderListQueries.PaymentStateOf(r.Status, r.PaidAt), r.ShippingMethod is null, r.Items, r.TotalMinor, r.Currency))
            .ToList();
        return new OrderListPage(orders, page, rows.Count > pageSize && page < ListOrders.MaxPage);
    }
}
