using Microsoft.AspNetCore.HostFiltering;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Nexus.Shared.Web;

public static class PublicUrlServiceCollectionExtensions
{
    /// <summary>The <c>AllowedHosts</c> setting: extra host names (<c>;</c>-separated) besides the public URL's; <c>*</c> turns the check off.</summary>
    public const string AllowedHostsSetting = "AllowedHosts";

    /// <summary>
    /// Registers <see cref="PublicUrl"/> (validated now, so bad configuration stops start-up) and sets ASP.NET Core's
    /// host filtering — which the web host already runs first in every pipeline — to the public URL's host plus
    /// <c>AllowedHosts</c> extras (a load balancer's health-probe name, say). A request for any other host gets 400
    /// before any middleware or page sees it. Development also admits the loopback names.
    /// </summary>
    public static PublicUrl AddNexusPublicUrl(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var publicUrl = PublicUrl.Resolve(configuration, environment);
        services.AddSingleton(publicUrl);
        var allowed = AllowedHosts(publicUrl, configuration[AllowedHostsSetting], environment.IsDevelopment());
        // Configure runs before the web host's own PostConfigure, which only fills in AllowedHosts when it is empty.
        services.Configure<HostFilteringOptions>(options => options.AllowedHosts = allowed);
        return publicUrl;
    }

    /// <summary>The host names host filtering admits (ports are not compared).</summary>
    public static IList<string> AllowedHosts(PublicUrl publicUrl, string? extras, bool development)
    {
        ArgumentNullException.ThrowIfNull(publicUrl);
        var configured = (extras ?? string.Empty).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (configured.Contains("*"))
        {
            return ["*"];
        }

        var hosts = new List<string> { publicUrl.BaseUri.Host };
        if (development)
        {
            hosts.AddRange(["localhost", "127.0.0.1", "[::1]"]);
        }

        hosts.AddRange(configured);
        return hosts.Distinct(StringComparer.OrdinalIgnoreCase).ToList();
    }
}
