using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Nexus.Shared.Abstractions.Security;
using Nexus.Shared.BackOffice;
using Nexus.Shared.Backup;
using Nexus.Shared.Health;
using Nexus.Shared.Logging;
using Nexus.Shared.Modules;
using Nexus.Shared.Persistence;
using Nexus.Shared.Security;
using Nexus.Shared.Security.KeyEncryption;
using Nexus.Shared.Startup;
using Nexus.Shared.SubApps;
using Nexus.Shared.Telemetry;
using Nexus.Shared.Web;

namespace Nexus.Shared.Hosting;

/// <summary>
/// The one composition of a process that runs Nexus modules — the shop and the extracted Licensing service alike
/// (docs/decisions/0013): <see cref="AddNexusHost"/> for services, <see cref="UseNexusPipeline"/> for the middleware
/// and its order, <see cref="MapNexusEndpoints"/> for the endpoints every host has. Security middleware is added here
/// (or in a method called from here), never in one host's Program, so two hosts cannot drift apart.
/// </summary>
public static class NexusHostExtensions
{
    /// <summary>
    /// Logging, settings, database, MediatR, events, health, data protection, authorization, rate limiting and
    /// Razor Pages, then the host's own services, then the enabled modules. Reads no database and calls no network.
    /// </summary>
    public static EnabledModules AddNexusHost(this WebApplicationBuilder builder, NexusHostDefinition host)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(host);
        var dataPath = DataFolder.Resolve(builder.Configuration[DataFolder.Setting], builder.Environment.ContentRootPath);
        builder.AddNexusLogging(dataPath, host.LogFileName);
        // First of the hosted services: from start to exit this process holds the data folder's shared lock, which
        // is how `restore` knows a shop is running on it (Backup/DataFolderLock).
        builder.Services.AddHostedService<DataFolderLock>();

        var database = builder.Services.AddNexusFoundation(builder.Configuration, dataPath);
        // The shop's one public origin: absolute links, the token issuer and host filtering (a foreign Host is 400).
        builder.Services.AddNexusPublicUrl(builder.Configuration, builder.Environment);
        // Forwarded client address and scheme, believed only from Nexus:TrustedProxies (deploy/nginx).
        builder.Services.AddNexusTrustedProxies(builder.Configuration);
        if (database.Provider == DatabaseProvider.Sqlite)
        {
            SqliteThreadPool.Reserve();
        }

        // Keys live in the data folder so sign-in cookies and antiforgery tokens survive restarts; the Identity
        // module replaces this with a ring in the database that every instance shares.
        builder.Services.AddDataProtection()
            .SetApplicationName(host.Name)
            .PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(dataPath, "keys")));
        // Wherever the ring is kept, its keys are encrypted at rest (DataProtection:KeyEncryption:Key; refused
        // start-up outside Development without it).
        builder.Services.AddNexusKeyEncryption(builder.Configuration, builder.Environment, dataPath);
        builder.Services.AddNexusAuthorization();
        builder.Services.AddNexusRateLimiting();
        builder.Services.AddNexusResponseCompression();
        // Prometheus metrics at /metrics, for private networks only (Nexus:Metrics:*, docs/decisions/0029).
        builder.Services.AddNexusMetrics(builder.Configuration, host.Name);
        var mvc = builder.Services.AddRazorPages(options =>
        {
            // Back-office pages live under /Admin in whichever assembly: staff only, in every host.
            options.Conventions.AuthorizeFolder("/Admin", NexusPolicies.BackOffice);
            host.ConfigurePages?.Invoke(options);
        });
        builder.Services.AddSingleton(host);

        host.ConfigureServices?.Invoke(new NexusHostContext(builder, dataPath, database));
        return builder.Services.AddNexusModules(builder.Configuration, mvc, host.Modules);
    }

    /// <summary>
    /// The middleware, in the one order every host uses: the forwarded address and scheme from trusted proxies; correlation id, request logging and security headers
    /// (outermost, so even an error page carries them); error and status pages; HSTS outside Development (error
    /// answers included); sub-app framing and shells; static files; routing; authentication; the rate limiter — after
    /// authentication so a policy can partition by user, before authorization and every endpoint so a refused flood
    /// costs no more than that; authorization; antiforgery. Checks the back-office sections first (unique order; no I/O).
    /// </summary>
    public static WebApplication UseNexusPipeline(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var host = app.Services.GetRequiredService<NexusHostDefinition>();
        BackOfficeSections.EnsureUniqueOrder(app.Services.GetServices<BackOfficeSection>());

        // Before everything that reads the client's address or scheme (logs, HSTS, cookies, rate limits).
        app.UseNexusTrustedProxies();
        app.UseNexusRequestPipeline();
        // After logging and security headers (so the refusal is logged and carries them), before everything that reads
        // the path: NUL in the path is 400, unknown methods 405.
        app.UseMiddleware<MalformedRequestMiddleware>();
        if (host.ErrorPages is { } pages)
        {
            app.UseNexusErrorPages(pages.ErrorPath, pages.StatusPathFormat);
        }
        else
        {
            app.UseExceptionHandler();
            app.UseStatusCodePages();
        }

        if (!app.Environment.IsDevelopment())
        {
            // UseHsts's rules, but on error answers too (see the middleware).
            app.UseMiddleware<StrictTransportSecurityMiddleware>();
        }

        // Sub-app pages: their frame-ancestors, and the shell for document requests (before routing).
        app.UseNexusSubApps();
        // Brotli/gzip for text, but never for answers that hold a secret (ResponseCompressionSetup: BREACH).
        app.UseResponseCompression();
        app.UseStaticFiles(new StaticFileOptions
        {
            // Pages link their own files with asp-append-version (?v=<content hash>): such a URL never changes its
            // content, so the browser keeps it instead of re-asking on every page. Unversioned files revalidate.
            OnPrepareResponse = file =>
            {
                if (file.Context.Request.Query.ContainsKey("v"))
                {
                    file.Context.Response.Headers.CacheControl = "public, max-age=31536000, immutable";
                }
                else
                {
                    // Linked without a version (robots, old bookmarks): kept briefly, then revalidated by ETag.
                    file.Context.Response.Headers.CacheControl = "public, max-age=300";
                }
            },
        });
        app.UseRouting();
        app.UseAuthentication();
        app.UseRateLimiter();
        app.UseAuthorization();
        // Anonymous HTML pages: no-cache + ETag, 304 when unchanged (AnonymousPageCaching).
        app.UseNexusAnonymousPageCaching();
        app.UseAntiforgery();
        return app;
    }

    /// <summary>Health endpoints, metrics, Razor Pages, the bridge's script and styles, and every enabled module's endpoints.</summary>
    public static WebApplication MapNexusEndpoints(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapNexusHealth();
        app.MapNexusMetrics();
        app.MapRazorPages();
        app.MapNexusBridgeAssets();
        app.MapAntiforgeryToken();
        app.MapNexusModules(app.Services.GetRequiredService<EnabledModules>());
        return app;
    }
}
