namespace Nexus.Modules.Identity.Data;

/// <summary>One ASP.NET Core data-protection key ring entry (XML), shared by every instance.</summary>
internal sealed class DataProtectionKeyRecord
{
    public required string FriendlyName { get; init; }

    public required string Xml { get; init; }
}
