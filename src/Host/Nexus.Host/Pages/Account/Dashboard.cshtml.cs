using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Nexus.Host.SubApps;
using Nexus.Modules.Identity.Contracts;
using Nexus.Shared.Abstractions.Security;
using Nexus.Shared.SubApps;

namespace Nexus.Host.Pages.Account;

/// <summary>
/// A sub-app tab of the customer dashboard (<c>/account</c> itself and the built-in tabs are Identity's and
/// Customers' pages; the tab bar is the shared <c>_AccountTabs</c>): the sub-app's view is framed, and the rest of the URL is its route
/// (<c>/account/licensing/keys/42</c>), so reload, back/forward and shared links land there.
/// </summary>
[Authorize(Policy = NexusPolicies.Customer)]
internal sealed class DashboardModel : PageModel
{
    private readonly SubAppRegistry subApps;
    private readonly SubAppFrames frames;

    public DashboardModel(SubAppRegistry subApps, SubAppFrames frames)
    {
        this.subApps = subApps;
        this.frames = frames;
    }

    public string Tab { get; private set; } = string.Empty;

    public SubAppFrame Frame { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string tab, string? rest, CancellationToken cancellationToken)
    {
        Tab = tab.ToLowerInvariant();
        var app = subApps.Find(Tab);
        if (app is null)
        {
            return NotFound();
        }

        Frame = await frames.CreateAsync(app, SubAppFrame.RouteFrom(rest, Request.QueryString), $"/account/{app.Definition.Name}", SubAppTokenUse.App, HttpContext, cancellationToken);
        return Page();
    }
}
