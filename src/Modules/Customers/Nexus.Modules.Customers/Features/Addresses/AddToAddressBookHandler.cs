using MediatR;
using Microsoft.EntityFrameworkCore;
using Nexus.Modules.Customers.Contracts;
using Nexus.Modules.Customers.Data;

namespace Nexus.Modules.Customers.Features.Addresses;

/// <summary>
/// Saves an address typed at checkout into the customer's book. An exact copy of an entry (after the same clean-up
/// the account's form applies: trimmed, blanks as none, postal code in upper case) answers that entry instead of a
/// second one, so a shopper who checks out often does not fill their book with repeats. The first address becomes
/// the default, as on the account's form; later ones never move the customer's chosen defaults.
/// </summary>
internal sealed class AddToAddressBookHandler : IRequestHandler<AddToAddressBook, Guid>
{
    private readonly CustomersDbContext db;
    private readonly TimeProvider time;

    public AddToAddressBookHandler(CustomersDbContext db, TimeProvider time)
    {
        this.db = db;
        this.time = time;
    }

    public async Task<Guid> Handle(AddToAddressBook request, CancellationToken cancellationToken)
    {
        var normalized = AddressBook.Normalize(request.Address);
        var book = await db.Addresses.Where(a => a.UserId == request.CustomerId).ToListAsync(cancellationToken);
        var same = book.FirstOrDefault(a => AddressBook.ToPostalAddress(a) == normalized);
        if (same is not null)
        {
            return same.Id;
        }

        var address = AddressBook.Add(db, book, request.CustomerId, normalized, time.GetUtcNow().UtcDateTime);
        AddressBook.ApplyDefaults(book, address, defaultShipping: false, defaultBilling: false);
        return address.Id;
    }
}
