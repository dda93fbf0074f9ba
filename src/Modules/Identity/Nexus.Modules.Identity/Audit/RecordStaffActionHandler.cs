using Nexus.Modules.Identity.Contracts.Events;
using Nexus.Modules.Identity.Data;
using Nexus.Shared.Abstractions.Messaging;

namespace Nexus.Modules.Identity.Audit;

/// <summary>
/// Writes another module's staff action into the audit log. The row is added to the change tracker and commits with
/// the inbox row, so a redelivered event writes nothing twice. The subject's label goes where an account's e-mail
/// address goes for Identity's own entries: it is what the audit page shows a person.
/// </summary>
internal sealed class RecordStaffActionHandler(IdentityStoreDbContext db) : IIntegrationEventHandler<StaffActionRecorded>
{
    public Task HandleAsync(StaffActionRecorded integrationEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(integrationEvent);
        db.AuditLog.Add(new AuditEntry
        {
            At = integrationEvent.At.UtcDateTime,
            ActorId = integrationEvent.ActorId,
            ActorEmail = integrationEvent.ActorEmail,
            Action = integrationEvent.Action,
            SubjectId = integrationEvent.SubjectId,
            SubjectEmail = integrationEvent.SubjectLabel,
            Details = integrationEvent.Details is { Length: > 1000 } details ? details[..1000] : integrationEvent.Details,
        });
        return Task.CompletedTask;
    }
}
