using MediatR;
using Microsoft.EntityFrameworkCore;
using Nexus.Modules.Customers.Data;
using Nexus.Modules.Identity.Contracts;

namespace Nexus.Modules.Customers.Features;

/// <summary>When a shopper deletes their account, their profile, addresses and wishlist go too.</summary>
internal sealed class ForgetCustomerOnAccountDeleted : INotificationHandler<UserAccountDeleted>
{
    private readonly CustomersDbContext db;

    public ForgetCustomerOnAccountDeleted(CustomersDbContext db) => this.db = db;

    public async Task Handle(UserAccountDeleted notification, CancellationToken cancellationToken)
    {
        await db.Wishlist.Where(i => i.UserId == notification.UserId).ExecuteDeleteAsync(cancellationToken);
        await db.Addresses.Where(a => a.UserId == notification.UserId).ExecuteDeleteAsync(cancellationToken);
        await db.Profiles.Where(p => p.UserId == notification.UserId).ExecuteDeleteAsync(cancellationToken);
    }
}
