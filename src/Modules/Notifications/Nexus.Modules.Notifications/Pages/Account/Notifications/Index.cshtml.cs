using System.Security.Claims;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Nexus.Modules.Notifications.InApp;
using Nexus.Shared.Abstractions.Security;

namespace Nexus.Modules.Notifications.Pages.Account.Notifications;

/// <summary>
/// The notification centre's page: everything the customer was told, newest first, a page at a time; opening an entry
/// marks it read and follows its link (always a path in the shop); "mark all read".
/// </summary>
[Authorize(Policy = NexusPolicies.Customer)]
internal sealed class IndexModel(NotificationCentre centre, IMediator mediator) : PageModel
{
    public NotificationPage Notifications { get; private set; } = new([], 1, 1, 0);

    [TempData]
    public string? Notice { get; set; }

    public async Task OnGetAsync([FromQuery(Name = "page")] int? page, CancellationToken cancellationToken)
    {
        Notifications = await centre.PageAsync(UserId, page is > 0 and < 100_000 ? page.Value : 1, NotificationCentre.PageSize, cancellationToken);
    }

    /// <summary>Marks the entry read and goes where it leads; an entry that is not the user's leads back here.</summary>
    public async Task<IActionResult> OnPostOpenAsync(Guid id, CancellationToken cancellationToken)
    {
        var link = await centre.Visible(UserId).Where(n => n.Id == id).Select(n => n.Link).FirstOrDefaultAsync(cancellationToken);
        await MarkReadAsync(new MarkNotificationRead(UserId, id), cancellationToken);
        return LocalRedirect(ShopLinks.IsShopPath(link) ? link! : "/account/notifications");
    }

    public async Task<IActionResult> OnPostReadAsync(Guid id, CancellationToken cancellationToken)
    {
        await MarkReadAsync(new MarkNotificationRead(UserId, id), cancellationToken);
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostReadAllAsync(string? returnUrl, CancellationToken cancellationToken)
    {
        var changed = await MarkReadAsync(new MarkAllNotificationsRead(UserId), cancellationToken);
        Notice = changed == 0 ? "Nothing was unread." : changed == 1 ? "1 notification marked read." : $"{changed} notifications marked read.";
        return LocalRedirect(Url.IsLocalUrl(returnUrl) ? returnUrl! : "/account/notifications");
    }

    private string UserId => User.FindFirstValue(ClaimTypes.NameIdentifier) ?? throw new InvalidOperationException("An account page ran without a signed-in user id.");

    private async Task<int> MarkReadAsync<TResult>(MediatR.IRequest<TResult> command, CancellationToken cancellationToken)
    {
        try
        {
            var result = await mediator.Send(command, cancellationToken);
            return result is int count ? count : 0;
        }
        catch (DbUpdateException)
        {
            // The same broadcast marked read at the same moment in another tab: it is read either way.
            return 0;
        }
    }
}
