namespace Nexus.Shared.Startup;

/// <summary>
/// The folder Nexus keeps its files in (SQLite database, logs, e-mail pickup): <c>Nexus:DataPath</c>,
/// default <c>.data</c> under the content root. Proven writable before anything else starts.
/// </summary>
public static class DataFolder
{
    public const string Setting = "Nexus:DataPath";

    public static string Resolve(string? configured, string contentRoot)
    {
        var path = string.IsNullOrWhiteSpace(configured) ? Path.Combine(contentRoot, ".data") : configured;
        path = Path.GetFullPath(path, contentRoot);
        try
        {
            Directory.CreateDirectory(path);
            var probe = Path.Combine(path, $".write-probe-{Environment.ProcessId}");
            File.WriteAllText(probe, "ok");
            File.Delete(probe);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            throw new StartupConfigurationException(Setting, $"the data folder '{path}' is not writable ({ex.Message})", ex);
        }

        return path;
    }
}
