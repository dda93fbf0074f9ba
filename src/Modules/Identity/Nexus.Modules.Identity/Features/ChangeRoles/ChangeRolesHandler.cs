using MediatR;
using Microsoft.AspNetCore.Identity;
using Nexus.Modules.Identity.Audit;
using Nexus.Modules.Identity.Data;
using Nexus.Shared.Abstractions.Security;

namespace Nexus.Modules.Identity.Features.ChangeRoles;

/// <summary>
/// Adds and removes roles, renews the security stamp (so the user's sessions pick up the change at their next check)
/// and writes the audit row — one commit (before, each step saved on its own).
/// </summary>
internal sealed class ChangeRolesHandler : IRequestHandler<ChangeRoles, StaffChangeResult?>
{
    private readonly UserManager<ShopUser> users;
    private readonly IdentityStoreSaves saves;
    private readonly AuditLog audit;

    public ChangeRolesHandler(UserManager<ShopUser> users, IdentityStoreSaves saves, AuditLog audit)
    {
        this.users = users;
        this.saves = saves;
        this.audit = audit;
    }

    public async Task<StaffChangeResult?> Handle(ChangeRoles request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        using var deferred = saves.Defer();
        var user = await users.FindByIdAsync(request.UserId);
        if (user is null)
        {
            return null;
        }

        if (user.Id == users.GetUserId(request.Actor) && !request.Roles.Contains(NexusRoles.Admin))
        {
            return StaffChangeResult.Refused("You cannot remove your own Admin role.");
        }

        var current = (await users.GetRolesAsync(user)).ToHashSet(StringComparer.Ordinal);
        var add = request.Roles.Except(current).ToList();
        var remove = current.Except(request.Roles).ToList();
        IdentityCommandResults.ThrowIfFailed(await users.AddToRolesAsync(user, add), "add roles");
        IdentityCommandResults.ThrowIfFailed(await users.RemoveFromRolesAsync(user, remove), "remove roles");
        IdentityCommandResults.ThrowIfFailed(await users.UpdateSecurityStampAsync(user), "renew the security stamp");
        audit.Record(request.Actor, "roles-changed", user, $"added: {string.Join(",", add)}; removed: {string.Join(",", remove)}");
        return StaffChangeResult.Done("Roles saved.");
    }
}
