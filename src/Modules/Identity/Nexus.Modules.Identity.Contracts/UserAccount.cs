namespace Nexus.Modules.Identity.Contracts;

/// <summary>What Identity tells other modules about an account; never secrets.</summary>
public sealed record UserAccount(string UserId, string Email, bool EmailConfirmed, bool TwoFactorEnabled, DateTime CreatedAt, IReadOnlyList<string> Roles);
