using MediatR;
using Microsoft.AspNetCore.Identity;
using Nexus.Modules.Identity.Data;

namespace Nexus.Modules.Identity.Features.CreateAuthenticatorKey;

/// <summary>Keeps an existing key (a reload must not invalidate the one being scanned); creates one otherwise.</summary>
internal sealed class CreateAuthenticatorKeyHandler : IRequestHandler<CreateAuthenticatorKey, string>
{
    private readonly UserManager<ShopUser> users;
    private readonly IdentityStoreSaves saves;

    public CreateAuthenticatorKeyHandler(UserManager<ShopUser> users, IdentityStoreSaves saves)
    {
        this.users = users;
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
            IdentityCommandResults.ThrowIfFailed(await users.ResetAuthenticatorKeyAsync(user), "create an authenticator key");
            key = await users.GetAuthenticatorKeyAsync(user);
        }

        return key!;
    }
}
