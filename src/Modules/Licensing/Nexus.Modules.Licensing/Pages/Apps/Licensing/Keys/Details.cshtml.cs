using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Nexus.Modules.Licensing.Domain;
using Nexus.Modules.Licensing.Features.Activation;
using Nexus.Modules.Licensing.Features.CustomerKeys;
using Nexus.Shared.Application;
using Nexus.Shared.SubApps;

namespace Nexus.Modules.Licensing.Pages.Apps.Licensing.Keys;

/// <summary>One key: copy it, see and manage its devices, read its activation history.</summary>
// Bearer-token only, like every signed-in sub-app view (see IndexModel): no antiforgery cookie needed.
[Authorize(Policy = SubAppAuthentication.UserPolicy)]
[IgnoreAntiforgeryToken]
internal sealed class DetailsModel : PageModel
{
    private static readonly Dictionary<string, string> Notices = new(StringComparer.Ordinal)
    {
        ["activated"] = "Device activated",
        ["deactivated"] = "Device deactivated",
    };

    private readonly IMediator mediator;

    public DetailsModel(IMediator mediator) => this.mediator = mediator;

    public KeyDetails Details { get; private set; } = null!;

    [BindProperty]
    public string? DeviceName { get; set; }

    public string? Notice { get; private set; }

    private string CustomerId => User.Identity!.Name!;

    public async Task<IActionResult> OnGetAsync(Guid id, string? notice, CancellationToken cancellationToken)
    {
        // Only known notices: the query string never puts free text on the page.
        Notice = notice is not null && Notices.TryGetValue(notice, out var text) ? text : null;
        return await LoadAsync(id, cancellationToken) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostActivateAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        try
        {
            // Activated from the account page: the device is known by its name only, so the name is its id.
            var name = DeviceName?.Trim() ?? string.Empty;
            var result = await mediator.Send(new ActivateDevice(Details.Key.Key, $"manual:{name.ToUpperInvariant()}", name, CustomerId), cancellationToken);
            switch (result?.Outcome)
            {
                case ActivationOutcome.Activated:
                    return RedirectToPage(new { id, notice = "activated" });
                case ActivationOutcome.AlreadyActive:
                    ModelState.AddModelError(nameof(DeviceName), "A device with this name is already active.");
                    break;
                case ActivationOutcome.LimitReached:
                    ModelState.AddModelError(nameof(DeviceName), "All device slots are in use: deactivate one first.");
                    break;
                default:
                    ModelState.AddModelError(nameof(DeviceName), "This key was revoked and cannot be activated.");
                    break;
            }
        }
        catch (RequestValidationException ex)
        {
            foreach (var (field, messages) in ex.Errors)
            {
                foreach (var message in messages)
                {
                    ModelState.AddModelError(field == "DeviceId" ? nameof(DeviceName) : field, message);
                }
            }
        }

        await LoadAsync(id, cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostDeactivateAsync(Guid id, Guid activationId, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        await mediator.Send(new DeactivateDevice(Details.Key.Key, null, activationId, CustomerId), cancellationToken);
        return RedirectToPage(new { id, notice = "deactivated" });
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        var details = await mediator.Send(new GetCustomerKey(CustomerId, id), cancellationToken);
        if (details is null)
        {
            return false;
        }

        Details = details;
        return true;
    }
}
