namespace Nexus.Modules.Customers.Features.Profile;

internal sealed record ProfileView(string? DisplayName, string? Phone);
