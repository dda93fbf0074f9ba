using Nexus.Modules.Identity.Contracts;
using Nexus.Shared.SubApps;
using Nexus.Shared.Web;

namespace Nexus.Host.SubApps;

/// <summary>What the host page needs to frame one sub-app view (see Pages/Shared/_SubAppFrame.cshtml).</summary>
/// <param name="FirstToken">The sub-app's first token, handed over with the page so the bridge's welcome needs no
/// request; null when none could be minted (the bridge then asks <paramref name="TokenUrl"/>, as it does to renew).</param>
internal sealed record SubAppFrame(RegisteredSubApp App, string Route, string HostBase, string TokenUrl, SubAppToken? FirstToken)
{
    public string Src => App.UrlFor(Route);

    /// <summary>The scope the bridge asks for when it renews the token: <c>app</c> (customer tab) or <c>staff</c> (back office).</summary>
    public string TokenScope { get; init; } = Nexus.Shared.Security.Tokens.NexusTokenScopes.App;

    public string AppBase => App.UrlFor("/");

    /// <summary>The first token's expiry as the bridge reads it (ISO 8601, UTC).</summary>
    public string? FirstTokenExpires => FirstToken?.ExpiresAt.ToString("O", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Lets this response frame the sub-app's origin when another process serves it.</summary>
    public void AllowIn(ContentSecurityPolicy policy)
    {
        if (App.RemoteOrigin is { } origin && !policy.FrameSources.Contains(origin))
        {
            policy.FrameSources.Add(origin);
        }
    }

    /// <summary>The sub-app route from the host URL's rest (<c>/account/licensing/keys/42?x=1</c> → <c>/keys/42?x=1</c>).</summary>
    public static string RouteFrom(string? rest, QueryString query, string fallback = "/") =>
        (string.IsNullOrEmpty(rest) ? fallback : "/" + rest.TrimStart('/')) + query.Value;
}
