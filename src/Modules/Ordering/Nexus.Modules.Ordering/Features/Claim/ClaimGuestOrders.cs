using MediatR;
using Microsoft.EntityFrameworkCore;
using Nexus.Modules.Identity.Contracts;
using Nexus.Modules.Ordering.Data;
using Nexus.Modules.Ordering.Features.Payment;
using Nexus.Shared.Abstractions.Application;
using Nexus.Shared.Abstractions.Messaging;

namespace Nexus.Modules.Ordering.Features.Claim;

/// <summary>
/// A customer's guest orders become theirs: the placed orders without a customer whose e-mail address is the account's
/// — only once Identity says the account's address is confirmed (never before: anyone can sign up with any address).
/// A paid order's deferred <c>OrderPaid</c> is published now, so Licensing issues its keys to this customer.
/// Answers how many orders were claimed.
/// </summary>
internal sealed record ClaimGuestOrders(string CustomerId) : ICommand<int>;

internal sealed class ClaimGuestOrdersHandler(OrderingDbContext db, IMediator mediator, IIntegrationEventPublisher events, TimeProvider clock) : IRequestHandler<ClaimGuestOrders, int>
{
    public async Task<int> Handle(ClaimGuestOrders request, CancellationToken cancellationToken)
    {
        var account = await mediator.Send(new GetUserAccount(request.CustomerId), cancellationToken);
        if (account is null || !account.EmailConfirmed || string.IsNullOrWhiteSpace(account.Email))
        {
            return 0;
        }

        var email = account.Email.Trim().ToLowerInvariant();
        var orders = await db.Orders.Include(o => o.Lines).Include(o => o.History).AsSplitQuery()
            .Where(o => o.CustomerId == null && o.Email == email && o.PlacedAt != null)
            .ToListAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var order in orders)
        {
            order.ClaimFor(request.CustomerId, now);
            if (order.PaidEventAwaitsCustomer)
            {
                events.Publish(OrderPaymentRecorder.PaidEvent(order, request.CustomerId));
                order.PaidEventPublished(now);
            }
        }

        return orders.Count;
    }
}
