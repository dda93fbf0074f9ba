using Nexus.Shared.Abstractions.Application;

namespace Nexus.Modules.Customers.Contracts;

/// <summary>
/// Checks an address by the address book's rules, so checkout (also a guest's) shows the same inline messages as the
/// account's address form. Empty when the address is fine.
/// </summary>
public sealed record CheckPostalAddress(PostalAddress Address) : IQuery<IReadOnlyList<AddressProblem>>;

/// <param name="Field">The <see cref="PostalAddress"/> property the message belongs to (e.g. <c>PostalCode</c>).</param>
public sealed record AddressProblem(string Field, string Message);
