using MediatR;
using Microsoft.AspNetCore.Identity;
using Nexus.Modules.Identity.Data;

namespace Nexus.Modules.Identity.Features.ChangePassword;

internal sealed class ChangePasswordHandler : IRequestHandler<ChangePassword, IdentityResult>
{
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
        var result = await users.ChangePasswordAsync(user, request.Current, request.New);
        if (!result.Succeeded)
        {
            saves.Discard();
        }

        return result;
    }
}
