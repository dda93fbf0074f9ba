using MediatR;
using Microsoft.AspNetCore.Identity;
using Nexus.Modules.Identity.Data;

namespace Nexus.Modules.Identity.Features.CreateAuthenticatorKey;

/// <summary>
/// Keeps an existing key (a reload must not invalidate the one being scanned); creates one otherwise — without
/// renewing the security stamp. UserManager.ResetAuthenticatorKeyAsync renews it, which signed out every session
/// of the user, this one included, at its next stamp check (docs/security.md, item 12): merely opening the
/// two-factor page ended sessions. A key nobody has confirmed yet grants nothing (two-factor stays off until
/// EnableTwoFactor verifies a code from it, and that command does renew the stamp), so it is written through the
/// store directly: the key token and the user's concurrency stamp, in the unit of work's one commit.
/// </summary>
internal sealed class CreateAuthenticatorKeyHandler : IRequestHandler<CreateAuthenticatorKey, string>
{
    private readonly UserManager<ShopUser> users;
    private readonly IUserAuthenticatorKeyStore<ShopUser> keys;
    private readonly IdentityStoreSaves saves;

    public CreateAuthenticatorKeyHandler(UserManager<ShopUser> users, IUserStore<ShopUser> store, IdentityStoreSaves saves)
    {
        this.users = users;
        // IdentityModule registers ShopUserStore, an EF user store, which keeps authenticator keys.
        keys = store as IUserAuthenticatorKeyStore<ShopUser>
            ?? throw new InvalidOperationException($"Identity's user store {store.GetType()} does not keep authenticator keys.");
        this.saves = saves;
    }

    public async Task<string> Handle(CreateAuthenticatorKey request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        using var deferred = saves.Defer();
        var user = await users.FindByIdAsync(request.UserId) ?? throw new InvalidOperationException($"No user {request.UserId}.");
        var key = await users.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key))
        {
            key = users.GenerateNewAuthenticatorKey();
            await keys.SetAuthenticatorKeyAsync(user, key, cancellationToken);
            // UpdateAsync validates the user and bumps its concurrency stamp; unlike ResetAuthenticatorKeyAsync it
            // leaves the security stamp alone.
            IdentityCommandResults.ThrowIfFailed(await users.UpdateAsync(user), "save the authenticator key");
        }

        return key;
    }
}
