using MediatR;
using Microsoft.AspNetCore.Identity;
using Nexus.Modules.Identity.Data;

namespace Nexus.Modules.Identity.Features.UndoEmailChange;

/// <summary>
/// The old address (confirmed: it just proved it receives mail), the user name with it, and a new security stamp in one
/// commit. The new stamp ends every session within Identity:SessionRecheckSeconds — whoever changed the address is
/// signed out; the owner signs in again with the old address (and resets the password if it was changed too).
/// </summary>
internal sealed class UndoEmailChangeHandler : IRequestHandler<UndoEmailChange, bool>
{
    private readonly UserManager<ShopUser> users;
    private readonly IdentityStoreSaves saves;

    public UndoEmailChangeHandler(UserManager<ShopUser> users, IdentityStoreSaves saves)
    {
        this.users = users;
        this.saves = saves;
    }

    public async Task<bool> Handle(UndoEmailChange request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        using var deferred = saves.Defer();
        if (await users.FindByIdAsync(request.UserId) is not { } user
            || !string.Equals(user.Email, request.ChangedTo, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        // SetEmailAsync marks the address unconfirmed; it is the one the undo link was mailed to, so it is confirmed.
        if ((await users.SetEmailAsync(user, request.PreviousEmail)).Succeeded)
        {
            user.EmailConfirmed = true;
            if ((await users.SetUserNameAsync(user, request.PreviousEmail)).Succeeded
                && (await users.UpdateSecurityStampAsync(user)).Succeeded)
            {
                return true;
            }
        }

        saves.Discard();
        return false;
    }
}
