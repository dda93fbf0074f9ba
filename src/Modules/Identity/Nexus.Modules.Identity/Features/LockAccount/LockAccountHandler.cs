using MediatR;
using Microsoft.AspNetCore.Identity;
using Nexus.Modules.Identity.Audit;
using Nexus.Modules.Identity.Data;

namespace Nexus.Modules.Identity.Features.LockAccount;

/// <summary>Lockout on, until the end of time, a new security stamp and the audit row: one commit.</summary>
internal sealed class LockAccountHandler : IRequestHandler<LockAccount, StaffChangeResult?>
{
    private static readonly DateTimeOffset LockedForGood = DateTimeOffset.MaxValue;
    private readonly UserManager<ShopUser> users;
    private readonly IdentityStoreSaves saves;
    private readonly AuditLog audit;

    public LockAccountHandler(UserManager<ShopUser> users, IdentityStoreSaves saves, AuditLog audit)
    {
        this.users = users;
        this.saves = saves;
        this.audit = audit;
    }

    public async Task<StaffChangeResult?> Handle(LockAccount request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        using var deferred = saves.Defer();
        var user = await users.FindByIdAsync(request.UserId);
        if (user is null)
        {
            return null;
        }

        if (user.Id == users.GetUserId(request.Actor))
        {
            return StaffChangeResult.Refused("You cannot lock your own account.");
        }

        IdentityCommandResults.ThrowIfFailed(await users.SetLockoutEnabledAsync(user, true), "enable lockout");
        IdentityCommandResults.ThrowIfFailed(await users.SetLockoutEndDateAsync(user, LockedForGood), "set the lockout end");
        IdentityCommandResults.ThrowIfFailed(await users.UpdateSecurityStampAsync(user), "renew the security stamp");
        audit.Record(request.Actor, "locked", user, null);
        return StaffChangeResult.Done("Account locked; its sessions end within a minute.");
    }
}
