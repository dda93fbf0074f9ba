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
            address.FullName = input.FullName.Trim();
            address.Line1 = input.Line1.Trim();
            address.City = input.City.Trim();
            address.PostalCode = input.PostalCode.Trim().ToUpperInvariant();
            address.CountryCode = input.CountryCode;
        }
        else
        {
            address = new Address
            {
                UserId = request.UserId,
                FullName = input.FullName.Trim(),
                Line1 = input.Line1.Trim(),
                City = input.City.Trim(),
                PostalCode = input.PostalCode.Trim().ToUpperInvariant(),
                CountryCode = input.CountryCode,
                CreatedAt = time.GetUtcNow().UtcDateTime,
            };
            db.Addresses.Add(address);
            book.Add(address);
        }

        address.Line2 = Blank(input.Line2);
        address.Region = Blank(input.Region);
        address.Phone = Blank(input.Phone);
        var first = book.Count == 1;
        if (input.IsDefaultShipping || first)
        {
            book.ForEach(a => a.IsDefaultShipping = a == address);
        }

        if (input.IsDefaultBilling || first)
        {
            book.ForEach(a => a.IsDefaultBilling = a == address);
        }

        return address.Id;
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
