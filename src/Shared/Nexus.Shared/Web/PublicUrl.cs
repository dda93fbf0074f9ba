using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Nexus.Shared.Startup;

namespace Nexus.Shared.Web;

/// <summary>
/// The one address the shop is reached at (<c>Nexus:PublicUrl</c>). Every absolute URL the shop emits — e-mail
/// links, the token issuer, sub-app shells — is built from it, never from the request's <c>Host</c> header, which
/// the caller chooses: a password-reset link built from <c>Host: evil.example</c> hands a genuine token to whoever
/// owns evil.example. Host filtering (<see cref="PublicUrlServiceCollectionExtensions"/>) admits only its host.
/// </summary>
public sealed class PublicUrl
{
    public const string Setting = "Nexus:PublicUrl";

    /// <summary>Development only, when nothing is configured and no listening URL is known: what <c>dotnet run</c> serves.</summary>
    public const string DevelopmentDefault = "http://localhost:5000/";

    public PublicUrl(Uri baseUri)
    {
        ArgumentNullException.ThrowIfNull(baseUri);
        BaseUri = baseUri;
        Origin = baseUri.GetLeftPart(UriPartial.Authority);
        Host = baseUri.IsDefaultPort ? baseUri.Host : $"{baseUri.Host}:{baseUri.Port}";
    }

    /// <summary>Absolute, http(s), ending in <c>/</c> (a path base is kept).</summary>
    public Uri BaseUri { get; }

    /// <summary><c>scheme://host[:port]</c>, as browsers send it in <c>Origin</c>.</summary>
    public string Origin { get; }

    /// <summary>Host and non-default port, as in a <c>Host</c> header.</summary>
    public string Host { get; }

    /// <summary>The absolute URL of a root-relative <paramref name="path"/> (<c>/account/login</c>) under the base.</summary>
    public string Absolute(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return BaseUri.AbsoluteUri + path.TrimStart('/');
    }

    /// <summary>
    /// Reads and checks <c>Nexus:PublicUrl</c>. Outside Development it is required (nothing else is trustworthy);
    /// in Development it defaults to the first listening URL (<c>urls</c> / <c>ASPNETCORE_URLS</c>) or
    /// <see cref="DevelopmentDefault"/>. Throws <see cref="StartupConfigurationException"/> naming the setting.
    /// </summary>
    public static PublicUrl Resolve(IConfiguration configuration, IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(environment);
        var configured = configuration[Setting];
        if (string.IsNullOrWhiteSpace(configured))
        {
            if (!environment.IsDevelopment())
            {
                throw new StartupConfigurationException(Setting,
                    "required outside Development: the absolute http(s) address shoppers use (e.g. https://shop.example/); links in e-mails and tokens are built from it.");
            }

            configured = FirstListeningUrl(configuration["urls"]) ?? DevelopmentDefault;
        }

        if (!Uri.TryCreate(configured.Trim(), UriKind.Absolute, out var uri)
            || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
            || uri.UserInfo.Length > 0 || uri.Query.Length > 0 || uri.Fragment.Length > 0 || uri.Host.Length == 0)
        {
            throw new StartupConfigurationException(Setting, $"'{configured}' is not an absolute http(s) URL without user, query or fragment (e.g. https://shop.example/).");
        }

        return new PublicUrl(new Uri(uri.GetLeftPart(UriPartial.Path).TrimEnd('/') + "/"));
    }

    // Kestrel's wildcard forms (*, +, 0.0.0.0, [::]) name no host a browser can use: localhost stands in.
    private static string? FirstListeningUrl(string? urls)
    {
        var first = urls?.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault();
        if (first is null)
        {
            return null;
        }

        foreach (var wildcard in new[] { "://*", "://+", "://0.0.0.0", "://[::]" })
        {
            first = first.Replace(wildcard, "://localhost", StringComparison.Ordinal);
        }

        return first;
    }
}
