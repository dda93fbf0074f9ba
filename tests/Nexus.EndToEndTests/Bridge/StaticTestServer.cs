using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Logging;
using Nexus.Shared.SubApps;

namespace Nexus.EndToEndTests.Bridge;

/// <summary>
/// A tiny Kestrel site serving the bridge test pages (Bridge/www) and the bridge itself, under a strict CSP.
/// Three of them on three ports give the tests a host origin, a sub-app origin and a foreign origin.
/// </summary>
internal sealed class StaticTestServer : IAsyncDisposable
{
    private readonly WebApplication app;

    private StaticTestServer(WebApplication app, Uri origin)
    {
        this.app = app;
        Origin = origin;
    }

    public Uri Origin { get; }

    /// <summary>The origin as the browser writes it (no trailing slash).</summary>
    public string OriginText => Origin.GetLeftPart(UriPartial.Authority);

    public static async Task<StaticTestServer> StartAsync(Func<string> frameAncestors)
    {
        var port = FreePort.Next();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        var app = builder.Build();
        app.Use((context, next) =>
        {
            context.Response.Headers.ContentSecurityPolicy =
                $"default-src 'self'; script-src 'self'; style-src 'self'; frame-src *; frame-ancestors {frameAncestors()}";
            context.Response.Headers.CacheControl = "no-store";
            return next(context);
        });
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = new PhysicalFileProvider(Path.Combine(AppContext.BaseDirectory, "Bridge", "www")),
        });
        app.MapNexusBridgeAssets();
        await app.StartAsync();
        return new StaticTestServer(app, new Uri($"http://127.0.0.1:{port}/"));
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
