using MediatR;
using Microsoft.EntityFrameworkCore;
using Nexus.Modules.Ordering.Contracts.Orders;
using Nexus.Modules.Ordering.Data;
using Nexus.Modules.Ordering.Domain;
using Nexus.Shared.Abstractions.Application;

namespace Nexus.Modules.Ordering.Features.Orders;

/// <summary>A page of a customer's orders, newest first (orders whose placing never finished are left out).</summary>
internal sealed record GetCustomerOrders(string CustomerId, int Page, int PageSize) : IQuery<CustomerOrdersPage>;

internal sealed record CustomerOrdersPage(IReadOnlyList<OrderSummary> Orders, int Page, int PageCount, int Total);

internal sealed class CustomerOrdersHandler(OrderingDbContext db) : IRequestHandler<GetCustomerOrders, CustomerOrdersPage>, IRequestHandler<GetRecentOrders, IReadOnlyList<OrderSummary>>
{
    public async Task<CustomerOrdersPage> Handle(GetCustomerOrders request, CancellationToken cancellationToken)
    {
        var query = Visible(request.CustomerId);
        var total = await query.CountAsync(cancellationToken);
        var pageSize = Math.Clamp(request.PageSize, 1, 100);
        var pageCount = Math.Max(1, (total + pageSize - 1) / pageSize);
        var page = Math.Clamp(request.Page, 1, pageCount);
        var orders = await SummariesAsync(query.Skip((page - 1) * pageSize).Take(pageSize), cancellationToken);
        return new CustomerOrdersPage(orders, page, pageCount, total);
    }

    public Task<IReadOnlyList<OrderSummary>> Handle(GetRecentOrders request, CancellationToken cancellationToken) =>
        SummariesAsync(Visible(request.CustomerId).Take(Math.Clamp(request.Count, 1, 50)), cancellationToken);

    private IQueryable<Order> Visible(string customerId) =>
        db.Orders.AsNoTracking().Where(o => o.CustomerId == customerId && o.PlacedAt != null).OrderByDescending(o => o.CreatedAt).ThenByDescending(o => o.Id);

    private static async Task<IReadOnlyList<OrderSummary>> SummariesAsync(IQueryable<Order> orders, CancellationToken cancellationToken)
    {
        var rows = await orders
            .Select(o => new { o.Id, o.Number, o.CreatedAt, o.Status, Items = o.Lines.Sum(l => l.Quantity), o.TotalMinor, o.Currency })
            .ToListAsync(cancellationToken);
        return [.. rows.Select(r => new OrderSummary(r.Id, r.Number, new DateTimeOffset(DateTime.SpecifyKind(r.CreatedAt, DateTimeKind.Utc)), OrderStatusRules.Describe(r.Status), r.Items, r.TotalMinor, r.Currency))];
    }
}
