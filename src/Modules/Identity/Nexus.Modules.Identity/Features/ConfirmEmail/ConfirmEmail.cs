using Nexus.Shared.Abstractions.Application;

namespace Nexus.Modules.Identity.Features.ConfirmEmail;

/// <summary>Marks a user's address confirmed with the e-mailed one-time token. False for an unknown user or a bad token.</summary>
internal sealed record ConfirmEmail(string UserId, string Token) : ICommand<bool>;
