namespace Nexus.Modules.Licensing.Contracts;

public sealed record IssuedLicenseKey(Guid Id, Guid ProductId, string Key);
