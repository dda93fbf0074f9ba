using Nexus.Shared.Abstractions.Application;

namespace Nexus.Modules.Licensing.Contracts;

/// <summary>A customer's latest licence keys, newest first, for the account overview (the keys themselves stay in the Licenses tab).</summary>
public sealed record GetRecentLicenseKeys(string CustomerId, int Count) : IQuery<IReadOnlyList<RecentLicenseKey>>;

/// <param name="KeyId">Opens the key in the Licenses tab: <c>/account/licensing/keys/{KeyId}</c>.</param>
public sealed record RecentLicenseKey(Guid KeyId, string ProductName, DateTime IssuedAt, bool Revoked);
