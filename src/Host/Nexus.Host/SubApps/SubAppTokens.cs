using System.Security.Claims;
using MediatR;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Nexus.Modules.Identity.Contracts;
using Nexus.Shared.SubApps;
using Nexus.Shared.Web;

namespace Nexus.Host.SubApps;

/// <summary>
/// Mints a sub-app's token for whoever is signed in on this request (Identity's <see cref="IssueSubAppToken"/>): for
/// host pages that hand the first token over with the page, and for the shop's own calls to a sub-app's service.
/// </summary>
internal sealed class SubAppTokens
{
    private readonly IMediator mediator;
    private readonly IdentityOptions identity;
    private readonly PublicUrl publicUrl;

    public SubAppTokens(IMediator mediator, IOptions<IdentityOptions> identity, PublicUrl publicUrl)
    {
        this.mediator = mediator;
        this.identity = identity.Value;
        this.publicUrl = publicUrl;
    }

    /// <summary>
    /// Null when nobody is signed in, the account is locked out, the audience is unknown, or a staff or service token
    /// is asked for someone without a staff role.
    /// </summary>
    public async Task<SubAppToken?> MintAsync(RegisteredSubApp app, SubAppTokenUse use, HttpContext http, CancellationToken cancellationToken)
    {
        var userId = http.User.FindFirstValue(identity.ClaimsIdentity.UserIdClaimType);
        if (userId is null)
        {
            return null;
        }

        return await mediator.Send(new IssueSubAppToken(userId, app.Definition.Audience, publicUrl.Origin, use), cancellationToken);
    }
}
