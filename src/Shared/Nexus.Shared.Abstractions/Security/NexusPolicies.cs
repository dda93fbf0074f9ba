namespace Nexus.Shared.Abstractions.Security;

/// <summary>Authorization policy names shared by all modules; defined once in <c>AddNexusAuthorization</c>.</summary>
public static class NexusPolicies
{
    /// <summary>Back-office pages that change things: Admin only.</summary>
    public const string Admin = "Admin";

    /// <summary>Back-office pages that only read: Admin or Support.</summary>
    public const string BackOffice = "BackOffice";

    /// <summary>A signed-in shopper's own pages.</summary>
    public const string Customer = "Customer";
}
