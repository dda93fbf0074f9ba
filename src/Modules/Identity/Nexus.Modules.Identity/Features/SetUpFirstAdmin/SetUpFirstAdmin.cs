using Nexus.Shared.Abstractions.Application;

namespace Nexus.Modules.Identity.Features.SetUpFirstAdmin;

/// <summary>
/// When nobody holds Admin, makes <paramref name="Email"/> an Admin, creating the account with <paramref name="Password"/>
/// (e-mail confirmed) if it does not exist. Needs the roles to exist (<c>SetUpRoles</c>, committed before). Returns
/// false when an Admin already existed and nothing changed.
/// </summary>
internal sealed record SetUpFirstAdmin(string Email, string Password) : ICommand<bool>;
