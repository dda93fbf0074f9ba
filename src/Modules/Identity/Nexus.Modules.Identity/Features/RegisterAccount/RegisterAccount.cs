using Nexus.Shared.Abstractions.Application;

namespace Nexus.Modules.Identity.Features.RegisterAccount;

/// <summary>A visitor opens a Customer account with an address nobody uses yet (the page checked) and a password.</summary>
internal sealed record RegisterAccount(string Email, string Password) : ICommand<RegisterAccountResult>;
