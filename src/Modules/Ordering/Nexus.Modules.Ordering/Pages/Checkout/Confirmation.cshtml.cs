using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Nexus.Modules.Ordering.Features.Orders;
using Nexus.Modules.Ordering.Features;

namespace Nexus.Modules.Ordering.Pages.Checkout;

/// <summary>
/// The order's confirmation, for its buyer only: the customer who placed it, or the browser that placed it as a guest
/// (or the signed link of its e-mail, which also lets this browser come back). Anyone else: 404.
/// </summary>
[AllowAnonymous]
internal sealed class ConfirmationModel(IMediator mediator, OrderAccess access) : PageModel
{
    public OrderView Order { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string number, [FromQuery(Name = "t")] string? token, CancellationToken cancellationToken)
    {
        var order = await mediator.Send(new GetOrder(number), cancellationToken);
        if (order is null || !access.CanSee(HttpContext, order, token))
        {
            return NotFound();
        }

        if (token is not null && order.CustomerId is null)
        {
            access.Remember(HttpContext, order.Number);
        }

        Order = order;
        return Page();
    }
}
