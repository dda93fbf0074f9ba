using System.Security.Claims;

namespace Nexus.Modules.Customers.Pages;

/// <summary>Whose data a request may touch: always the signed-in user's id claim, never an id from the form.</summary>
internal static class CurrentCustomer
{
    public static string Id(ClaimsPrincipal user) =>
        user.FindFirstValue(ClaimTypes.NameIdentifier) ?? throw new InvalidOperationException("A customer page ran without a signed-in user id.");
}
