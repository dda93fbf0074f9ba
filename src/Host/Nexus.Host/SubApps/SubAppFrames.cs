using System.Security.Claims;
using MediatR;
using Microsoft.AspNetCore.Identity;
using Nexus.Modules.Identity.Contracts;
using Nexus.Shared.SubApps;
using Nexus.Shared.Web;

namespace Nexus.Host.SubApps;

/// <summary>
/// Builds the <see cref="SubAppFrame"/> of a host page (customer dashboard tab, back-office view): the frame's
/// address, the token endpoint, the first token, and the page's CSP allowance to frame the sub-app's origin.
/// </summary>
internal sealed class SubAppFrames
{
    private readonly IMediator mediator;
    private readonly ContentSecurityPolicy csp;
    private readonly IConfiguration configuration;
    private readonly IdentityOptions identity;

    public SubAppFrames(IMediator mediator, ContentSecurityPolicy csp, IConfiguration configuration, Microsoft.Extensions.Options.IOptions<IdentityOptions> identity)
    {
        this.mediator = mediator;
        this.csp = csp;
        this.configuration = configuration;
        this.identity = identity.Value;
    }

    public async Task<SubAppFrame> CreateAsync(RegisteredSubApp app, string route, string hostBase, HttpContext http, CancellationToken cancellationToken)
    {
        var tokenUrl = configuration[SubAppSettingsKeys.TokenUrl] ?? SubAppSettingsKeys.DefaultTokenUrl;
        var frame = new SubAppFrame(app, route, hostBase, tokenUrl, await FirstTokenAsync(app, http, cancellationToken));
        frame.AllowIn(csp);
        // The page now carries a bearer token: it must not be stored by the browser or a proxy.
        http.Response.Headers.CacheControl = "no-store";
        return frame;
    }

    private async Task<SubAppToken?> FirstTokenAsync(RegisteredSubApp app, HttpContext http, CancellationToken cancellationToken)
    {
        var userId = http.User.FindFirstValue(identity.ClaimsIdentity.UserIdClaimType);
        if (userId is null)
        {
            return null;
        }

        var origin = $"{http.Request.Scheme}://{http.Request.Host}";
        return await mediator.Send(new IssueSubAppToken(userId, app.Definition.Audience, origin), cancellationToken);
    }
}
