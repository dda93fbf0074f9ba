using Nexus.Shared.Abstractions.Application;

namespace Nexus.Modules.Identity.Features.SetUpFirstAdmin;

/// <summary>
/// When nobody holds Admin, creates <paramref name="Email"/> as a new Admin account with <paramref name="Password"/>
/// (e-mail confirmed); an existing account with that address is refused (StartupConfigurationException), never promoted. Needs the roles to exist (<c>SetUpRoles</c>, committed before). Returns
/// false when an Admin already existed and nothing changed.
/// </summary>
internal sealed record SetUpFirstAdmin(string Email, string Password) : ICommand<bool>;
