using Nexus.Shared.Abstractions.Application;

namespace Nexus.Modules.Customers.Contracts;

/// <summary>A customer's saved addresses, the default shipping address first. Empty for an unknown customer.</summary>
public sealed record GetAddressBook(string CustomerId) : IQuery<IReadOnlyList<AddressBookEntry>>;

public sealed record AddressBookEntry(Guid AddressId, PostalAddress Address, bool IsDefaultShipping, bool IsDefaultBilling);
