namespace Nexus.Modules.Licensing.Api;

internal sealed record ActivationResponse(string Status, int ActiveDevices, int MaxActivations);
