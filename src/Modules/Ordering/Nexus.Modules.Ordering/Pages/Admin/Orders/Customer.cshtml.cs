using System.Globalization;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using Nexus.Modules.Customers.Contracts;
using Nexus.Modules.Identity.Contracts;
using Nexus.Modules.Ordering.Contracts.Orders;
using Nexus.Shared.Abstractions.Security;

namespace Nexus.Modules.Ordering.Pages.Admin.Orders;

/// <summary>
/// The back office's view of one customer, reached from their orders: the account (Identity), name and addresses
/// (Customers), and their orders with the lifetime value (Ordering); back to the order list filtered to them.
/// Read-only, for Admin and Support. Each module is asked through its Contracts.
/// </summary>
[Authorize(Policy = NexusPolicies.BackOffice)]
internal sealed class CustomerModel(IMediator mediator, IOptions<OrderingOptions> options) : PageModel
{
    public const int RecentOrders = 20;

    private readonly TimeZoneInfo zone = options.Value.ShopTimeZone();

    public string CustomerId { get; private set; } = string.Empty;

    public UserAccount? Account { get; private set; }

    public string? Name { get; private set; }

    public IReadOnlyList<AddressBookEntry> Addresses { get; private set; } = [];

    public CustomerOrderHistory History { get; private set; } = null!;

    public string OrdersLink => "/admin/orders?customer=" + Uri.EscapeDataString(CustomerId);

    public async Task<IActionResult> OnGetAsync(string customerId, CancellationToken cancellationToken)
    {
        CustomerId = customerId;
        Account = await mediator.Send(new GetUserAccount(customerId), cancellationToken);
        History = await mediator.Send(new GetCustomerOrderHistory(customerId, RecentOrders), cancellationToken);
        if (Account is null && History.OrderCount == 0)
        {
            return NotFound();
        }

        Name = await mediator.Send(new GetCustomerName(customerId), cancellationToken);
        Addresses = await mediator.Send(new GetAddressBook(customerId), cancellationToken);
        return Page();
    }

    public string ShopDate(DateTimeOffset? at) =>
        at is { } value ? TimeZoneInfo.ConvertTime(value, zone).ToString("d MMM yyyy", CultureInfo.InvariantCulture) : "—";
}
