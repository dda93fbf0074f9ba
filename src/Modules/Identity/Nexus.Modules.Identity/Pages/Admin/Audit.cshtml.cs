using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Nexus.Modules.Identity.Data;
using Nexus.Shared.Abstractions.Security;

namespace Nexus.Modules.Identity.Pages.Admin;

/// <summary>The newest 500 staff actions on accounts.</summary>
[Authorize(Policy = NexusPolicies.BackOffice)]
internal sealed class AuditModel : PageModel
{
    private readonly IdentityStoreDbContext db;

    public AuditModel(IdentityStoreDbContext db) => this.db = db;

    public IReadOnlyList<AuditEntry> Entries { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Entries = await db.AuditLog.AsNoTracking().OrderByDescending(e => e.At).Take(500).ToListAsync(cancellationToken);
}
