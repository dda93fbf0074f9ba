namespace Nexus.Host.SubApps;

/// <summary>A built-in tab of the customer dashboard (orders, profile, ...), registered as a singleton.</summary>
internal sealed record DashboardTab(string Key, string Title, string Path, int Order = 100);
