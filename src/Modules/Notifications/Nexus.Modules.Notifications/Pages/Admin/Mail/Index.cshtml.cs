using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Nexus.Modules.Notifications.Data;
using Nexus.Modules.Notifications.Email;
using Nexus.Shared.Abstractions.Security;

namespace Nexus.Modules.Notifications.Pages.Admin.Mail;

/// <summary>The newest 200 messages of the outbox, optionally by status.</summary>
[Authorize(Policy = NexusPolicies.BackOffice)]
internal sealed class IndexModel : PageModel
{
    private readonly NotificationsDbContext db;

    public IndexModel(NotificationsDbContext db) => this.db = db;

    public EmailStatus? Status { get; private set; }

    public IReadOnlyList<OutboxEmail> Emails { get; private set; } = [];

    public async Task OnGetAsync(EmailStatus? status, CancellationToken cancellationToken)
    {
        Status = status;
        var query = db.Emails.AsNoTracking();
        if (status is { } wanted)
        {
            query = query.Where(e => e.Status == wanted);
        }

        Emails = await query.OrderByDescending(e => e.CreatedAt).Take(200).ToListAsync(cancellationToken);
    }
}
