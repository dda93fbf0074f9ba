using Nexus.Shared.Abstractions.Application;

namespace Nexus.Modules.Licensing.Features.Activation;

/// <summary>
/// Frees a device slot: by activation id from the customer's tab, or by device id from installed software.
/// Null when no such key; the result says whether anything was active.
/// </summary>
internal sealed record DeactivateDevice(string Key, string? DeviceId, Guid? ActivationId = null, string? CustomerId = null) : ICommand<ActivationResult?>;
