namespace Nexus.Shared.Abstractions.Security;

/// <summary>The roles every module may check. Support reads the back office but changes nothing.</summary>
public static class NexusRoles
{
    public const string Customer = "Customer";
    public const string Admin = "Admin";
    public const string Support = "Support";
}
