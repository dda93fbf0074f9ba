using Nexus.Shared.Security.Tokens;

namespace Nexus.Shared.SubApps;

/// <summary>
/// Sub-app pages sign the user in from the bridge token only (requirement 6): the page's script fetches each
/// view with <c>Authorization: Bearer</c> and <see cref="FragmentHeader"/>; cookies are never used, so the same
/// code works same-origin and cross-origin, where the host's cookies would be third-party.
/// </summary>
public static class SubAppAuthentication
{
    /// <summary>The JWT bearer scheme validating host-minted tokens (identity's <c>AddNexusTokenValidation</c> default).</summary>
    public const string Scheme = NexusTokenValidationExtensions.DefaultScheme;

    /// <summary>Signed in through a frame token (scope <c>app</c> or <c>staff</c>).</summary>
    public const string UserPolicy = "SubAppUser";

    /// <summary>Signed in through the back office's staff frame token (scope <c>staff</c>) with the Admin role.</summary>
    public const string AdminPolicy = "SubAppAdmin";

    /// <summary>Marks a request for a view's content (no layout) made by the sub-app page script.</summary>
    public const string FragmentHeader = "X-Nexus-Fragment";
}
