using Microsoft.AspNetCore.Identity;
using Nexus.Modules.Identity.Audit;
using Nexus.Modules.Identity.Data;

namespace Nexus.Modules.Identity.Features.ForcePasswordReset;

/// <summary>
/// Password removed, security stamp renewed and the audit row: one commit. The reset link is e-mailed by the page
/// after this command committed (Notifications' SendEmail, a command of its own): a link is only sent for a reset that
/// really happened, and its token is made from the stamp that was saved.
/// </summary>
internal sealed class ForcePasswordResetHandler : StaffChangeHandler<ForcePasswordReset>
{
    public ForcePasswordResetHandler(UserManager<ShopUser> users, IdentityStoreSaves saves, AuditLog audit)
        : base(users, saves, audit)
    {
    }

    protected override async Task<StaffChangeResult> ChangeAsync(ForcePasswordReset request, ShopUser user)
    {
        // The old password stops working at once: only the e-mailed link can set a new one.
        IdentityCommandResults.ThrowIfFailed(await Users.RemovePasswordAsync(user), "remove the password");
        IdentityCommandResults.ThrowIfFailed(await Users.UpdateSecurityStampAsync(user), "renew the security stamp");
        Audit.Record(request.Actor, "password-reset-forced", user, null);
        return StaffChangeResult.Done("Password cleared; a link to choose a new one was e-mailed to the user.");
    }
}
