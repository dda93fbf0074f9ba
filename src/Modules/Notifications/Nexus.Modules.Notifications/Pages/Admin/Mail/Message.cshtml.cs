using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Nexus.Modules.Notifications.Data;
using Nexus.Modules.Notifications.Email;
using Nexus.Shared.Abstractions.Security;

namespace Nexus.Modules.Notifications.Pages.Admin.Mail;

[Authorize(Policy = NexusPolicies.BackOffice)]
internal sealed class MessageModel : PageModel
{
    private readonly NotificationsDbContext db;

    public MessageModel(NotificationsDbContext db) => this.db = db;

    public OutboxEmail Email { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        var email = await db.Emails.AsNoTracking().SingleOrDefaultAsync(e => e.Id == id, cancellationToken);
        if (email is null)
        {
            return NotFound();
        }

        Email = email;
        return Page();
    }
}
