namespace Nexus.Modules.Identity.Accounts;

/// <summary>The <c>Identity:Admin</c> section: the first administrator, made when the shop has none.</summary>
internal sealed class AdminSettings
{
    public const string Section = "Identity:Admin";

    public string Email { get; set; } = "admin@nexus.local";

    /// <summary>Empty: a strong password is generated and written once to the log.</summary>
    public string? Password { get; set; }
}
