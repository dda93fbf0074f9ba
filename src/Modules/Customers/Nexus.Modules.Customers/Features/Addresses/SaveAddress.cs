using Nexus.Shared.Abstractions.Application;

namespace Nexus.Modules.Customers.Features.Addresses;

/// <summary>Adds (<see cref="AddressId"/> null) or changes one of the shopper's addresses; null when the id is not theirs.</summary>
internal sealed record SaveAddress(string UserId, Guid? AddressId, AddressInput Address) : ICommand<Guid?>;
