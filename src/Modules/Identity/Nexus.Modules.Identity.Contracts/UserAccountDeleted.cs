using MediatR;

namespace Nexus.Modules.Identity.Contracts;

/// <summary>
/// Published in process after a user deleted their account: every module that keeps data about the user
/// removes it (the "right to be forgotten"). Handlers must be idempotent.
/// </summary>
public sealed record UserAccountDeleted(string UserId) : INotification;
