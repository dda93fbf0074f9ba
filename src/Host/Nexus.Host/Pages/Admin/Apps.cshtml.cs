using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Nexus.Host.SubApps;
using Nexus.Modules.Identity.Contracts;
using Nexus.Shared.SubApps;

namespace Nexus.Host.Pages.Admin;

/// <summary>A sub-app's back-office view framed in the back office (<c>/admin/apps/licensing/...</c>).</summary>
internal sealed class AppsModel : PageModel
{
    private readonly SubAppRegistry subApps;
    private readonly SubAppFrames frames;

    public AppsModel(SubAppRegistry subApps, SubAppFrames frames)
    {
        this.subApps = subApps;
        this.frames = frames;
    }

    public SubAppFrame Frame { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string app, string? rest, CancellationToken cancellationToken)
    {
        var subApp = subApps.Find(app);
        if (subApp?.Definition.AdminRoute is not { } adminRoute)
        {
            return NotFound();
        }

        // The host URL carries the sub-app route: /admin/apps/licensing/admin?q=x frames /apps/licensing/admin?q=x.
        Frame = await frames.CreateAsync(subApp, SubAppFrame.RouteFrom(rest, Request.QueryString, adminRoute), $"/admin/apps/{subApp.Definition.Name}", SubAppTokenUse.Staff, HttpContext, cancellationToken);
        return Page();
    }
}
