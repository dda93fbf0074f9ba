using Nexus.Shared.Abstractions.Application;

namespace Nexus.Modules.Customers.Features.Profile;

/// <summary>Saves the shopper's own profile; the user id always comes from the sign-in, never from the form.</summary>
internal sealed record UpdateProfile(string UserId, string? DisplayName, string? Phone) : ICommand<bool>;
