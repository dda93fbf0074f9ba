using MediatR;
using Nexus.Modules.Customers.Features.Addresses;
using Nexus.Modules.Customers.Features.Profile;
using Nexus.Modules.Customers.Features.Wishlist;
using Nexus.Modules.Identity.Contracts;

namespace Nexus.Modules.Customers.Features.Export;

internal sealed class ExportMyDataHandler : IRequestHandler<ExportMyData, CustomerDataExport>
{
    private readonly IMediator mediator;
    private readonly TimeProvider time;

    public ExportMyDataHandler(IMediator mediator, TimeProvider time)
    {
        this.mediator = mediator;
        this.time = time;
    }

    public async Task<CustomerDataExport> Handle(ExportMyData request, CancellationToken cancellationToken)
    {
        var account = await mediator.Send(new GetUserAccount(request.UserId), cancellationToken);
        var profile = await mediator.Send(new GetProfile(request.UserId), cancellationToken);
        var addresses = await mediator.Send(new ListAddresses(request.UserId), cancellationToken);
        var wishlist = await mediator.Send(new GetWishlist(request.UserId), cancellationToken);
        return new CustomerDataExport(
            time.GetUtcNow().UtcDateTime,
            account,
            profile,
            addresses.Select(a => new ExportedAddress(a.Id, a.FullName, a.Line1, a.Line2, a.City, a.PostalCode, a.Region, a.CountryCode, a.Phone, a.IsDefaultShipping, a.IsDefaultBilling, a.CreatedAt)).ToList(),
            wishlist);
    }
}
