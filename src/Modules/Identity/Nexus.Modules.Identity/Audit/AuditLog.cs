using System.Security.Claims;
using Nexus.Modules.Identity.Data;

namespace Nexus.Modules.Identity.Audit;

/// <summary>
/// Writes what a member of staff did to an account. It only adds the row: the command that made the change commits
/// it (unit of work), so the audit entry exists if and only if the change does.
/// </summary>
internal sealed class AuditLog
{
    private readonly IdentityStoreDbContext db;
    private readonly TimeProvider time;

    public AuditLog(IdentityStoreDbContext db, TimeProvider time)
    {
        this.db = db;
        this.time = time;
    }

    public void Record(ClaimsPrincipal actor, string action, ShopUser? subject, string? details)
    {
        ArgumentNullException.ThrowIfNull(actor);
        db.AuditLog.Add(new AuditEntry
        {
            At = time.GetUtcNow().UtcDateTime,
            ActorId = actor.FindFirstValue(ClaimTypes.NameIdentifier) ?? "unknown",
            ActorEmail = actor.FindFirstValue(ClaimTypes.Email) ?? actor.Identity?.Name ?? "unknown",
            Action = action,
            SubjectId = subject?.Id,
            SubjectEmail = subject?.Email,
            Details = details is { Length: > 1000 } ? details[..1000] : details,
        });
    }
}
