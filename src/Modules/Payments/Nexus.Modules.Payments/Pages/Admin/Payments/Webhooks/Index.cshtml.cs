using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Nexus.Modules.Payments.Domain;
using Nexus.Modules.Payments.Features.WebhookLog;
using Nexus.Shared.Abstractions.Security;

namespace Nexus.Modules.Payments.Pages.Admin.Payments.Webhooks;

/// <summary>The webhook log: every delivery from the provider, newest first, with filters (Admin and Support).</summary>
[Authorize(Policy = NexusPolicies.BackOffice)]
internal sealed class IndexModel : PageModel
{
    private readonly IMediator mediator;

    public IndexModel(IMediator mediator) => this.mediator = mediator;

    public WebhookOutcome? Outcome { get; private set; }

    public WebhookVerification? Verification { get; private set; }

    public string? Text { get; private set; }

    public WebhookLogPage Log { get; private set; } = new([], 1, false);

    public async Task OnGetAsync(WebhookOutcome? outcome, WebhookVerification? verification, string? q, int? page, CancellationToken cancellationToken)
    {
        // Unknown enum values bind to null (no filter) rather than failing the page.
        Outcome = outcome is { } o && Enum.IsDefined(o) ? o : null;
        Verification = verification is { } v && Enum.IsDefined(v) ? v : null;
        Text = q is { Length: > 100 } ? q[..100] : q;
        Log = await mediator.Send(new SearchWebhookDeliveries(Outcome, Verification, Text, page ?? 1), cancellationToken);
    }

    public string PageLink(int page)
    {
        var query = new List<string>();
        if (Outcome is { } o)
        {
            query.Add($"outcome={o}");
        }

        if (Verification is { } v)
        {
            query.Add($"verification={v}");
        }

        if (!string.IsNullOrEmpty(Text))
        {
            query.Add($"q={Uri.EscapeDataString(Text)}");
        }

        query.Add($"page={page}");
        return "/admin/payments/webhooks?" + string.Join('&', query);
    }
}
