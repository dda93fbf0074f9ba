using Nexus.Modules.Customers.Domain;
using Nexus.Shared.Abstractions.Application;

namespace Nexus.Modules.Customers.Features.Addresses;

/// <summary>The shopper's address book, defaults first.</summary>
internal sealed record ListAddresses(string UserId) : IQuery<IReadOnlyList<Address>>;
