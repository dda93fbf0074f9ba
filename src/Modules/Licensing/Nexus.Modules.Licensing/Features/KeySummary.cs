namespace Nexus.Modules.Licensing.Features.CustomerKeys;

internal sealed record KeySummary(Guid Id, string ProductName, string Key, int ActiveDevices, int MaxActivations, DateTime IssuedAt, bool Revoked, string CustomerId);
