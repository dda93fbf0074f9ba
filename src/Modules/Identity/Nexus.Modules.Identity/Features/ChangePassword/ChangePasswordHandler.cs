using MediatR;
using Microsoft.AspNetCore.Identity;
using Nexus.Modules.Identity.Data;

namespace Nexus.Modules.Identity.Features.ChangePassword;

internal sealed class ChangePasswordHandler : IRequestHandler<ChangePassword, IdentityResult>
{
    /// <summary>The error code of a refusal because the account is locked out.</summary>
    public const string LockedOutCode = "LockedOut";

    private readonly UserManager<ShopUser> users;
    private readonly IdentityStoreSaves saves;

    public ChangePasswordHandler(UserManager<ShopUser> users, IdentityStoreSaves saves)
    {
        this.users = users;
        this.saves = saves;
    }

    public async Task<IdentityResult> Handle(ChangePassword request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        using var deferred = saves.Defer();
        var user = await users.FindByIdAsync(request.UserId) ?? throw new InvalidOperationException($"No user {request.UserId}.");
        // The current password is checked by the shared reconfirmation first, so a wrong one counts towards the lockout
        // (and is committed: no Discard on that path); ChangePasswordAsync checks it again, which then always passes.
        switch (await PasswordReconfirmations.CheckAsync(users, user, request.Current))
        {
            case PasswordReconfirmation.WrongPassword:
                return IdentityResult.Failed(users.ErrorDescriber.PasswordMismatch());
            case PasswordReconfirmation.LockedOut:
                return IdentityResult.Failed(new IdentityError { Code = LockedOutCode, Description = PasswordReconfirmations.LockedOutMessage });
        }

        var result = await users.ChangePasswordAsync(user, request.Current, request.New);
        if (!result.Succeeded)
        {
            saves.Discard();
        }

        return result;
    }
}
