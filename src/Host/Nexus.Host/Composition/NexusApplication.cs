using Microsoft.AspNetCore.DataProtection;
using Nexus.Shared.Abstractions.Security;
using Nexus.Shared.Health;
using Nexus.Shared.Logging;
using Nexus.Shared.Security;
using Nexus.Shared.Modules;
using Nexus.Shared.Persistence;
using Nexus.Shared.Scheduling;
using Nexus.Shared.Startup;
using Nexus.Shared.SubApps;
using Nexus.Shared.Web;

namespace Nexus.Host.Composition;

/// <summary>The composition root: what the Nexus host is made of and the order its middleware runs in.</summary>
internal static class NexusApplication
{
    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        var dataPath = DataFolder.Resolve(builder.Configuration[DataFolder.Setting], builder.Environment.ContentRootPath);
        builder.AddNexusLogging(dataPath);

        var database = builder.Services.AddNexusFoundation(builder.Configuration, dataPath);
        builder.Services.AddNexusPublicUrl(builder.Configuration, builder.Environment);
        if (database.Provider == DatabaseProvider.Sqlite)
        {
            SqliteThreadPool.Reserve();
        }

        // After the foundation, so the database is migrated before the scheduler's hosted service starts.
        builder.Services.AddNexusScheduling(builder.Configuration, database, dataPath);
        // Keys live in the data folder so sign-in cookies and antiforgery tokens survive restarts; the Identity
        // module replaces this with a ring in the database that every instance shares.
        builder.Services.AddDataProtection()
            .SetApplicationName("Nexus")
            .PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(dataPath, "keys")));
        builder.Services.AddNexusCookieAuthentication();
        builder.Services.AddNexusAuthorization();
        builder.Services.AddNexusRateLimiting();
        var mvc = builder.Services.AddRazorPages(options => options.Conventions.AuthorizeFolder("/Admin", NexusPolicies.BackOffice));
        builder.Services.AddHostBackOffice();
        builder.Services.AddScoped<Nexus.Host.SubApps.SubAppTokens>();
        builder.Services.AddScoped<Nexus.Host.SubApps.SubAppFrames>();
        builder.Services.AddScoped<Nexus.Host.SubApps.RemoteServiceEvents>();
        builder.Services.AddHttpClient(Nexus.Host.SubApps.RemoteServiceEvents.HttpClientName, client => client.Timeout = TimeSpan.FromSeconds(5));
        foreach (var (subApp, module) in NexusModules.SubApps)
        {
            builder.Services.AddNexusSubAppEmbedding(builder.Configuration, subApp);
            // One switch: a sub-app served by another process (its own service) is not also run here.
            if (!string.IsNullOrWhiteSpace(builder.Configuration[$"SubApps:{subApp.Name}:Url"]))
            {
                builder.Configuration[$"Modules:{module}:Enabled"] = "false";
            }
        }

        var modules = builder.Services.AddNexusModules(builder.Configuration, mvc, NexusModules.All);

        var app = builder.Build();
        app.UseNexusRequestPipeline();
        app.UseNexusErrorPages("/error", "/status/{0}");
        if (!app.Environment.IsDevelopment())
        {
            app.UseHsts();
        }

        // Sub-app pages: their frame-ancestors, and the shell for document requests (before routing).
        app.UseNexusSubApps();
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
            },
        });
        app.UseRouting();
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();

        app.MapNexusHealth();
        app.MapRazorPages();
        app.MapNexusBridgeAssets();
        app.MapNexusJobsDashboard();
        app.MapNexusModules(modules);
        return app;
    }
}
