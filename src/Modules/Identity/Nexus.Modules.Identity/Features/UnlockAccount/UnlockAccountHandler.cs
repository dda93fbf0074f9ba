using MediatR;
using Microsoft.AspNetCore.Identity;
using Nexus.Modules.Identity.Audit;
using Nexus.Modules.Identity.Data;

namespace Nexus.Modules.Identity.Features.UnlockAccount;

/// <summary>Lockout end cleared, failed count reset and the audit row: one commit.</summary>
internal sealed class UnlockAccountHandler : IRequestHandler<UnlockAccount, StaffChangeResult?>
{
    private readonly UserManager<ShopUser> users;
    private readonly IdentityStoreSaves saves;
    private readonly AuditLog audit;

    public UnlockAccountHandler(UserManager<ShopUser> users, IdentityStoreSaves saves, AuditLog audit)
    {
        this.users = users;
        this.saves = saves;
        this.audit = audit;
    }

    public async Task<StaffChangeResult?> Handle(UnlockAccount request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        using var deferred = saves.Defer();
        var user = await users.FindByIdAsync(request.UserId);
        if (user is null)
        {
            return null;
        }

        IdentityCommandResults.ThrowIfFailed(await users.SetLockoutEndDateAsync(user, null), "clear the lockout end");
        IdentityCommandResults.ThrowIfFailed(await users.ResetAccessFailedCountAsync(user), "reset the failed sign-in count");
        audit.Record(request.Actor, "unlocked", user, null);
        return StaffChangeResult.Done("Account unlocked.");
    }
}
