using MediatR;
using Microsoft.AspNetCore.Identity;
using Nexus.Modules.Identity.Data;

namespace Nexus.Modules.Identity.Features.ConfirmEmailChange;

/// <summary>
/// The address and the user name change together or not at all (before, two commits: a user name that could not
/// follow left the account signing in under its old address).
/// </summary>
internal sealed class ConfirmEmailChangeHandler : IRequestHandler<ConfirmEmailChange, string?>
{
    private readonly UserManager<ShopUser> users;
    private readonly IdentityStoreSaves saves;

    public ConfirmEmailChangeHandler(UserManager<ShopUser> users, IdentityStoreSaves saves)
    {
        this.users = users;
        this.saves = saves;
    }

    public async Task<string?> Handle(ConfirmEmailChange request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        using var deferred = saves.Defer();
        if (await users.FindByIdAsync(request.UserId) is not { } user)
        {
            return null;
        }

        var previous = user.Email;
        if ((await users.ChangeEmailAsync(user, request.Email, request.Token)).Succeeded
            && (await users.SetUserNameAsync(user, request.Email)).Succeeded)
        {
            return previous;
        }

        saves.Discard();
        return null;
    }
}
