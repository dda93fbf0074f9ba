using System.ComponentModel.DataAnnotations;

namespace Nexus.Modules.Identity.Tokens;

/// <summary>The <c>Identity:Tokens</c> section: who may receive tokens and how long they live.</summary>
internal sealed class TokenSettings
{
    public const string Section = "Identity:Tokens";

    /// <summary>The <c>iss</c> of every token; empty means the origin of Nexus:PublicUrl.</summary>
    public string? Issuer { get; set; }

    /// <summary>Audiences (sub-apps, services) a signed-in user may ask a token for.</summary>
    public IList<string> Audiences { get; } = [];

    /// <summary>Token lifetime; the product promises at most five minutes.</summary>
    [Range(10, 300)]
    public int LifetimeSeconds { get; set; } = 300;

    /// <summary>Tokens one user may be issued per minute by the token endpoint (429 beyond).</summary>
    [Range(1, 10_000)]
    public int PerUserPerMinute { get; set; } = 30;

    /// <summary>A new signing key is made when the newest is this old.</summary>
    [Range(1, 365)]
    public int KeyRotationDays { get; set; } = 30;
}
