using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Nexus.Modules.Ordering.Features.Orders;
using Nexus.Modules.Ordering.Features.Payment;
using Nexus.Modules.Ordering.Features;

namespace Nexus.Modules.Ordering.Pages.Checkout.Payment;

/// <summary>
/// Where the provider sends the shopper back after the card challenge (<c>?order=&lt;number&gt;&amp;payment_intent=&lt;id&gt;</c>):
/// the payment is refreshed from the provider (the webhook may not have come yet) and the shopper goes on to the
/// confirmation, back to the card form with the reason, or to the "confirming your payment" page.
/// </summary>
[AllowAnonymous]
internal sealed class ReturnModel(IMediator mediator, CheckoutPayment payment, OrderAccess access) : PageModel
{
    public async Task<IActionResult> OnGetAsync([FromQuery] string? order, CancellationToken cancellationToken)
    {
        var found = order is null ? null : await mediator.Send(new GetOrder(order), cancellationToken);
        if (found is null || !access.CanSee(HttpContext, found))
        {
            return NotFound();
        }

        return PaymentPages.Next(this, found.Number, await payment.RefreshAsync(found, cancellationToken));
    }
}
