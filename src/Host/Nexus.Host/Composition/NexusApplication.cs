using Nexus.Host.Storefront;
using Nexus.Shared.Hosting;
using Nexus.Shared.Live;
using Nexus.Shared.Scheduling;
using Nexus.Shared.Security;
using Nexus.Shared.SubApps;

namespace Nexus.Host.Composition;

/// <summary>
/// The shop: every module, on the one Nexus composition (<see cref="NexusHostExtensions"/>). What only the shop has
/// is here — people sign in with a cookie, the job server and its dashboard, the sub-apps it embeds, its error pages.
/// </summary>
internal static class NexusApplication
{
    public static NexusHostDefinition Definition { get; } = new()
    {
        Name = "Nexus",
        Modules = NexusModules.All,
        ErrorPages = ("/error", "/status/{0}"),
        ConfigureServices = host =>
        {
            var (builder, dataPath, database) = host;
            // After the foundation, so the database is migrated before the scheduler's hosted service starts.
            builder.Services.AddNexusScheduling(builder.Configuration, database, dataPath);
            builder.Services.AddNexusCookieAuthentication();
            builder.Services.AddHostBackOffice();
            builder.Services.AddHostAccount();
            // The live channel of the shop's pages (/hubs/shop, decision 0026).
            builder.Services.AddNexusLive(builder.Configuration);
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
        },
    };

    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateBuilder(NexusContentRoot.Options(args));
        builder.AddNexusHost(Definition);

        var app = builder.Build();
        app.UseNexusPipeline();
        app.MapNexusEndpoints();
        app.MapNexusJobsDashboard();
        app.MapNexusLive();
        app.MapSearchEngineEndpoints();
        return app;
    }
}
