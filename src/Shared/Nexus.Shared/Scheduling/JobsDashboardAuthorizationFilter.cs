using Hangfire.Dashboard;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.DependencyInjection;
using Nexus.Shared.Abstractions.Security;

namespace Nexus.Shared.Scheduling;

/// <summary>
/// The dashboard's own check, behind the endpoint's authorization policy: the signed-in user (the app's cookie)
/// must satisfy <see cref="NexusPolicies.BackOffice"/> (Admin or Support). It replaces Hangfire's default filter,
/// which only admits local requests.
/// </summary>
internal sealed class JobsDashboardAuthorizationFilter : IDashboardAsyncAuthorizationFilter
{
    public async Task<bool> AuthorizeAsync(DashboardContext context)
    {
        var http = context.GetHttpContext();
        var authorization = http.RequestServices.GetRequiredService<IAuthorizationService>();
        return http.User.Identity?.IsAuthenticated == true
            && (await authorization.AuthorizeAsync(http.User, NexusPolicies.BackOffice)).Succeeded;
    }
}
