namespace Nexus.Modules.Payments.Domain;

/// <summary>
/// A payment intent as the provider described it at one <see cref="Version"/> (in an answer, a webhook or on request).
/// Versions only grow: of two snapshots, the higher one is the truth, whatever order they arrived in.
/// </summary>
internal sealed record ProviderSnapshot(
    string IntentId,
    string Reference,
    long Amount,
    string Currency,
    string Status,
    long AmountRefunded,
    int Version,
    string? CardLast4,
    string? ErrorCode,
    string? DeclineCode,
    string? ErrorMessage,
    string? RedirectUrl);
