using Microsoft.AspNetCore.Identity;
using Nexus.Modules.Identity.Data;
using Nexus.Shared.Abstractions.Security;

namespace Nexus.Modules.Identity.Features;

/// <summary>
/// The shop always keeps one administrator: the only Admin can neither delete their account nor lose the role, since
/// nobody could give it back (and at the next start <c>Identity:Admin:Email</c> would be needed to create a new one).
/// Two admins removing each other at the same instant can still race; the back office is not that busy.
/// </summary>
internal static class LastAdministrator
{
    public static async Task<bool> IsAsync(UserManager<ShopUser> users, ShopUser user) =>
        await users.IsInRoleAsync(user, NexusRoles.Admin) && (await users.GetUsersInRoleAsync(NexusRoles.Admin)).Count <= 1;
}
