using System.IO.Compression;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.ResponseCompression;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Nexus.Shared.Web;

/// <summary>
/// Brotli and gzip for text answers, in the app: the single container has no proxy in front to do it.
/// Compression and secrets do not mix (BREACH): when a response holds a secret and also reflects what an attacker
/// put in the URL, the compressed size leaks the secret a byte at a time. So <see cref="SecretAwareCompressionProvider"/>
/// compresses only answers that carry no secret — see docs/decisions/0016-anonymous-page-caching-and-compression.md.
/// </summary>
public static class ResponseCompressionSetup
{
    /// <summary>Text types worth compressing (ASP.NET Core's list plus SVG, XML and web manifests).</summary>
    public static readonly IReadOnlyList<string> MimeTypes =
    [
        .. ResponseCompressionDefaults.MimeTypes,
        "image/svg+xml",
        "application/xml",
        "application/manifest+json",
        "application/problem+json",
    ];

    public static IServiceCollection AddNexusResponseCompression(this IServiceCollection services)
    {
        services.AddResponseCompression(options =>
        {
            // HTTPS is where BREACH matters; the provider below refuses the responses it could hurt.
            options.EnableForHttps = true;
            options.Providers.Add<BrotliCompressionProvider>();
            options.Providers.Add<GzipCompressionProvider>();
            options.MimeTypes = MimeTypes;
        });
        // Pages are compressed per request: the fastest levels cost little CPU and still cut HTML by ~80 %
        // (Brotli's default level, 11, takes milliseconds per page).
        services.Configure<BrotliCompressionProviderOptions>(options => options.Level = CompressionLevel.Fastest);
        services.Configure<GzipCompressionProviderOptions>(options => options.Level = CompressionLevel.Fastest);
        services.AddSingleton<IResponseCompressionProvider, SecretAwareCompressionProvider>();
        return services;
    }
}

/// <summary>
/// ASP.NET Core's provider, minus every response that may hold a secret: anything for a signed-in user (their data,
/// antiforgery tokens on every form, the sign-out form in the header) and any response marked <c>no-store</c> —
/// which the antiforgery system sets whenever it writes a token into a page (the sign-in form of an anonymous
/// visitor, say) and endpoints set for tokens and personal exports. What is left — anonymous catalog pages, static
/// files, public JSON — holds nothing an attacker could not fetch themselves, so reflecting a search term there
/// reveals nothing.
/// </summary>
internal sealed class SecretAwareCompressionProvider(IServiceProvider services, IOptions<ResponseCompressionOptions> options)
    : ResponseCompressionProvider(services, options)
{
    public override bool ShouldCompressResponse(HttpContext context) =>
        !CarriesSecrets(context) && base.ShouldCompressResponse(context);

    internal static bool CarriesSecrets(HttpContext context) =>
        context.User.Identity?.IsAuthenticated == true
        || context.Response.Headers.CacheControl.Any(value => value?.Contains("no-store", StringComparison.OrdinalIgnoreCase) == true)
        || context.Response.Headers.SetCookie.Count > 0;
}
