using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Nexus.Host.SubApps;
using Nexus.Shared.Abstractions.Security;
using Nexus.Shared.Messaging;

namespace Nexus.Host.Pages.Admin;

/// <summary>
/// /admin/events: every module's outbox and inbox on this instance — pending, delivered, retrying and dead
/// letters with their errors — and those of the sub-apps that run as services of their own (extracted Licensing),
/// read through their events endpoints. Staff may look (BackOffice, from the folder convention); only admins replay
/// or discard a dead letter.
/// </summary>
internal sealed class EventsModel : PageModel
{
    private readonly EventsAdministration events;
    private readonly RemoteServiceEvents remote;
    private readonly IAuthorizationService authorization;

    public EventsModel(EventsAdministration events, RemoteServiceEvents remote, IAuthorizationService authorization)
    {
        this.events = events;
        this.remote = remote;
        this.authorization = authorization;
    }

    public string Transport => events.TransportName;

    public IReadOnlyList<ModuleEventsSummary> Modules { get; private set; } = [];

    /// <summary>The services running apart from this process (none unless a sub-app is extracted).</summary>
    public IReadOnlyList<RemoteServiceEventsResult> Services { get; private set; } = [];

    public bool CanChange { get; private set; }

    [TempData]
    public string? Notice { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        CanChange = (await authorization.AuthorizeAsync(User, NexusPolicies.Admin)).Succeeded;
        Modules = await events.SummarizeAsync(cancellationToken);
        Services = await remote.ReadAllAsync(HttpContext, cancellationToken);
    }

    /// <param name="service">The remote service holding the event; none for this process's own modules.</param>
    public Task<IActionResult> OnPostReplayAsync(string module, Guid eventId, string? service, CancellationToken cancellationToken) =>
        ChangeAsync(service, () => service is null
            ? Known(events.ReplayAsync(module, eventId, cancellationToken))
            : remote.ChangeAsync(service, module, eventId, replay: true, HttpContext, cancellationToken), $"Event {eventId} will be retried now.", eventId);

    /// <param name="service">The remote service holding the event; none for this process's own modules.</param>
    public Task<IActionResult> OnPostDiscardAsync(string module, Guid eventId, string? service, CancellationToken cancellationToken) =>
        ChangeAsync(service, () => service is null
            ? Known(events.DiscardAsync(module, eventId, cancellationToken))
            : remote.ChangeAsync(service, module, eventId, replay: false, HttpContext, cancellationToken), $"Event {eventId} was discarded.", eventId);

    private static async Task<bool?> Known(Task<bool> change) => await change;

    private async Task<IActionResult> ChangeAsync(string? service, Func<Task<bool?>> change, string done, Guid eventId)
    {
        if (!(await authorization.AuthorizeAsync(User, NexusPolicies.Admin)).Succeeded)
        {
            return Forbid();
        }

        Notice = await change() switch
        {
            true => done,
            false => $"Event {eventId} is not a dead letter (any more); nothing was changed.",
            null => $"The {service} service could not be asked; nothing was changed. Try again when it is reachable.",
        };
        return RedirectToPage();
    }
}
