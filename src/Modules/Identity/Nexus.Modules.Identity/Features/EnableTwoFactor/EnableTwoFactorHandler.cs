using MediatR;
using Microsoft.AspNetCore.Identity;
using Nexus.Modules.Identity.Data;

namespace Nexus.Modules.Identity.Features.EnableTwoFactor;

/// <summary>Two-factor on and ten recovery codes, in one commit (before, two: a failure between left 2FA on without codes).</summary>
internal sealed class EnableTwoFactorHandler : IRequestHandler<EnableTwoFactor, IReadOnlyList<string>?>
{
    private const int RecoveryCodes = 10;
    private readonly UserManager<ShopUser> users;
    private readonly IdentityStoreSaves saves;

    public EnableTwoFactorHandler(UserManager<ShopUser> users, IdentityStoreSaves saves)
    {
        this.users = users;
        this.saves = saves;
    }

    public async Task<IReadOnlyList<string>?> Handle(EnableTwoFactor request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        using var deferred = saves.Defer();
        var user = await users.FindByIdAsync(request.UserId) ?? throw new InvalidOperationException($"No user {request.UserId}.");
        if (!await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, request.Code))
        {
            return null;
        }

        IdentityCommandResults.ThrowIfFailed(await users.SetTwoFactorEnabledAsync(user, true), "turn two-factor sign-in on");
        return [.. await users.GenerateNewTwoFactorRecoveryCodesAsync(user, RecoveryCodes) ?? []];
    }
}
