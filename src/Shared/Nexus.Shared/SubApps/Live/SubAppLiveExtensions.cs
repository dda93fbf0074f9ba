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
        return services.AddNexusSubAppLiveNotifier();
    }

    /// <summary>
    /// <see cref="SubAppLiveNotifier"/> for a process that tells users' open sub-app pages something, whether or not it
    /// serves any sub-app itself: the shop's sign-out reaches the streams of an extracted service through the fan-out.
    /// </summary>
    public static IServiceCollection AddNexusSubAppLiveNotifier(this IServiceCollection services)
    {
        SubAppServiceCollectionExtensions.Registry(services);
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
