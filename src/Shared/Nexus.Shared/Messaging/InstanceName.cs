using System.Globalization;

namespace Nexus.Shared.Messaging;

/// <summary>A readable name of this process for leases and Redis consumer names (at most 60 characters).</summary>
internal static class InstanceName
{
    public static string Value { get; } = Shorten($"{Environment.MachineName}-{Environment.ProcessId.ToString(CultureInfo.InvariantCulture)}");

    private static string Shorten(string name) => name.Length <= 60 ? name : name[^60..];
}
