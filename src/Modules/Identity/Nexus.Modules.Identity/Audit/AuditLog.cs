using System.Security.Claims;
using Nexus.Modules.Identity.Data;

namespace Nexus.Modules.Identity.Audit;

/// <summary>Writes what a member of staff did to an account. Saved with the change it describes.</summary>
internal sealed class AuditLog
{
    private readonly IdentityStoreDbContext db;
    private readonly TimeProvider time;

    public AuditLog(IdentityStoreDbContext db, TimeProvider time)
    {
        this.db = db;
        this.time = time;
    }

    public async Task RecordAsync(ClaimsPrincipal actor, string action, ShopUser? subject, string? details, CancellationToken cancellationToken)
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
        await db.SaveChangesAsync(cancellationToken);
    }
}
