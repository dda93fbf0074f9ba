using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;
using Nexus.Shared.Web;

namespace Nexus.Shared.SubApps;

/// <summary>
/// A document request for a signed-in sub-app page (a navigation: no token can ride on it) gets the shell: the
/// sub-app's head, the bridge and an empty main. The script then fetches the view itself with the bridge token.
/// Public routes (the landing page), APIs and fragment requests pass through.
/// </summary>
internal sealed class SubAppShellMiddleware
{
    private readonly RequestDelegate next;
    private readonly SubAppRegistry registry;
    private readonly PublicUrl publicUrl;

    public SubAppShellMiddleware(RequestDelegate next, SubAppRegistry registry, PublicUrl publicUrl, Microsoft.Extensions.Configuration.IConfiguration configuration)
    {
        this.next = next;
        this.registry = registry;
        this.publicUrl = publicUrl;
        TokenUrl = SubAppUrls.TokenUrl(configuration);
    }

    private string TokenUrl { get; }

    public Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (!HttpMethods.IsGet(request.Method) || request.Headers.ContainsKey(SubAppAuthentication.FragmentHeader))
        {
            return next(context);
        }

        foreach (var app in registry.All)
        {
            if (app.ServedHere && request.Path.StartsWithSegments(app.Definition.BasePath, StringComparison.OrdinalIgnoreCase, out var route)
                && !IsPublic(app.Definition, route))
            {
                return WriteShellAsync(context, app);
            }
        }

        return next(context);
    }

    private static bool IsPublic(SubAppDefinition definition, PathString route) =>
        (definition.PublicRoutes ?? []).Any(p => route.StartsWithSegments(p, StringComparison.OrdinalIgnoreCase))
        || route.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase);

    // The script is async and last: it runs as soon as it has loaded — not after the stylesheet, which it awaits
    // itself before reporting its size — and finds <main> parsed. Everything is preloaded from the head.
    private Task WriteShellAsync(HttpContext context, RegisteredSubApp app)
    {
        // The configured origin, not the request's Host: the shell is cached (by browsers and any shared cache).
        var self = publicUrl.Origin;
        var allowed = app.Settings.AllowedHostOrigins.Count > 0 ? string.Join(' ', app.Settings.AllowedHostOrigins) : self;
        var hostUrl = (app.Settings.HostUrl?.GetLeftPart(UriPartial.Authority) ?? self) + $"/account/{app.Definition.Name}";
        var title = WebUtility.HtmlEncode(app.Definition.Title);
        // Served by the shop itself: its token endpoint is same-origin, so the page also works opened directly.
        var tokenUrl = app.Settings.HostUrl is null ? $" data-token-url=\"{WebUtility.HtmlEncode(TokenUrl)}\"" : string.Empty;
        var liveUrl = app.LivePath is { } live ? $" data-live-url=\"{WebUtility.HtmlEncode(live)}\"" : string.Empty;
        context.Response.ContentType = "text/html; charset=utf-8";
        // The shell is the same for everyone and holds no data (the view comes with the token), so the browser may
        // keep it as long as the bridge's own files (BridgeAssets): opening the tab again needs no round trip for it.
        context.Response.Headers[HeaderNames.CacheControl] = "public, max-age=300";
        context.Response.Headers.Vary = SubAppAuthentication.FragmentHeader;
        return context.Response.WriteAsync($"""
            <!DOCTYPE html>
            <html lang="en">
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <title>{title}</title>
                <meta name="nexus-subapp" data-name="{WebUtility.HtmlEncode(app.Definition.Name)}" data-base-path="{app.Definition.BasePath}" data-allowed-origins="{WebUtility.HtmlEncode(allowed)}" data-host-url="{WebUtility.HtmlEncode(hostUrl)}"{tokenUrl}{liveUrl} />
                <link rel="icon" href="data:," />
                <link rel="stylesheet" href="{BridgeAssets.RequestPath}/subapp.css" />
                <link rel="modulepreload" href="{BridgeAssets.RequestPath}/bridge-app.js" />
                <link rel="modulepreload" href="{BridgeAssets.RequestPath}/bridge-core.js" />
                <link rel="modulepreload" href="{BridgeAssets.RequestPath}/subapp-page.js" />
            </head>
            <body>
                <main id="subapp-main" data-subapp-shell aria-busy="true"><p class="subapp-muted">Loading {title}…</p></main>
                <script type="module" async src="{BridgeAssets.RequestPath}/subapp-page.js"></script>
            </body>
            </html>
            """);
    }
}
