using System.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Net.Http.Headers;

namespace Nexus.Shared.SubApps;

/// <summary>
/// Serves the bridge's JavaScript and CSS (embedded in this assembly) under <see cref="RequestPath"/>, so the
/// main host, a standalone sub-app and an extracted service all serve the very same files from their own origin.
/// </summary>
public static class BridgeAssets
{
    public const string RequestPath = "/_nexus/bridge";

    private static readonly Assembly Assembly = typeof(BridgeAssets).Assembly;
    private static readonly FileExtensionContentTypeProvider ContentTypes = new();

    public static IEndpointRouteBuilder MapNexusBridgeAssets(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(RequestPath + "/{file}", (string file, HttpContext context) =>
        {
            // Only the files we embedded: the name is looked up, never used as a path.
            var stream = Assembly.GetManifestResourceStream("nexus-bridge/" + file);
            if (stream is null || !ContentTypes.TryGetContentType(file, out var contentType))
            {
                stream?.Dispose();
                return Results.NotFound();
            }

            // Short caching: the files have no version in their name and import each other by relative URL.
            context.Response.Headers.CacheControl = "public, max-age=300";
            return Results.Stream(stream, contentType + "; charset=utf-8", entityTag: new EntityTagHeaderValue($"\"{Assembly.ManifestModule.ModuleVersionId:N}\""));
        }).AllowAnonymous().ExcludeFromDescription();
        return endpoints;
    }
}
