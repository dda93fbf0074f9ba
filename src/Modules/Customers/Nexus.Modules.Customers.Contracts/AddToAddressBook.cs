using Nexus.Shared.Abstractions.Application;

namespace Nexus.Modules.Customers.Contracts;

/// <summary>
/// Saves an address a customer typed at checkout into their address book (checked by the same rules as the account's
/// address form; an exact copy of an existing entry is not saved twice). Answers the entry's id.
/// </summary>
public sealed record AddToAddressBook(string CustomerId, PostalAddress Address) : ICommand<Guid>;
