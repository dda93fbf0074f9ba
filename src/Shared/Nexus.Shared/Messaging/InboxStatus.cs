namespace Nexus.Shared.Messaging;

public enum InboxStatus
{
    /// <summary>Handled; its effect is committed. A redelivery is ignored.</summary>
    Processed,

    /// <summary>A handler failed; another attempt is due at <see cref="InboxMessage.NextAttemptAt"/>.</summary>
    Retrying,

    /// <summary>Failed every allowed attempt; waits for an admin to replay or discard it.</summary>
    DeadLettered,

    /// <summary>An admin chose not to apply it.</summary>
    Discarded,
}
