using Microsoft.EntityFrameworkCore;
using Nexus.Modules.Customers.Data;
using Nexus.Modules.Identity.Contracts.Events;
using Nexus.Shared.Abstractions.Messaging;

namespace Nexus.Modules.Customers.Features;

/// <summary>
/// When a shopper deletes their account, their profile, addresses and wishlist go too — in one transaction with
/// the inbox row (the rows are removed through the change tracker, not ExecuteDelete, which would commit on its
/// own before the inbox does). A redelivered event is stopped by the inbox; a re-run finds nothing left to remove.
/// </summary>
internal sealed class ForgetCustomerOnAccountDeleted : IIntegrationEventHandler<UserAccountDeleted>
{
    private readonly CustomersDbContext db;

    public ForgetCustomerOnAccountDeleted(CustomersDbContext db) => this.db = db;

    public async Task HandleAsync(UserAccountDeleted integrationEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(integrationEvent);
        var userId = integrationEvent.UserId;
        db.Wishlist.RemoveRange(await db.Wishlist.Where(i => i.UserId == userId).ToListAsync(cancellationToken));
        db.Addresses.RemoveRange(await db.Addresses.Where(a => a.UserId == userId).ToListAsync(cancellationToken));
        db.Profiles.RemoveRange(await db.Profiles.Where(p => p.UserId == userId).ToListAsync(cancellationToken));
    }
}
