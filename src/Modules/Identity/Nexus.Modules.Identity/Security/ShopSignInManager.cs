using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Nexus.Modules.Identity.Data;

namespace Nexus.Modules.Identity.Security;

/// <summary>
/// Identity's sign-in manager, except that a password sign-in always costs one password hash: the stock one answers an
/// unknown address (and a locked or unconfirmed account) without hashing, measurably faster than a wrong password for a
/// real account, which told anyone with a stopwatch who has an account (issue 13, item 2).
/// </summary>
internal sealed class ShopSignInManager : SignInManager<ShopUser>
{
    private readonly UnknownAccountPasswordCheck unknown;
    private string? pendingPassword;

    public ShopSignInManager(
        UserManager<ShopUser> userManager,
        IHttpContextAccessor contextAccessor,
        IUserClaimsPrincipalFactory<ShopUser> claimsFactory,
        IOptions<IdentityOptions> optionsAccessor,
        ILogger<SignInManager<ShopUser>> logger,
        IAuthenticationSchemeProvider schemes,
        IUserConfirmation<ShopUser> confirmation,
        UnknownAccountPasswordCheck unknown)
        : base(userManager, contextAccessor, claimsFactory, optionsAccessor, logger, schemes, confirmation)
    {
        this.unknown = unknown;
    }

    public override async Task<SignInResult> PasswordSignInAsync(string userName, string password, bool isPersistent, bool lockoutOnFailure)
    {
        var user = await UserManager.FindByNameAsync(userName);
        if (user is null)
        {
            unknown.SpendOneHash(UserManager.PasswordHasher, password);
            return SignInResult.Failed;
        }

        return await PasswordSignInAsync(user, password, isPersistent, lockoutOnFailure);
    }

    public override async Task<SignInResult> CheckPasswordSignInAsync(ShopUser user, string password, bool lockoutOnFailure)
    {
        // PreSignInCheck (below) refuses before the password is checked; it needs the password to spend the same time.
        pendingPassword = password;
        try
        {
            return await base.CheckPasswordSignInAsync(user, password, lockoutOnFailure);
        }
        finally
        {
            pendingPassword = null;
        }
    }

    protected override async Task<SignInResult?> PreSignInCheck(ShopUser user)
    {
        var refused = await base.PreSignInCheck(user);
        if (refused is not null && pendingPassword is not null)
        {
            // Locked out or not allowed (unconfirmed): no real hash is verified, so verify the fixed one.
            unknown.SpendOneHash(UserManager.PasswordHasher, pendingPassword);
        }

        return refused;
    }
}
