using System.Security.Cryptography;

namespace Nexus.Shared.Web;

/// <summary>
/// This request's Content-Security-Policy. Pages read <see cref="Nonce"/> for their inline scripts and styles;
/// an endpoint that may be framed elsewhere (a sub-app page) replaces <see cref="FrameAncestors"/> before the
/// response starts. Scoped: one per request.
/// </summary>
public sealed class ContentSecurityPolicy
{
    public string Nonce { get; } = Convert.ToBase64String(RandomNumberGenerator.GetBytes(18));

    /// <summary>Sources allowed to frame this response; <c>'self'</c> unless an endpoint says otherwise, <c>'none'</c> for sign-in pages.</summary>
    public IList<string> FrameAncestors { get; } = ["'self'"];

    /// <summary>Extra origins the page may connect to (e.g. a standalone sub-app's origin).</summary>
    public IList<string> ConnectSources { get; } = [];

    /// <summary>Origins the page may frame (the sub-apps it embeds).</summary>
    public IList<string> FrameSources { get; } = [];

    /// <summary>
    /// Admits inline styles (<c>style</c> attributes) for pages we do not render ourselves — only the jobs
    /// dashboard (Hangfire's) sets it. The nonce is then left out of <c>style-src</c>, because a nonce makes
    /// browsers ignore <c>'unsafe-inline'</c>. Scripts are unaffected.
    /// </summary>
    public bool AllowInlineStyles { get; set; }

    public string Build()
    {
        var connect = string.Join(' ', new[] { "'self'" }.Concat(ConnectSources));
        var frames = string.Join(' ', new[] { "'self'" }.Concat(FrameSources));
        var styles = AllowInlineStyles ? "'self' 'unsafe-inline'" : $"'self' 'nonce-{Nonce}'";
        return string.Join("; ",
            "default-src 'self'",
            $"script-src 'self' 'nonce-{Nonce}'",
            $"style-src {styles}",
            "img-src 'self' data:",
            "font-src 'self'",
            $"connect-src {connect}",
            $"frame-src {frames}",
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
            $"frame-ancestors {string.Join(' ', FrameAncestors)}");
    }
}
