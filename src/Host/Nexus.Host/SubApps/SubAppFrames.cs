using Nexus.Modules.Identity.Contracts;
using Nexus.Shared.Security.Tokens;
using Nexus.Shared.SubApps;
using Nexus.Shared.Web;

namespace Nexus.Host.SubApps;

/// <summary>
/// Builds the <see cref="SubAppFrame"/> of a host page (customer dashboard tab, back-office view): the frame's
/// address, the token endpoint, the first token, and the page's CSP allowance to frame the sub-app's origin.
/// </summary>
internal sealed class SubAppFrames
{
    private readonly SubAppTokens tokens;
    private readonly ContentSecurityPolicy csp;
    private readonly IConfiguration configuration;

    public SubAppFrames(SubAppTokens tokens, ContentSecurityPolicy csp, IConfiguration configuration)
    {
        this.tokens = tokens;
        this.csp = csp;
        this.configuration = configuration;
    }

    /// <param name="use">App for the customer-facing tab, Staff for the back office's view (the frame renews the same kind).</param>
    public async Task<SubAppFrame> CreateAsync(RegisteredSubApp app, string route, string hostBase, SubAppTokenUse use, HttpContext http, CancellationToken cancellationToken)
    {
        var tokenUrl = SubAppUrls.TokenUrl(configuration);
        var frame = new SubAppFrame(app, route, hostBase, tokenUrl, await tokens.MintAsync(app, use, http, cancellationToken))
        {
            TokenScope = use == SubAppTokenUse.Staff ? NexusTokenScopes.Staff : NexusTokenScopes.App,
        };
        frame.AllowIn(csp);
        // The page now carries a bearer token: it must not be stored by the browser or a proxy.
        http.Response.Headers.CacheControl = "no-store";
        return frame;
    }

}
