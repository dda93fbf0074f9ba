using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;
using Nexus.Modules.Licensing;
using Nexus.Shared.Health;
using Nexus.Shared.Logging;
using Nexus.Shared.Messaging;
using Nexus.Shared.Modules;
using Nexus.Shared.Security;
using Nexus.Shared.Startup;
using Nexus.Shared.SubApps;
using Nexus.Shared.Web;

// Nexus Licensing service: the Licensing module alone — its sub-app, its public activation API, its database —
// serving its own origin. Tokens are checked against the shop's JWKS (SubApps:licensing:HostUrl) and the
// order-paid event arrives over Redis (Redis:ConnectionString). The shop runs with Modules:Licensing:Enabled=false
// and SubApps:licensing:Url pointing here.
try
{
    var builder = WebApplication.CreateBuilder(args);
    var dataPath = DataFolder.Resolve(builder.Configuration[DataFolder.Setting], builder.Environment.ContentRootPath);
    builder.AddNexusLogging(dataPath, "nexus-licensing");
    builder.Services.AddNexusFoundation(builder.Configuration, dataPath);
    builder.Services.AddNexusPublicUrl(builder.Configuration, builder.Environment);
    builder.Services.AddDataProtection()
        .SetApplicationName("Nexus.Licensing")
        .PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(dataPath, "keys")));
    if (builder.Configuration["SubApps:licensing:HostUrl"] is not { Length: > 0 })
    {
        throw new StartupConfigurationException("SubApps:licensing:HostUrl", "the shop's origin is required: tokens are validated against its JWKS.");
    }

    // People sign in at the shop; here only the bridge token (JWT) authenticates.
    builder.Services.AddAuthentication(SubAppAuthentication.Scheme);
    builder.Services.AddNexusAuthorization();
    builder.Services.AddNexusRateLimiting();
    var mvc = builder.Services.AddRazorPages();
    ModuleDefinition licensing = new(LicensingModule.Name, typeof(LicensingModule).Assembly, (s, c) => s.AddLicensingModule(c), e => e.MapLicensingModule());
    var modules = builder.Services.AddNexusModules(builder.Configuration, mvc, [licensing]);

    var app = builder.Build();
    app.UseNexusRequestPipeline();
    app.UseExceptionHandler();
    app.UseStatusCodePages();
    app.UseNexusSubApps();
    app.UseRouting();
    app.UseAuthentication();
    app.UseAuthorization();
    app.UseRateLimiter();
    app.MapNexusHealth();
    app.MapRazorPages();
    app.MapNexusModules(modules);
    app.MapNexusBridgeAssets();
    // The shop's /admin/events shows this service's outbox, inbox and dead letters through these endpoints.
    app.MapNexusEventsAdministration();
    await app.RunAsync();
    return 0;
}
catch (StartupConfigurationException ex)
{
    await Console.Error.WriteLineAsync($"Nexus Licensing cannot start: {ex.Message}");
    return 2;
}
catch (OptionsValidationException ex)
{
    await Console.Error.WriteLineAsync($"Nexus Licensing cannot start: {ex.OptionsName}: {string.Join("; ", ex.Failures)}");
    return 2;
}
