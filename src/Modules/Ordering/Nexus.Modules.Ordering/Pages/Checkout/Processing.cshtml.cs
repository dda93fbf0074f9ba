using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Nexus.Modules.Ordering.Features.Orders;
using Nexus.Modules.Ordering.Features.Payment;
using Nexus.Modules.Ordering.Features;

namespace Nexus.Modules.Ordering.Pages.Checkout;

/// <summary>
/// "Confirming your payment": the provider has not answered yet (a slow card). The page asks again on every refresh
/// (it refreshes itself every few seconds) until the payment is settled — by the answer, the webhook or reconciliation.
/// </summary>
[AllowAnonymous]
internal sealed class ProcessingModel(IMediator mediator, CheckoutPayment payment, OrderAccess access) : PageModel
{
    public const int RefreshSeconds = 3;

    public OrderView Order { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string number, CancellationToken cancellationToken)
    {
        var order = await mediator.Send(new GetOrder(number), cancellationToken);
        if (order is null || !access.CanSee(HttpContext, order))
        {
            return NotFound();
        }

        Order = order;
        var step = await payment.RefreshAsync(order, cancellationToken);
        if (step.Kind != PaymentStepKind.Processing)
        {
            return PaymentPages.Next(this, order.Number, step);
        }

        Response.Headers["Refresh"] = RefreshSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return Page();
    }
}
