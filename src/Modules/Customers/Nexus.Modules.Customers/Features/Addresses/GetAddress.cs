using Nexus.Modules.Customers.Domain;
using Nexus.Shared.Abstractions.Application;

namespace Nexus.Modules.Customers.Features.Addresses;

/// <summary>One of the shopper's own addresses; null for an id that is not theirs (no hint whether it exists).</summary>
internal sealed record GetAddress(string UserId, Guid AddressId) : IQuery<Address?>;
