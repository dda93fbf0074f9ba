using MediatR;
using Microsoft.EntityFrameworkCore;
using Nexus.Modules.Customers.Data;
using Nexus.Modules.Customers.Domain;

namespace Nexus.Modules.Customers.Features.Addresses;

/// <summary>
/// Saves an address of the shopper's own book (the lookup is by id AND user, so a tampered id finds nothing).
/// Keeps one default shipping and one default billing address; the first address becomes both.
/// </summary>
internal sealed class SaveAddressHandler : IRequestHandler<SaveAddress, Guid?>
{
    private readonly CustomersDbContext db;
    private readonly TimeProvider time;

    public SaveAddressHandler(CustomersDbContext db, TimeProvider time)
    {
        this.db = db;
        this.time = time;
    }

    public async Task<Guid?> Handle(SaveAddress request, CancellationToken cancellationToken)
    {
        var book = await db.Addresses.Where(a => a.UserId == request.UserId).ToListAsync(cancellationToken);
        var input = request.Address;
        Address address;
        if (request.AddressId is { } id)
        {
            var existing = book.SingleOrDefault(a => a.Id == id);
            if (existing is null)
            {
                return null;
            }

            address = existing;
            AddressBook.CopyFields(AddressBook.Normalize(input), address);
        }
        else
        {
            address = AddressBook.Add(db, book, request.UserId, AddressBook.Normalize(input), time.GetUtcNow().UtcDateTime);
        }

        AddressBook.ApplyDefaults(book, address, input.IsDefaultShipping, input.IsDefaultBilling);
        return address.Id;
    }
}
