using System.Globalization;
using System.Runtime.CompilerServices;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Nexus.Modules.Ordering.Data;
using Nexus.Modules.Ordering.Domain;
using Nexus.Shared.Abstractions.Application;

namespace Nexus.Modules.Ordering.Features.OrderList;

/// <summary>
/// The orders of the list's filters (or of its selection) as CSV records, the header first, in the list's sort. Streamed
/// from the database a row at a time: the caller writes each record to the response as it comes, so exporting 100,000
/// orders holds one row in memory, not 100,000. Times are in the shop's time zone <see cref="Zone"/>; amounts in major
/// units with two decimals (machine-readable, no currency symbol), the currency in its own column.
/// </summary>
internal sealed record ExportOrders(OrderListFilter Filter, TimeZoneInfo Zone) : IQuery<IAsyncEnumerable<string?[]>>;

internal sealed class ExportOrdersHandler(OrderingDbContext db) : IRequestHandler<ExportOrders, IAsyncEnumerable<string?[]>>
{
    public static readonly string[] Columns =
    [
        "number", "placed_at", "status", "payment", "contents", "email", "customer_id", "items", "subtotal", "discount", "tax",
        "shipping", "total", "currency", "shipping_method", "coupon",
    ];

    public Task<IAsyncEnumerable<string?[]>> Handle(ExportOrders request, CancellationToken cancellationToken) =>
        Task.FromResult(Rows(request, cancellationToken));

    private static string Amount(long minor) => (minor / 100m).ToString("0.00", CultureInfo.InvariantCulture);

    private async IAsyncEnumerable<string?[]> Rows(ExportOrders request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        yield return [.. Columns];
        var rows = db.Orders.AsNoTracking()
            .Filtered(request.Filter)
            .Sorted(request.Filter)
            .Select(o => new
            {
                o.Number, o.CreatedAt, o.Status, o.PaidAt, o.ShippingMethod, o.Email, o.CustomerId, Items = o.Lines.Sum(l => l.Quantity),
                o.SubtotalMinor, o.DiscountMinor, o.TaxMinor, o.ShippingMinor, o.TotalMinor, o.Currency, o.CouponCode,
            })
            .AsAsyncEnumerable();
        await foreach (var o in rows.WithCancellation(cancellationToken))
        {
            var placed = TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(o.CreatedAt, DateTimeKind.Utc), request.Zone);
            yield return
            [
                o.Number, placed.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture), OrderStatusRules.Describe(o.Status),
                OrderListQueries.Describe(OrderListQueries.PaymentStateOf(o.Status, o.PaidAt)), o.ShippingMethod is null ? "digital" : "physical",
                o.Email, o.CustomerId, o.Items.ToString(CultureInfo.InvariantCulture), Amount(o.SubtotalMinor), Amount(o.DiscountMinor),
                Amount(o.TaxMinor), Amount(o.ShippingMinor), Amount(o.TotalMinor), o.Currency, o.ShippingMethod, o.CouponCode,
            ];
        }
    }
}
