using Nexus.Shared.Abstractions.Application;

namespace Nexus.Modules.Licensing.Features.CustomerKeys;

/// <summary>The customer's keys, grouped by the caller per product (newest first).</summary>
internal sealed record ListCustomerKeys(string CustomerId) : IQuery<IReadOnlyList<KeySummary>>;
