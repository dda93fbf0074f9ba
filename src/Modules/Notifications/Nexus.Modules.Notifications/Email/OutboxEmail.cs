namespace Nexus.Modules.Notifications.Email;

/// <summary>One e-mail in the outbox: rendered when queued, delivered by <see cref="EmailSender"/>.</summary>
internal sealed class OutboxEmail
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public required string To { get; init; }

    public required string Template { get; init; }

    public required string Subject { get; init; }

    public required string TextBody { get; init; }

    public required string HtmlBody { get; init; }

    public EmailStatus Status { get; set; }

    public int Attempts { get; set; }

    public DateTime CreatedAt { get; init; }

    /// <summary>When the sender may (re)try it.</summary>
    public DateTime NextAttemptAt { get; set; }

    /// <summary>An instance that claimed it owns it until then (several instances share the outbox).</summary>
    public DateTime? ClaimedUntil { get; set; }

    public DateTime? SentAt { get; set; }

    public string? LastError { get; set; }
}
