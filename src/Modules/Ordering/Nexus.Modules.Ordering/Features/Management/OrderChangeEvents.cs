using Microsoft.EntityFrameworkCore;
using Nexus.Modules.Identity.Contracts.Events;
using Nexus.Modules.Ordering.Contracts.Events;
using Nexus.Modules.Ordering.Data;
using Nexus.Modules.Ordering.Domain;
using Nexus.Shared.Abstractions.Messaging;

namespace Nexus.Modules.Ordering.Features.Management;

/// <summary>
/// The events every order action owes, staged in the action's unit of work (the outbox commits them with the change):
/// <see cref="OrderStatusChanged"/> for each move of the status the action made, and <see cref="StaffActionRecorded"/>
/// when a member of staff made it (the back office's audit log).
/// </summary>
internal sealed class OrderChangeEvents(IIntegrationEventPublisher events, TimeProvider clock)
{
    /// <summary>Publishes a status change for every timeline entry after <paramref name="historyBefore"/> that moved the status.</summary>
    public void StatusChanges(Order order, int historyBefore, string? actorId)
    {
        ArgumentNullException.ThrowIfNull(order);
        foreach (var change in order.History.Skip(historyBefore).Where(c => c.From is { } from && from != c.To))
        {
            events.Publish(new OrderStatusChanged(order.Id, order.Number, order.CustomerId, change.From!.Value.ToString(), change.To.ToString(), actorId, new DateTimeOffset(change.At, TimeSpan.Zero)));
        }
    }

    public void StaffAction(OrderActor actor, Order order, string action, string? details)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(order);
        if (actor.IsStaff)
        {
            events.Publish(new StaffActionRecorded(actor.Id, actor.Email, action, order.Number, $"Order {order.Number}", details, clock.GetUtcNow()));
        }
    }
}

/// <summary>Loading an order with everything an order action or the order's detail page reads.</summary>
internal static class OrderQueries
{
    public static IQueryable<Order> WithEverything(this IQueryable<Order> orders) =>
        orders.Include(o => o.Lines).Include(o => o.History).Include(o => o.Shipments).Include(o => o.Refunds).Include(o => o.Notes).AsSplitQuery();

    public static Task<Order?> ByNumberAsync(this OrderingDbContext db, string number, CancellationToken cancellationToken) =>
        OrderNumber.LooksValid(number)
            ? db.Orders.WithEverything().FirstOrDefaultAsync(o => o.Number == number, cancellationToken)
            : Task.FromResult<Order?>(null);
}
