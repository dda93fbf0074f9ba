using MediatR;
using Microsoft.AspNetCore.Identity;
using Nexus.Modules.Identity.Data;

namespace Nexus.Modules.Identity.Features.ConfirmEmail;

internal sealed class ConfirmEmailHandler : IRequestHandler<ConfirmEmail, bool>
{
    private readonly UserManager<ShopUser> users;
    private readonly IdentityStoreSaves saves;

    public ConfirmEmailHandler(UserManager<ShopUser> users, IdentityStoreSaves saves)
    {
        this.users = users;
        this.saves = saves;
    }

    public async Task<bool> Handle(ConfirmEmail request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        using var deferred = saves.Defer();
        return await users.FindByIdAsync(request.UserId) is { } user && (await users.ConfirmEmailAsync(user, request.Token)).Succeeded;
    }
}
