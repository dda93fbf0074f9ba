using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Nexus.Shared.SubApps.Live;

public static class SubAppLiveExtensions
{
    /// <summary>
    /// The sub-app's signed-in pages keep a live connection to <c>&lt;base path&gt;/_live</c> (the shell tells its
    /// script so) and re-read the parts of a view marked <c>data-live="&lt;topic&gt;"</c> when
    /// <see cref="SubAppLiveNotifier"/> names that topic for the user.
    /// </summary>
    public static IServiceCollection AddNexusSubAppLive(this IServiceCollection services, RegisteredSubApp subApp)
    {
        ArgumentNullException.ThrowIfNull(subApp);
        subApp.LivePath = subApp.Definition.BasePath + SubAppLiveStream.Path;
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<SubAppLiveStream>();
        services.TryAddSingleton<SubAppLiveNotifier>();
        return services;
    }

    /// <summary>Maps the live stream, signed in from the bridge token with <paramref name="policy"/> like the views.</summary>
    public static IEndpointRouteBuilder MapNexusSubAppLive(this IEndpointRouteBuilder endpoints, SubAppDefinition app, string policy = SubAppAuthentication.UserPolicy)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(app);
        endpoints.MapGet(app.BasePath + SubAppLiveStream.Path, (HttpContext context, SubAppLiveStream stream) => stream.StreamAsync(context, app))
            .RequireAuthorization(policy)
            .ExcludeFromDescription();
        return endpoints;
    }
}
