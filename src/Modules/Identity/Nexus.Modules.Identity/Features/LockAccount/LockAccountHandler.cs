using Microsoft.AspNetCore.Identity;
using Nexus.Modules.Identity.Audit;
using Nexus.Modules.Identity.Data;

namespace Nexus.Modules.Identity.Features.LockAccount;

/// <summary>Lockout on, until the end of time, a new security stamp and the audit row: one commit.</summary>
internal sealed class LockAccountHandler : StaffChangeHandler<LockAccount>
{
    private static readonly DateTimeOffset LockedForGood = DateTimeOffset.MaxValue;

    public LockAccountHandler(UserManager<ShopUser> users, IdentityStoreSaves saves, AuditLog audit)
        : base(users, saves, audit)
    {
    }

    protected override async Task<StaffChangeResult> ChangeAsync(LockAccount request, ShopUser user)
    {
        if (user.Id == Users.GetUserId(request.Actor))
        {
            return StaffChangeResult.Refused("You cannot lock your own account.");
        }

        IdentityCommandResults.ThrowIfFailed(await Users.SetLockoutEnabledAsync(user, true), "enable lockout");
        IdentityCommandResults.ThrowIfFailed(await Users.SetLockoutEndDateAsync(user, LockedForGood), "set the lockout end");
        IdentityCommandResults.ThrowIfFailed(await Users.UpdateSecurityStampAsync(user), "renew the security stamp");
        Audit.Record(request.Actor, "locked", user, null);
        return StaffChangeResult.Done("Account locked; its sessions end within a minute.");
    }
}
