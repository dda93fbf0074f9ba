using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Nexus.Shared.Abstractions.Security;
using Nexus.Shared.Messaging;

namespace Nexus.Host.Pages.Admin;

/// <summary>
/// /admin/events: every module's outbox and inbox on this instance — pending, delivered, retrying and dead
/// letters with their errors. Staff may look (BackOffice, from the folder convention); only admins replay or
/// discard a dead letter.
/// </summary>
internal sealed class EventsModel : PageModel
{
    private readonly EventsAdministration events;
    private readonly IAuthorizationService authorization;

    public EventsModel(EventsAdministration events, IAuthorizationService authorization)
    {
        this.events = events;
        this.authorization = authorization;
    }

    public string Transport => events.TransportName;

    public IReadOnlyList<ModuleEventsSummary> Modules { get; private set; } = [];

    public bool CanChange { get; private set; }

    [TempData]
    public string? Notice { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        CanChange = (await authorization.AuthorizeAsync(User, NexusPolicies.Admin)).Succeeded;
        Modules = await events.SummarizeAsync(cancellationToken);
    }

    public Task<IActionResult> OnPostReplayAsync(string module, Guid eventId, CancellationToken cancellationToken) =>
        ChangeAsync(() => events.ReplayAsync(module, eventId, cancellationToken), $"Event {eventId} will be retried now.", eventId);

    public Task<IActionResult> OnPostDiscardAsync(string module, Guid eventId, CancellationToken cancellationToken) =>
        ChangeAsync(() => events.DiscardAsync(module, eventId, cancellationToken), $"Event {eventId} was discarded.", eventId);

    private async Task<IActionResult> ChangeAsync(Func<Task<bool>> change, string done, Guid eventId)
    {
        if (!(await authorization.AuthorizeAsync(User, NexusPolicies.Admin)).Succeeded)
        {
            return Forbid();
        }

        Notice = await change() ? done : $"Event {eventId} is not a dead letter (any more); nothing was changed.";
        return RedirectToPage();
    }
}
