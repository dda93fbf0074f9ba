using Hangfire;
using Hangfire.Dashboard;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Nexus.Shared.Abstractions.Security;
using Nexus.Shared.Web;

namespace Nexus.Shared.Scheduling;

/// <summary>
/// Hangfire's dashboard inside the back office at <see cref="Path"/>: recurring jobs (trigger now), enqueued,
/// scheduled, succeeded and failed jobs (retry, delete), servers. Admin may act; Support only reads.
/// </summary>
public static class JobsDashboard
{
    public const string Path = "/admin/jobs";

    // Hangfire's route for the counters its pages poll (below the dashboard's path base).
    private const string StatsPath = "/stats";

    /// <summary>
    /// Maps the dashboard as one endpoint, so the app's authentication, authorization policy
    /// (<see cref="NexusPolicies.BackOffice"/>: visitors are sent to sign in, customers refused) and rate limiting
    /// run before it, and the authorization sweep over <c>/admin</c> endpoints covers it.
    /// </summary>
    /// <remarks>
    /// Like Hangfire's <c>MapHangfireDashboard</c>, but the storage is resolved from this host's services on the
    /// first request instead of when the endpoint is mapped: creating the storage connects to the database, which
    /// must not happen while the app is still being built (see <see cref="JobStorageFactory"/>).
    /// </remarks>
    public static IEndpointConventionBuilder MapNexusJobsDashboard(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var options = new DashboardOptions
        {
            AppPath = "/admin",
            DashboardTitle = "Jobs · Back office",
            // The endpoint's policy is the gate; this filter repeats it inside Hangfire in case the dashboard is
            // ever mapped without one. Hangfire's default (local requests only) would lock out every real admin.
            Authorization = [],
            AsyncAuthorization = [new JobsDashboardAuthorizationFilter()],
            // Support sees everything but gets no buttons, and Hangfire refuses its commands (see also below).
            IsReadOnlyFunc = context => !context.GetHttpContext().User.IsInRole(NexusRoles.Admin),
            // Hangfire's default is every 2 s per open tab; the numbers on the page need not be that fresh.
            StatsPollingInterval = 10_000,
            DisplayStorageConnectionString = false,
            // Kept false: Hangfire then puts ASP.NET Core's antiforgery token into the page (meta csrf-header and
            // csrf-token, sent by its scripts as a header) and refuses a POST — trigger, retry, delete — without it.
            IgnoreAntiforgeryToken = false,
        };
        var routes = DashboardRoutes.Routes;

        var app = endpoints.CreateApplicationBuilder();
        app.UsePathBase(Path);
        app.Use(next =>
        {
            // Built on the first request (two racing first requests build two equivalent ones; one is kept).
            AspNetCoreDashboardMiddleware? dashboard = null;
            return context =>
            {
                // Commands are POSTs; Hangfire answers a read-only user's with 401, which reads as "sign in".
                // Support is signed in and simply not allowed: 403, before Hangfire sees the request. The one
                // POST that only reads is the pages' live counters (/stats), which Support's pages poll too.
                if (!HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method)
                    && !context.User.IsInRole(NexusRoles.Admin)
                    && !context.Request.Path.Equals(StatsPath, StringComparison.Ordinal))
                {
                    context.Response.StatusCode = StatusCodes.Status403Forbidden;
                    return Task.CompletedTask;
                }

                // Hangfire's pages (job details, recurring jobs) and its bundled scripts set style attributes,
                // which a nonce cannot allow; only on this path are inline styles admitted. Scripts stay 'self'
                // + nonce: the dashboard has no inline script.
                context.RequestServices.GetRequiredService<ContentSecurityPolicy>().AllowInlineStyles = true;

                dashboard ??= new AspNetCoreDashboardMiddleware(
                    next,
                    context.RequestServices.GetRequiredService<JobStorage>(),
                    options,
                    routes,
                    finalizeWhenNotFound: true);
                return dashboard.Invoke(context);
            };
        });

        return endpoints.Map(Path + "/{**path}", app.Build())
            .RequireAuthorization(NexusPolicies.BackOffice)
            .WithDisplayName("Jobs dashboard");
    }
}
