namespace Nexus.Shared.Messaging;

/// <summary>One module's outbox and inbox at a glance, with the events that are being retried or are dead.</summary>
public sealed record ModuleEventsSummary(
    string Module,
    int OutboxPending,
    int OutboxDelivered,
    int InboxProcessed,
    int Retrying,
    int DeadLetters,
    int Discarded,
    IReadOnlyList<InboxMessage> Problems);
