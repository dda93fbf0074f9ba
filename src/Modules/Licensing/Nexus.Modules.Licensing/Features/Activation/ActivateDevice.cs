using Nexus.Shared.Abstractions.Application;

namespace Nexus.Modules.Licensing.Features.Activation;

/// <summary>
/// Activates a key on a device. From installed software (public API, <paramref name="CustomerId"/> null) or from
/// the customer's own Licensing tab (then the key must be theirs). Null when no such key.
/// </summary>
internal sealed record ActivateDevice(string Key, string DeviceId, string DeviceName, string? CustomerId = null) : ICommand<ActivationResult?>;
