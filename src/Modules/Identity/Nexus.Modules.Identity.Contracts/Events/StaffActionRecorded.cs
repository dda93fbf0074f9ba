using Nexus.Shared.Abstractions.Messaging;

namespace Nexus.Modules.Identity.Contracts.Events;

/// <summary>
/// A member of staff did something that belongs in the back office's audit log (<c>/admin/audit</c>) — shipped or
/// refunded an order, say. A module publishes it through its own outbox in the transaction that made the change, so
/// the audit entry exists if and only if the change does; Identity writes the entry through its inbox (once).
/// </summary>
/// <param name="Action">What was done, short and stable ("order.refund", "order.ship"…).</param>
/// <param name="SubjectId">What it was done to: a user id, an order number…</param>
/// <param name="SubjectLabel">How a person reads the subject (an e-mail address, "Order NX-7K2M9QXD").</param>
[IntegrationEvent("identity.staff-action-recorded", 1)]
public sealed record StaffActionRecorded(
    string ActorId,
    string ActorEmail,
    string Action,
    string? SubjectId,
    string? SubjectLabel,
    string? Details,
    DateTimeOffset At) : IntegrationEvent;
