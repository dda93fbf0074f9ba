using Nexus.Shared.Abstractions.Messaging;

namespace Nexus.Modules.Identity.Contracts.Events;

/// <summary>
/// A user deleted their account: every module that keeps data about the user removes it (the "right to be
/// forgotten"). Published through Identity's outbox in the same transaction as the deletion, so it exists if and
/// only if the account is gone; consumers apply it through their inbox (once, with retries and dead letters).
/// </summary>
[IntegrationEvent("identity.user-account-deleted", 1)]
public sealed record UserAccountDeleted(string UserId) : IntegrationEvent;
