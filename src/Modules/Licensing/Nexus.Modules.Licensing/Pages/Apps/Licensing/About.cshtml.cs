using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace Nexus.Modules.Licensing.Pages.Apps.Licensing;

/// <summary>The sub-app's public landing page: what license keys are and how activation works.</summary>
[AllowAnonymous]
internal sealed class AboutModel : PageModel
{
    public AboutModel(IOptions<LicensingOptions> options) => MaxDevices = options.Value.MaxActivationsPerKey;

    public int MaxDevices { get; }

    public string AccountUrl => "/account/licensing";
}
