using MediatR;
using Microsoft.AspNetCore.Identity;
using Nexus.Modules.Identity.Contracts;
using Nexus.Modules.Identity.Data;

namespace Nexus.Modules.Identity.Tokens;

/// <summary>
/// The one place a sub-app token is minted, for the token endpoint and for host pages. Reads the account, not the
/// sign-in cookie: roles, e-mail and lockout may have changed since sign-in.
/// </summary>
internal sealed class IssueSubAppTokenHandler : IRequestHandler<IssueSubAppToken, SubAppToken?>
{
    private readonly UserManager<ShopUser> users;
    private readonly TokenIssuer issuer;

    public IssueSubAppTokenHandler(UserManager<ShopUser> users, TokenIssuer issuer)
    {
        this.users = users;
        this.issuer = issuer;
    }

    public async Task<SubAppToken?> Handle(IssueSubAppToken request, CancellationToken cancellationToken)
    {
        var user = issuer.IsKnownAudience(request.Audience) ? await users.FindByIdAsync(request.UserId) : null;
        if (user is null || await users.IsLockedOutAsync(user))
        {
            return null;
        }

        var roles = await users.GetRolesAsync(user);
        var token = await issuer.IssueAsync(user.Id, user.Email ?? string.Empty, roles, request.Audience, issuer.IssuerFor(request.RequestOrigin), cancellationToken);
        return new SubAppToken(token.Token, token.ExpiresAt);
    }
}
