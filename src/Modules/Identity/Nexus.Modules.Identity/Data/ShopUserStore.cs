using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Nexus.Modules.Identity.Data;

/// <summary>
/// ASP.NET Core Identity's EF user store, with one fix for commands that defer its saves
/// (<see cref="Features.IdentityStoreSaves"/>): the base UpdateAsync attaches the user before marking it modified,
/// and attaching an entity that is already tracked with unsaved changes accepts them as its original values — so
/// after two UserManager steps in one command (lock, then renew the stamp) the single commit's concurrency check
/// compared against a stamp that was never saved, and failed. A tracked user needs no attaching: its changes are
/// recorded anyway, and its original concurrency stamp stays the one read from the database.
/// </summary>
internal sealed class ShopUserStore : UserStore<ShopUser, IdentityRole, IdentityStoreDbContext, string, IdentityUserClaim<string>, IdentityUserRole<string>, IdentityUserLogin<string>, IdentityUserToken<string>, IdentityRoleClaim<string>>
{
    public ShopUserStore(IdentityStoreDbContext context, IdentityErrorDescriber? describer = null)
        : base(context, describer)
    {
    }

    public override Task<IdentityResult> UpdateAsync(ShopUser user, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (AutoSaveChanges || Context.Entry(user).State == EntityState.Detached)
        {
            return base.UpdateAsync(user, cancellationToken);
        }

        cancellationToken.ThrowIfCancellationRequested();
        ThrowIfDisposed();
        user.ConcurrencyStamp = Guid.NewGuid().ToString();
        return Task.FromResult(IdentityResult.Success);
    }
}
