using Microsoft.AspNetCore.Http;
using Nexus.Shared.Web;

namespace Nexus.Shared.SubApps;

/// <summary>
/// Requirement 5 of the bridge: every response under a served sub-app's base path may be framed by exactly its
/// allowed host origins (or only by its own origin when none are configured) — never by anyone else.
/// </summary>
internal sealed class SubAppFramingMiddleware
{
    private readonly RequestDelegate next;
    private readonly SubAppRegistry registry;

    public SubAppFramingMiddleware(RequestDelegate next, SubAppRegistry registry)
    {
        this.next = next;
        this.registry = registry;
    }

    public Task InvokeAsync(HttpContext context, ContentSecurityPolicy policy)
    {
        foreach (var app in registry.All)
        {
            if (app.ServedHere && context.Request.Path.StartsWithSegments(app.Definition.BasePath, StringComparison.OrdinalIgnoreCase))
            {
                policy.FrameAncestors.Clear();
                if (app.Settings.AllowedHostOrigins.Count == 0)
                {
                    policy.FrameAncestors.Add("'self'");
                }
                else
                {
                    foreach (var origin in app.Settings.AllowedHostOrigins)
                    {
                        policy.FrameAncestors.Add(origin);
                    }
                }

                break;
            }
        }

        return next(context);
    }
}
