using Nexus.Shared.Abstractions.Application;

namespace Nexus.Modules.Identity.Features.DeleteAccount;

/// <summary>A user deletes their own account, confirmed with their password.</summary>
internal sealed record DeleteAccount(string UserId, string Password) : ICommand<DeleteAccountOutcome>;
