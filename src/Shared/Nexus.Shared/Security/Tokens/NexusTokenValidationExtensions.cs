using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.IdentityModel.Tokens;

namespace Nexus.Shared.Security.Tokens;

/// <summary>
/// How a sub-app or an extracted service accepts the short-lived tokens the Nexus host mints
/// (<c>POST /api/identity/tokens</c>): RS256 only, the expected audience, lifetime checked with 30 s of skew,
/// claims kept under their JWT names (<c>sub</c>, <c>email</c>, <c>role</c>).
/// </summary>
public static class NexusTokenValidationExtensions
{
    public const string DefaultScheme = "NexusToken";

    /// <summary>Validates against the public keys published at <paramref name="jwksUrl"/> (another process).</summary>
    public static AuthenticationBuilder AddNexusTokenValidation(
        this IServiceCollection services, string audience, Uri jwksUrl, string? issuer = null, string scheme = DefaultScheme)
    {
        ArgumentNullException.ThrowIfNull(jwksUrl);
        // Checked at start-up (exit 2 with the reason), not at the first token: see JwksTransport.
        services.AddOptions<JwtBearerOptions>(scheme)
            .Validate<IHostEnvironment>(
                (_, environment) => JwksTransport.IsAllowed(jwksUrl, environment.EnvironmentName),
                $"the public keys at {jwksUrl} must be fetched over HTTPS (plain HTTP only in Development); give the shop's address (e.g. SubApps:<name>:HostUrl) as https")
            .ValidateOnStart();
        services.AddHttpClient(JwksClientName(scheme));
        return services.AddNexusTokenValidation(audience, issuer, scheme, provider =>
        {
            var clients = provider.GetRequiredService<IHttpClientFactory>();
            return async cancellationToken =>
            {
                using var client = clients.CreateClient(JwksClientName(scheme));
                var json = await client.GetStringAsync(jwksUrl, cancellationToken);
                return [.. new JsonWebKeySet(json).GetSigningKeys()];
            };
        });
    }

    /// <summary>Validates against the keys of this process's own key store (<see cref="INexusSigningKeySource"/>).</summary>
    public static AuthenticationBuilder AddNexusTokenValidation(
        this IServiceCollection services, string audience, string? issuer = null, string scheme = DefaultScheme) =>
        services.AddNexusTokenValidation(audience, issuer, scheme, provider =>
        {
            var source = provider.GetRequiredService<INexusSigningKeySource>();
            return source.GetValidationKeysAsync;
        });

    private static AuthenticationBuilder AddNexusTokenValidation(
        this IServiceCollection services,
        string audience,
        string? issuer,
        string scheme,
        Func<IServiceProvider, Func<CancellationToken, Task<IReadOnlyList<SecurityKey>>>> keys)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(audience);
        var builder = services.AddAuthentication().AddJwtBearer(scheme, options =>
        {
            // Keep "sub", "role", "email" as they are instead of mapping them to WS-* claim URIs.
            options.MapInboundClaims = false;
            options.RequireHttpsMetadata = false;
            options.TokenValidationParameters = new TokenValidationParameters
            {
                ValidAudience = audience,
                ValidateAudience = true,
                ValidIssuer = issuer,
                ValidateIssuer = issuer is not null,
                ValidateLifetime = true,
                RequireExpirationTime = true,
                RequireSignedTokens = true,
                ValidateIssuerSigningKey = true,
                ValidAlgorithms = [SecurityAlgorithms.RsaSha256],
                ClockSkew = TimeSpan.FromSeconds(30),
                NameClaimType = NexusTokenClaims.Subject,
                RoleClaimType = NexusTokenClaims.Role,
            };
        });
        services.AddOptions<JwtBearerOptions>(scheme).Configure<IServiceProvider>((options, provider) =>
            options.ConfigurationManager = new SigningKeysConfigurationManager(keys(provider), provider.GetService<TimeProvider>() ?? TimeProvider.System));
        return builder;
    }

    private static string JwksClientName(string scheme) => $"nexus-jwks:{scheme}";
}
