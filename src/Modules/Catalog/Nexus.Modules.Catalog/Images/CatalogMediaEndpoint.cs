using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Net.Http.Headers;

namespace Nexus.Modules.Catalog.Images;

/// <summary>
/// <c>GET /media/catalog/{key}-{s|m|l}.webp</c>: a stored catalog image, public and cached for a year as immutable
/// (a key is never reused for other pixels: a new upload gets a new key). Anything that is not a valid file name of
/// that shape, and any key that is not stored, is a 404 — the name never reaches the file system unchecked.
/// </summary>
internal static class CatalogMediaEndpoint
{
    public const string CacheControl = "public, max-age=31536000, immutable";

    public static IEndpointRouteBuilder MapCatalogMedia(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapMethods(CatalogImageKey.MediaPathPrefix + "{file}", [HttpMethods.Get, HttpMethods.Head], ServeAsync)
            .AllowAnonymous()
            .ExcludeFromDescription();
        return endpoints;
    }

    private static async Task<IResult> ServeAsync(string file, HttpContext http, ICatalogImageStore store, DemoImages demo, CancellationToken cancellationToken)
    {
        if (!CatalogImageKey.TryParseFileName(file, out var key, out var size))
        {
            return Results.NotFound();
        }

        var stream = store.Open(key, size);
        if (stream is null && await demo.TryDrawAsync(key, size, cancellationToken))
        {
            stream = store.Open(key, size);
        }

        if (stream is null)
        {
            return Results.NotFound();
        }

        http.Response.Headers[HeaderNames.CacheControl] = CacheControl;
        return Results.Stream(stream, "image/webp");
    }
}
