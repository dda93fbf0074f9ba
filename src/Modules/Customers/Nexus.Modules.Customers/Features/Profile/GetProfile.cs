using Nexus.Shared.Abstractions.Application;

namespace Nexus.Modules.Customers.Features.Profile;

/// <summary>The signed-in shopper's profile (empty until first saved).</summary>
internal sealed record GetProfile(string UserId) : IQuery<ProfileView>;
