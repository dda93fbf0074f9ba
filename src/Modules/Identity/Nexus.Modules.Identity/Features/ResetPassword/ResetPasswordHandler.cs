using MediatR;
using Microsoft.AspNetCore.Identity;
using Nexus.Modules.Identity.Data;

namespace Nexus.Modules.Identity.Features.ResetPassword;

/// <summary>New password, lockout end and failed count in one commit (before, three).</summary>
internal sealed class ResetPasswordHandler : IRequestHandler<ResetPassword, IdentityResult?>
{
    private readonly UserManager<ShopUser> users;
    private readonly IdentityStoreSaves saves;

    public ResetPasswordHandler(UserManager<ShopUser> users, IdentityStoreSaves saves)
    {
        this.users = users;
        this.saves = saves;
    }

    public async Task<IdentityResult?> Handle(ResetPassword request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        using var deferred = saves.Defer();
        var user = await users.FindByEmailAsync(request.Email);
        if (user is null)
        {
            return null;
        }

        var result = await users.ResetPasswordAsync(user, request.Token, request.Password);
        if (!result.Succeeded)
        {
            saves.Discard();
            return result;
        }

        IdentityCommandResults.ThrowIfFailed(await users.SetLockoutEndDateAsync(user, null), "end the lockout");
        IdentityCommandResults.ThrowIfFailed(await users.ResetAccessFailedCountAsync(user), "reset the failed sign-in count");
        return result;
    }
}
