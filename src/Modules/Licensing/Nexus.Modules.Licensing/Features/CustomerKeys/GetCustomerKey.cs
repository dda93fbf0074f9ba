using Nexus.Shared.Abstractions.Application;

namespace Nexus.Modules.Licensing.Features.CustomerKeys;

/// <summary>One key with its active devices and history; null when it is not this customer's (or does not exist).</summary>
internal sealed record GetCustomerKey(string CustomerId, Guid KeyId) : IQuery<KeyDetails?>;
