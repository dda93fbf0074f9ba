using MediatR;
using Microsoft.AspNetCore.Identity;
using Nexus.Modules.Identity.Data;

namespace Nexus.Modules.Identity.Features.DisableTwoFactor;

/// <summary>The password checked, then two-factor off and a new authenticator key in one commit.</summary>
internal sealed class DisableTwoFactorHandler : IRequestHandler<DisableTwoFactor, PasswordReconfirmation>
{
    private readonly UserManager<ShopUser> users;
    private readonly IdentityStoreSaves saves;

    public DisableTwoFactorHandler(UserManager<ShopUser> users, IdentityStoreSaves saves)
    {
        this.users = users;
        this.saves = saves;
    }

    public async Task<PasswordReconfirmation> Handle(DisableTwoFactor request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        using var deferred = saves.Defer();
        var user = await users.FindByIdAsync(request.UserId) ?? throw new InvalidOperationException($"No user {request.UserId}.");
        var reconfirmation = await PasswordReconfirmations.CheckAsync(users, user, request.Password);
        if (reconfirmation is not PasswordReconfirmation.Confirmed)
        {
            return reconfirmation;
        }

        IdentityCommandResults.ThrowIfFailed(await users.SetTwoFactorEnabledAsync(user, false), "turn two-factor sign-in off");
        IdentityCommandResults.ThrowIfFailed(await users.ResetAuthenticatorKeyAsync(user), "replace the authenticator key");
        return PasswordReconfirmation.Confirmed;
    }
}
