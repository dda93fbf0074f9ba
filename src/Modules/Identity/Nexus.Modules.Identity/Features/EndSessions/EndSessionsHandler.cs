using MediatR;
using Microsoft.AspNetCore.Identity;
using Nexus.Modules.Identity.Data;

namespace Nexus.Modules.Identity.Features.EndSessions;

/// <summary>
/// A new security stamp, one commit. The caller deletes this browser's cookie afterwards (a cookie operation, not a
/// database change); the stamp is what makes a copied cookie worthless, since deleting a cookie in one browser
/// does nothing to a copy of it (docs/security.md, item 3).
/// </summary>
internal sealed class EndSessionsHandler : IRequestHandler<EndSessions, bool>
{
    private readonly UserManager<ShopUser> users;
    private readonly IdentityStoreSaves saves;

    public EndSessionsHandler(UserManager<ShopUser> users, IdentityStoreSaves saves)
    {
        this.users = users;
        this.saves = saves;
    }

    public async Task<bool> Handle(EndSessions request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        using var deferred = saves.Defer();
        if (await users.FindByIdAsync(request.UserId) is not { } user)
        {
            return false;
        }

        IdentityCommandResults.ThrowIfFailed(await users.UpdateSecurityStampAsync(user), "renew the security stamp");
        return true;
    }
}
