using Nexus.Shared.Abstractions.Application;

namespace Nexus.Modules.Customers.Features.Addresses;

/// <summary>Removes one of the shopper's addresses; false when the id is not theirs.</summary>
internal sealed record DeleteAddress(string UserId, Guid AddressId) : ICommand<bool>;
