using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Nexus.Shared.Abstractions.Security;

namespace Nexus.Shared.Security;

public static class AuthorizationServiceCollectionExtensions
{
    /// <summary>
    /// The shared policies, and a fallback that makes every endpoint require a signed-in user unless it
    /// opts out with [AllowAnonymous] — so a forgotten attribute fails closed, not open.
    /// </summary>
    public static IServiceCollection AddNexusAuthorization(this IServiceCollection services)
    {
        services.AddAuthorizationBuilder()
            .AddPolicy(NexusPolicies.Admin, policy => policy.RequireAuthenticatedUser().RequireRole(NexusRoles.Admin))
            .AddPolicy(NexusPolicies.BackOffice, policy => policy.RequireAuthenticatedUser().RequireRole(NexusRoles.Admin, NexusRoles.Support))
            .AddPolicy(NexusPolicies.Customer, policy => policy.RequireAuthenticatedUser())
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAssertion(EndpointNeedsSignedInUser).Build());
        return services;
    }

    // A request that matched no endpoint is a 404, not a sign-in prompt; every matched endpoint without
    // [AllowAnonymous] or a policy of its own needs a signed-in user.
    private static bool EndpointNeedsSignedInUser(AuthorizationHandlerContext context) =>
        (context.Resource is HttpContext http && http.GetEndpoint() is null) || context.User.Identity?.IsAuthenticated == true;

    /// <summary>
    /// Cookie authentication for people, under ASP.NET Core Identity's application scheme so the Identity
    /// module's SignInManager signs users in with exactly this cookie. With Identity switched off the scheme
    /// still exists, so protected pages challenge (redirect to sign-in) instead of failing.
    /// </summary>
    public static IServiceCollection AddNexusCookieAuthentication(this IServiceCollection services, string? scheme = null)
    {
        scheme ??= IdentityConstants.ApplicationScheme;
        services.AddAuthentication(scheme).AddCookie(scheme, options =>
        {
            options.LoginPath = "/account/login";
            options.LogoutPath = "/account/logout";
            options.AccessDeniedPath = "/status/403";
            options.Cookie.Name = "nexus.auth";
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Lax;
            // Secure whenever the request is HTTPS; plain HTTP only serves local development and tests.
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            options.SlidingExpiration = true;
            options.ExpireTimeSpan = TimeSpan.FromDays(14);
            // APIs answer 401/403; only pages redirect to sign-in.
            options.Events.OnRedirectToLogin = context => RedirectOrStatus(context, StatusCodes.Status401Unauthorized);
            options.Events.OnRedirectToAccessDenied = context => RedirectOrStatus(context, StatusCodes.Status403Forbidden);
        });
        return services;
    }

    private static Task RedirectOrStatus(Microsoft.AspNetCore.Authentication.RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        if (Web.ApiRequests.IsApi(context.Request))
        {
            context.Response.StatusCode = status;
        }
        else
        {
            context.Response.Redirect(context.RedirectUri);
        }

        return Task.CompletedTask;
    }
}
