using System.ComponentModel.DataAnnotations;

namespace Nexus.Modules.Licensing;

/// <summary><c>Modules:Licensing</c>.</summary>
internal sealed class LicensingOptions
{
    /// <summary>Devices a key may be active on at once.</summary>
    [Range(1, 100)]
    public int MaxActivationsPerKey { get; set; } = 3;

    /// <summary>Activation API calls one client address may make per minute.</summary>
    [Range(1, 10_000)]
    public int ActivationRequestsPerMinute { get; set; } = 30;
}
