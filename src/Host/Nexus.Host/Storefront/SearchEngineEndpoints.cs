using System.Globalization;
using System.Xml;
using MediatR;
using Nexus.Modules.Catalog;
using Nexus.Modules.Catalog.Contracts.Storefront;
using Nexus.Shared.Modules;
using Nexus.Shared.Web;

namespace Nexus.Host.Storefront;

/// <summary>
/// <c>/robots.txt</c> and <c>/sitemap.xml</c>: what crawlers may fetch and every storefront address worth indexing,
/// as absolute URLs under <c>Nexus:PublicUrl</c> (never the request's Host).
/// </summary>
internal static class SearchEngineEndpoints
{
    /// <summary>How long crawlers and caches may keep either answer: new products appear within this time.</summary>
    internal const string CacheControl = "public, max-age=300";

    /// <summary>Storefront pages that are not the catalog's: the front page and the content pages in the footer.</summary>
    internal static readonly IReadOnlyList<string> FixedPaths = ["/"];

    public static IEndpointRouteBuilder MapSearchEngineEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/robots.txt", (HttpContext http, PublicUrl publicUrl) =>
        {
            http.Response.Headers.CacheControl = CacheControl;
            return Results.Text(Robots(publicUrl), "text/plain; charset=utf-8");
        }).AllowAnonymous().ExcludeFromDescription();

        endpoints.MapGet("/sitemap.xml", WriteSitemapAsync).AllowAnonymous().ExcludeFromDescription();
        return endpoints;
    }

    /// <summary>Back office, accounts, sub-apps and the APIs are nobody's search result; the sitemap says what is.</summary>
    internal static string Robots(PublicUrl publicUrl) =>
        string.Join('\n',
            "User-agent: *",
            "Disallow: /admin",
            "Disallow: /account",
            "Disallow: /apps/",
            "Disallow: /api/",
            "Disallow: /_nexus/",
            "Allow: /",
            string.Empty,
            $"Sitemap: {publicUrl.Absolute("/sitemap.xml")}",
            string.Empty);

    // Written to the response as the rows arrive: a 50,000-product catalog never sits in memory as one document.
    private static async Task WriteSitemapAsync(HttpContext http, PublicUrl publicUrl, IMediator mediator, EnabledModules modules)
    {
        var cancellationToken = http.RequestAborted;
        http.Response.ContentType = "application/xml; charset=utf-8";
        http.Response.Headers.CacheControl = CacheControl;
        await using var writer = XmlWriter.Create(http.Response.Body, new XmlWriterSettings { Async = true, Encoding = new System.Text.UTF8Encoding(false) });
        await writer.WriteStartDocumentAsync();
        await writer.WriteStartElementAsync(null, "urlset", "http://www.sitemaps.org/schemas/sitemap/0.9");
        foreach (var path in FixedPaths)
        {
            await WriteUrlAsync(writer, publicUrl.Absolute(path), null);
        }

        if (modules.IsEnabled(CatalogModule.Name))
        {
            var entries = await mediator.Send(new ListSitemapEntries(), cancellationToken);
            var count = 0;
            await foreach (var entry in entries.WithCancellation(cancellationToken))
            {
                await WriteUrlAsync(writer, publicUrl.Absolute(entry.Path), entry.LastModified);
                // Let the bytes go out now and then rather than all at the end.
                if (++count % 500 == 0)
                {
                    await writer.FlushAsync();
                }
            }
        }

        await writer.WriteEndElementAsync();
        await writer.WriteEndDocumentAsync();
    }

    private static async Task WriteUrlAsync(XmlWriter writer, string location, DateTime? lastModified)
    {
        await writer.WriteStartElementAsync(null, "url", null);
        await writer.WriteElementStringAsync(null, "loc", null, location);
        if (lastModified is { } at)
        {
            await writer.WriteElementStringAsync(null, "lastmod", null, DateTime.SpecifyKind(at, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
        }

        await writer.WriteEndElementAsync();
    }
}
