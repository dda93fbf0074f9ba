using Nexus.Shared.Abstractions.Application;

namespace Nexus.Modules.Identity.Features.SetUpRoles;

/// <summary>Creates whichever of the shop's roles do not exist yet (on start). Returns how many it created.</summary>
internal sealed record SetUpRoles : ICommand<int>;
