using Microsoft.AspNetCore.Identity;
using Nexus.Modules.Identity.Audit;
using Nexus.Modules.Identity.Data;

namespace Nexus.Modules.Identity.Features.UnlockAccount;

/// <summary>Lockout end cleared, failed count reset and the audit row: one commit.</summary>
internal sealed class UnlockAccountHandler : StaffChangeHandler<UnlockAccount>
{
    public UnlockAccountHandler(UserManager<ShopUser> users, IdentityStoreSaves saves, AuditLog audit)
        : base(users, saves, audit)
    {
    }

    protected override async Task<StaffChangeResult> ChangeAsync(UnlockAccount request, ShopUser user)
    {
        IdentityCommandResults.ThrowIfFailed(await Users.SetLockoutEndDateAsync(user, null), "clear the lockout end");
        IdentityCommandResults.ThrowIfFailed(await Users.ResetAccessFailedCountAsync(user), "reset the failed sign-in count");
        Audit.Record(request.Actor, "unlocked", user, null);
        return StaffChangeResult.Done("Account unlocked.");
    }
}
