using Microsoft.EntityFrameworkCore;
using Nexus.Modules.Ordering.Domain;

namespace Nexus.Modules.Ordering.Features.OrderList;

/// <summary>
/// The filters and sorts of the back office's order list as one query over <c>orders</c>, shared by the page and the
/// CSV export so both always mean the same orders. Every filter is a plain comparison on a column (prefix searches are
/// ranges, not <c>LIKE</c>) so the indexes of <c>M202612041010_OrderListIndexes</c> can serve it on every provider.
/// </summary>
internal static class OrderListQueries
{
    public static IQueryable<Order> Filtered(this IQueryable<Order> orders, OrderListFilter filter)
    {
        if (filter.Numbers.Count > 0)
        {
            var numbers = filter.Numbers.ToList();
            orders = orders.Where(o => numbers.Contains(o.Number));
        }

        if (filter.Status is { } status)
        {
            orders = orders.Where(o => o.Status == status);
        }

        if (filter.PlacedFromUtc is { } from)
        {
            orders = orders.Where(o => o.CreatedAt >= from);
        }

        if (filter.PlacedBeforeUtc is { } before)
        {
            orders = orders.Where(o => o.CreatedAt < before);
        }

        if (filter.CustomerId is { } customerId)
        {
            orders = orders.Where(o => o.CustomerId == customerId);
        }

        if (filter.MinTotalMinor is { } min)
        {
            orders = orders.Where(o => o.TotalMinor >= min);
        }

        if (filter.MaxTotalMinor is { } max)
        {
            orders = orders.Where(o => o.TotalMinor <= max);
        }

        orders = filter.Payment switch
        {
            OrderPaymentState.Unpaid => orders.Where(o => o.Status == OrderStatus.Pending),
            OrderPaymentState.Paid => orders.Where(o => o.PaidAt != null && o.Status != OrderStatus.Cancelled && o.Status != OrderStatus.Refunded && o.Status != OrderStatus.PartiallyRefunded),
            // A paid order that was cancelled had its money given back (decision 0022).
            OrderPaymentState.Refunded => orders.Where(o => o.Status == OrderStatus.Refunded || o.Status == OrderStatus.PartiallyRefunded || (o.Status == OrderStatus.Cancelled && o.PaidAt != null)),
            OrderPaymentState.Voided => orders.Where(o => o.Status == OrderStatus.Cancelled && o.PaidAt == null),
            _ => orders,
        };

        orders = filter.Contents switch
        {
            OrderContents.Digital => orders.Where(o => o.ShippingMethod == null),
            OrderContents.Physical => orders.Where(o => o.ShippingMethod != null),
            _ => orders,
        };

        if (filter.NumberPrefix is { } number)
        {
            var end = PrefixEnd(number);
            orders = orders.Where(o => string.Compare(o.Number, number) >= 0 && string.Compare(o.Number, end) < 0);
        }

        if (filter.EmailPrefix is { } email)
        {
            var end = PrefixEnd(email);
            orders = orders.Where(o => string.Compare(o.Email, email) >= 0 && string.Compare(o.Email, end) < 0);
        }

        return orders;
    }

    public static IOrderedQueryable<Order> Sorted(this IQueryable<Order> orders, OrderListFilter filter) => (filter.Sort, filter.Descending) switch
    {
        (OrderListSort.Total, true) => orders.OrderByDescending(o => o.TotalMinor).ThenByDescending(o => o.Id),
        (OrderListSort.Total, false) => orders.OrderBy(o => o.TotalMinor).ThenBy(o => o.Id),
        (OrderListSort.Number, true) => orders.OrderByDescending(o => o.Number),
        (OrderListSort.Number, false) => orders.OrderBy(o => o.Number),
        (OrderListSort.Status, true) => orders.OrderByDescending(o => o.Status).ThenByDescending(o => o.CreatedAt).ThenByDescending(o => o.Id),
        (OrderListSort.Status, false) => orders.OrderBy(o => o.Status).ThenByDescending(o => o.CreatedAt).ThenByDescending(o => o.Id),
        (_, true) => orders.OrderByDescending(o => o.CreatedAt).ThenByDescending(o => o.Id),
        (_, false) => orders.OrderBy(o => o.CreatedAt).ThenBy(o => o.Id),
    };

    /// <summary>The payment state shown in a row; the same rules as the filter above.</summary>
    public static OrderPaymentState PaymentStateOf(OrderStatus status, DateTime? paidAt) => status switch
    {
        OrderStatus.Pending => OrderPaymentState.Unpaid,
        OrderStatus.Refunded or OrderStatus.PartiallyRefunded => OrderPaymentState.Refunded,
        OrderStatus.Cancelled when paidAt is null => OrderPaymentState.Voided,
        OrderStatus.Cancelled => OrderPaymentState.Refunded,
        _ => OrderPaymentState.Paid,
    };

    public static string Describe(OrderPaymentState state) => state switch
    {
        OrderPaymentState.Unpaid => "Unpaid",
        OrderPaymentState.Paid => "Paid",
        OrderPaymentState.Refunded => "Refunded",
        OrderPaymentState.Voided => "Never paid",
        _ => state.ToString(),
    };

    /// <summary>
    /// The smallest string greater than every string starting with <paramref name="prefix"/> (its last character
    /// moved one up): <c>column &gt;= prefix AND column &lt; end</c> is a prefix match an ordinary index can seek.
    /// </summary>
    private static string PrefixEnd(string prefix) => prefix[..^1] + (char)(prefix[^1] + 1);
}
