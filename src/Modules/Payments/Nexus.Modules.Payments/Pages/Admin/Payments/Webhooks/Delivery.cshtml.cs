using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Nexus.Modules.Payments.Features.WebhookLog;
using Nexus.Modules.Payments.Features.Webhooks;
using Nexus.Shared.Abstractions.Security;

namespace Nexus.Modules.Payments.Pages.Admin.Payments.Webhooks;

/// <summary>One delivery: raw body, signature header, verification, outcome; Admins can replay a verified one.</summary>
[Authorize(Policy = NexusPolicies.BackOffice)]
internal sealed class DeliveryModel : PageModel
{
    private readonly IMediator mediator;
    private readonly IAuthorizationService authorization;

    public DeliveryModel(IMediator mediator, IAuthorizationService authorization)
    {
        this.mediator = mediator;
        this.authorization = authorization;
    }

    public WebhookDeliveryView View { get; private set; } = null!;

    public bool CanReplay { get; private set; }

    [TempData(Key = "PaymentsWebhookReplayMessage")]
    public string? Message { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await mediator.Send(new GetWebhookDelivery(id), cancellationToken) is not { } view)
        {
            return NotFound();
        }

        View = view;
        CanReplay = (await authorization.AuthorizeAsync(User, NexusPolicies.Admin)).Succeeded;
        return Page();
    }

    /// <summary>Support may look, only Admins may replay (the check decides the HTTP answer; the replay is one command).</summary>
    public async Task<IActionResult> OnPostReplayAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!(await authorization.AuthorizeAsync(User, NexusPolicies.Admin)).Succeeded)
        {
            return Forbid();
        }

        if (await mediator.Send(new ReplayWebhook(id, User.Identity?.Name ?? "admin"), cancellationToken) is not { } receipt)
        {
            return NotFound();
        }

        Message = $"Replayed: {receipt.Outcome}. {receipt.Detail}";
        return receipt.DeliveryId == id ? RedirectToPage(new { id }) : Redirect($"/admin/payments/webhooks/{receipt.DeliveryId}");
    }
}
