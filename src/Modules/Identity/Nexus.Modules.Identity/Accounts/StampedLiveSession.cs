using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Nexus.Modules.Identity.Data;
using Nexus.Shared.Live;

namespace Nexus.Modules.Identity.Accounts;

/// <summary>
/// A live connection's session is current when its security stamp still matches the account's (no sign-out, sign-out
/// everywhere, lock-out, forced reset or role change since the cookie was issued). Principals without a stamp (not
/// from the sign-in cookie) are left to their own authentication.
/// </summary>
internal sealed class StampedLiveSession(SignInManager<ShopUser> signIn) : ILiveSessionCheck
{
    public async Task<bool> IsCurrentAsync(ClaimsPrincipal user) =>
        !HasStamp(signIn, user) || await signIn.ValidateSecurityStampAsync(user) is not null;

    public static bool HasStamp(SignInManager<ShopUser> signIn, ClaimsPrincipal user) =>
        user.FindFirst(signIn.Options.ClaimsIdentity.SecurityStampClaimType) is not null;
}
