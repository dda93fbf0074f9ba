namespace Nexus.Host.SubApps;

internal static class SubAppSettingsKeys
{
    /// <summary>Where host pages get a token for a sub-app (identity's token endpoint).</summary>
    public const string TokenUrl = "SubApps:TokenUrl";

    public const string DefaultTokenUrl = "/api/identity/tokens";
}
