using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Nexus.Modules.Identity.Data;
using Nexus.Shared.Abstractions.Security;

namespace Nexus.Modules.Identity.Pages.Admin.Users;

/// <summary>Staff find accounts by e-mail and role. Read-only: Support may use it too.</summary>
[Authorize(Policy = NexusPolicies.BackOffice)]
internal sealed class IndexModel : PageModel
{
    public static readonly string[] Roles = [NexusRoles.Customer, NexusRoles.Admin, NexusRoles.Support];
    private const int PageSize = 100;
    private readonly IdentityStoreDbContext db;
    private readonly TimeProvider time;

    public IndexModel(IdentityStoreDbContext db, TimeProvider time)
    {
        this.db = db;
        this.time = time;
    }

    public string? Query { get; private set; }

    public string? Role { get; private set; }

    public int Total { get; private set; }

    public IReadOnlyList<UserRow> Users { get; private set; } = [];

    public async Task OnGetAsync(string? q, string? role, CancellationToken cancellationToken)
    {
        Query = q?.Trim();
        Role = Roles.Contains(role) ? role : null;
        var users = db.Users.AsNoTracking();
        if (!string.IsNullOrEmpty(Query))
        {
            var normalized = Query.ToUpperInvariant();
            users = users.Where(u => u.NormalizedEmail!.Contains(normalized));
        }

        if (Role is not null)
        {
            var normalizedRole = Role.ToUpperInvariant();
            users = users.Where(u => db.UserRoles.Any(ur => ur.UserId == u.Id && db.Roles.Any(r => r.Id == ur.RoleId && r.NormalizedName == normalizedRole)));
        }

        Total = await users.CountAsync(cancellationToken);
        var page = await users.OrderBy(u => u.NormalizedEmail).Take(PageSize)
            .Select(u => new { u.Id, u.Email, u.EmailConfirmed, u.LockoutEnd, u.CreatedAt })
            .ToListAsync(cancellationToken);
        var ids = page.Select(u => u.Id).ToList();
        var roles = await (from ur in db.UserRoles
                           join r in db.Roles on ur.RoleId equals r.Id
                           where ids.Contains(ur.UserId)
                           select new { ur.UserId, r.Name }).ToListAsync(cancellationToken);
        var now = time.GetUtcNow();
        Users = page.Select(u => new UserRow(
            u.Id,
            u.Email ?? string.Empty,
            [.. roles.Where(r => r.UserId == u.Id).Select(r => r.Name!).Order(StringComparer.Ordinal)],
            u.EmailConfirmed,
            u.LockoutEnd > now,
            u.CreatedAt)).ToList();
    }

    internal sealed record UserRow(string Id, string Email, IReadOnlyList<string> Roles, bool EmailConfirmed, bool Locked, DateTime CreatedAt);
}
