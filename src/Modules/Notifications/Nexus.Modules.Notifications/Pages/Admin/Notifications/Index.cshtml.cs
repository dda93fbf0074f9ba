using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Nexus.Modules.Notifications.Data;
using Nexus.Modules.Notifications.InApp;
using Nexus.Shared.Abstractions.Security;
using Nexus.Shared.Application;

namespace Nexus.Modules.Notifications.Pages.Admin.Notifications;

/// <summary>Admins send a message to every customer's notification centre, and see the ones sent lately.</summary>
[Authorize(Policy = NexusPolicies.Admin)]
internal sealed class IndexModel(NotificationsDbContext db, IMediator mediator, TimeProvider clock) : PageModel
{
    [BindProperty]
    public BroadcastInput Input { get; set; } = new();

    [TempData]
    public string? Notice { get; set; }

    public IReadOnlyList<InAppNotification> Recent { get; private set; } = [];

    public Task OnGetAsync(CancellationToken cancellationToken) => LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var actorId = User.FindFirstValue(ClaimTypes.NameIdentifier) ?? throw new InvalidOperationException("A back-office page ran without a signed-in user id.");
        var actorEmail = User.FindFirstValue(ClaimTypes.Email) ?? User.Identity?.Name ?? "unknown";
        try
        {
            await mediator.Send(new BroadcastNotification(actorId, actorEmail, Input.Title ?? string.Empty, Input.Body ?? string.Empty, Input.Link), cancellationToken);
        }
        catch (RequestValidationException invalid)
        {
            foreach (var (field, messages) in invalid.Errors)
            {
                foreach (var message in messages)
                {
                    ModelState.AddModelError($"{nameof(Input)}.{field}", message);
                }
            }

            await LoadAsync(cancellationToken);
            return Page();
        }

        Notice = "Sent: it is in every customer's notification centre now.";
        return RedirectToPage();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var since = clock.GetUtcNow().UtcDateTime - InAppNotification.BroadcastShownFor;
        Recent = await db.InApp.AsNoTracking().Where(n => n.UserId == null && n.CreatedAt >= since)
            .OrderByDescending(n => n.CreatedAt).Take(50).ToListAsync(cancellationToken);
    }
}

internal sealed class BroadcastInput
{
    [Display(Name = "Title")]
    public string? Title { get; set; }

    [Display(Name = "Message")]
    public string? Body { get; set; }

    [Display(Name = "Link (optional)")]
    public string? Link { get; set; }
}
