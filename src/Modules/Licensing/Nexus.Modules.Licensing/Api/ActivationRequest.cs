namespace Nexus.Modules.Licensing.Api;

/// <summary>What installed software sends to activate (or deactivate) itself.</summary>
internal sealed record ActivationRequest(string? Key, string? DeviceId, string? DeviceName);
