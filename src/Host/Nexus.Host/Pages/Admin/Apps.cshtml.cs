using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Nexus.Host.SubApps;
using Nexus.Shared.SubApps;
using Nexus.Shared.Web;

namespace Nexus.Host.Pages.Admin;

/// <summary>A sub-app's back-office view framed in the back office (<c>/admin/apps/licensing/...</c>).</summary>
internal sealed class AppsModel : PageModel
{
    private readonly SubAppRegistry subApps;
    private readonly ContentSecurityPolicy csp;
    private readonly IConfiguration configuration;

    public AppsModel(SubAppRegistry subApps, ContentSecurityPolicy csp, IConfiguration configuration)
    {
        this.subApps = subApps;
        this.csp = csp;
        this.configuration = configuration;
    }

    public SubAppFrame Frame { get; private set; } = null!;

    public IActionResult OnGet(string app, string? rest)
    {
        var subApp = subApps.Find(app);
        if (subApp?.Definition.AdminRoute is not { } adminRoute)
        {
            return NotFound();
        }

        // The host URL carries the sub-app route: /admin/apps/licensing/admin?q=x frames /apps/licensing/admin?q=x.
        Frame = new SubAppFrame(subApp, SubAppFrame.RouteFrom(rest, Request.QueryString, adminRoute), $"/admin/apps/{subApp.Definition.Name}",
            configuration[SubAppSettingsKeys.TokenUrl] ?? SubAppSettingsKeys.DefaultTokenUrl);
        Frame.AllowIn(csp);
        return Page();
    }
}
