using Microsoft.AspNetCore.Identity;
using Nexus.Modules.Identity.Audit;
using Nexus.Modules.Identity.Data;
using Nexus.Shared.Abstractions.Security;

namespace Nexus.Modules.Identity.Features.ChangeRoles;

/// <summary>
/// Adds and removes roles, renews the security stamp (so the user's sessions pick up the change at their next check)
/// and writes the audit row — one commit (before, each step saved on its own).
/// </summary>
internal sealed class ChangeRolesHandler : StaffChangeHandler<ChangeRoles>
{
    public ChangeRolesHandler(UserManager<ShopUser> users, IdentityStoreSaves saves, AuditLog audit)
        : base(users, saves, audit)
    {
    }

    protected override async Task<StaffChangeResult> ChangeAsync(ChangeRoles request, ShopUser user)
    {
        if (user.Id == Users.GetUserId(request.Actor) && !request.Roles.Contains(NexusRoles.Admin))
        {
            return StaffChangeResult.Refused("You cannot remove your own Admin role.");
        }

        if (!request.Roles.Contains(NexusRoles.Admin) && await LastAdministrator.IsAsync(Users, user))
        {
            return StaffChangeResult.Refused("The last administrator keeps the Admin role: give it to someone else first.");
        }

        var current = (await Users.GetRolesAsync(user)).ToHashSet(StringComparer.Ordinal);
        var add = request.Roles.Except(current).ToList();
        var remove = current.Except(request.Roles).ToList();
        IdentityCommandResults.ThrowIfFailed(await Users.AddToRolesAsync(user, add), "add roles");
        IdentityCommandResults.ThrowIfFailed(await Users.RemoveFromRolesAsync(user, remove), "remove roles");
        IdentityCommandResults.ThrowIfFailed(await Users.UpdateSecurityStampAsync(user), "renew the security stamp");
        Audit.Record(request.Actor, "roles-changed", user, $"added: {string.Join(",", add)}; removed: {string.Join(",", remove)}");
        return StaffChangeResult.Done("Roles saved.");
    }
}
