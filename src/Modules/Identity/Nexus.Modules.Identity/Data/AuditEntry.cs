namespace Nexus.Modules.Identity.Data;

/// <summary>One thing a member of staff did to an account: who, what, to whom, when.</summary>
internal sealed class AuditEntry
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public DateTime At { get; init; }

    public required string ActorId { get; init; }

    public required string ActorEmail { get; init; }

    public required string Action { get; init; }

    public string? SubjectId { get; init; }

    public string? SubjectEmail { get; init; }

    public string? Details { get; init; }
}
