using System.Security.Claims;

namespace Nexus.Modules.Ordering.Features.Management;

/// <summary>
/// Who acts on an order: a member of staff (whose actions go to the audit log) or the order's customer (who may only
/// cancel their own unshipped order). Built by the page or endpoint from the signed-in user; the role checks happen
/// there, the ownership check in the command.
/// </summary>
internal sealed record OrderActor(string Id, string Email, bool IsStaff)
{
    public static OrderActor Staff(ClaimsPrincipal user) => Of(user, isStaff: true);

    public static OrderActor Customer(ClaimsPrincipal user) => Of(user, isStaff: false);

    private static OrderActor Of(ClaimsPrincipal user, bool isStaff)
    {
        ArgumentNullException.ThrowIfNull(user);
        return new OrderActor(
            user.FindFirstValue(ClaimTypes.NameIdentifier) ?? "unknown",
            user.FindFirstValue(ClaimTypes.Email) ?? user.Identity?.Name ?? "unknown",
            isStaff);
    }
}
