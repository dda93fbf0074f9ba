using Nexus.Shared.Abstractions.Application;

namespace Nexus.Modules.Identity.Features.DisableTwoFactor;

/// <summary>Turns two-factor sign-in off and replaces the authenticator key, so the old app entry stops working.</summary>
internal sealed record DisableTwoFactor(string UserId) : ICommand<bool>;
