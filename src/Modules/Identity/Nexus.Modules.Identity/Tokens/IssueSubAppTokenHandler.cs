using MediatR;
using Microsoft.AspNetCore.Identity;
using Nexus.Modules.Identity.Contracts;
using Nexus.Modules.Identity.Data;
using Nexus.Shared.Abstractions.Security;
using Nexus.Shared.Security.Tokens;

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
        var staff = roles.Contains(NexusRoles.Admin, StringComparer.Ordinal) || roles.Contains(NexusRoles.Support, StringComparer.Ordinal);
        // A customer-facing frame gets only the customer role: whatever else the person is, the frame (and whoever
        // reads its token) holds no staff powers. Staff and service tokens exist for staff only.
        var (audience, scope, granted) = request.Use switch
        {
            SubAppTokenUse.App => (request.Audience, NexusTokenScopes.App, roles.Where(r => r == NexusRoles.Customer).ToList()),
            SubAppTokenUse.Staff when staff => (request.Audience, NexusTokenScopes.Staff, roles),
            SubAppTokenUse.Service when staff => (NexusTokenScopes.ServiceAudience(request.Audience), NexusTokenScopes.Events, roles),
            _ => (null, null, null),
        };
        if (audience is null)
        {
            return null;
        }

        var token = await issuer.IssueAsync(user.Id, user.Email ?? string.Empty, granted!, audience, scope!, issuer.IssuerFor(request.RequestOrigin), cancellationToken);
        return new SubAppToken(token.Token, token.ExpiresAt);
    }
}
