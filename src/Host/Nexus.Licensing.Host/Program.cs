using Nexus.Modules.Licensing;
using Nexus.Shared.Hosting;
using Nexus.Shared.Messaging;
using Nexus.Shared.SubApps;

// Nexus Licensing service: the same program as the shop (NexusHostExtensions) with one module — Licensing's sub-app,
// its public activation API, its database — serving its own origin. Tokens are checked against the shop's JWKS
// (SubApps:licensing:HostUrl) and the order-paid event arrives over Redis (Redis:ConnectionString). The shop runs
// with SubApps:licensing:Url pointing here, which switches its own Licensing off.
return await NexusProgram.RunAsync("Nexus Licensing", args, arguments =>
{
    var builder = WebApplication.CreateBuilder(NexusContentRoot.Options(arguments));
    builder.AddNexusHost(new NexusHostDefinition
    {
        Name = "Nexus.Licensing",
        LogFileName = "nexus-licensing",
        Modules = [new(LicensingModule.Name, typeof(LicensingModule).Assembly, (s, c) => s.AddLicensingModule(c), e => e.MapLicensingModule())],
        ConfigureServices = host =>
        {
            // People sign in at the shop; here only the bridge token (JWT) authenticates.
            host.Builder.Services.AddAuthentication(SubAppAuthentication.Scheme);
            // Apart from the shop the token keys come from the shop's JWKS: its origin is required, checked on start.
            host.Builder.Services.AddOptions<SubAppSettings>(LicensingModule.SubApp.Name)
                .BindConfiguration($"SubApps:{LicensingModule.SubApp.Name}")
                .Validate(settings => settings.HostUrl is not null, "SubApps:licensing:HostUrl: the shop's origin is required: tokens are validated against its JWKS.")
                .ValidateOnStart();
            // The shop's /admin/events reads and changes this service's events with service tokens (audience
            // licensing.service, scope events) minted server-side; frame tokens cannot.
            if (host.Builder.Configuration.GetValue<Uri?>($"SubApps:{LicensingModule.SubApp.Name}:HostUrl") is { } hostUrl)
            {
                host.Builder.Services.AddNexusEventsAdministration(LicensingModule.SubApp.Audience, hostUrl, host.Builder.Configuration["Identity:Tokens:Issuer"]);
            }
        },
    });

    var app = builder.Build();
    app.UseNexusPipeline();
    app.MapNexusEndpoints();
    // The shop's /admin/events shows this service's outbox, inbox and dead letters through these endpoints.
    app.MapNexusEventsAdministration();
    return app;
});
