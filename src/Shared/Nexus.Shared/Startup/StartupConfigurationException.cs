namespace Nexus.Shared.Startup;

/// <summary>
/// Bad configuration found at start-up. The host prints <see cref="Exception.Message"/> as one line naming
/// <see cref="Setting"/> and exits with a non-zero code instead of a stack trace.
/// </summary>
public sealed class StartupConfigurationException : Exception
{
    public StartupConfigurationException(string setting, string problem, Exception? inner = null)
        : base($"{setting}: {problem}", inner)
    {
        Setting = setting;
    }

    public StartupConfigurationException()
        : this("(unknown)", "invalid configuration")
    {
    }

    public StartupConfigurationException(string message)
        : this("(unknown)", message)
    {
    }

    public StartupConfigurationException(string message, Exception innerException)
        : this("(unknown)", message, innerException)
    {
    }

    public string Setting { get; }
}
