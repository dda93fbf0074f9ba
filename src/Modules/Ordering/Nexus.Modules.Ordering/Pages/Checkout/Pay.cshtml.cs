using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Configuration;
using Nexus.Modules.Ordering.Features.Orders;
using Nexus.Modules.Ordering.Features.Payment;
using Nexus.Shared.Application;
using Nexus.Modules.Ordering.Features;

namespace Nexus.Modules.Ordering.Pages.Checkout;

/// <summary>
/// Pay a placed order (again): after a declined card the order keeps its lines and its stock, and the shopper tries
/// another card here. Only the buyer may open it; anyone else gets 404.
/// </summary>
[AllowAnonymous]
[EnableRateLimiting(CheckoutRateLimit.Policy)]
internal sealed class PayModel(IMediator mediator, CheckoutPayment payment, OrderAccess access, IConfiguration configuration) : PageModel
{
    public OrderView Order { get; private set; } = null!;

    [BindProperty]
    public string? CardNumber { get; set; }

    public string? Message { get; private set; }

    public bool ShowTestCards => !string.Equals(configuration["Modules:NexusPay:Enabled"], "false", StringComparison.OrdinalIgnoreCase);

    public async Task<IActionResult> OnGetAsync(string number, CancellationToken cancellationToken)
    {
        var order = await mediator.Send(new GetOrder(number), cancellationToken);
        if (order is null || !access.CanSee(HttpContext, order))
        {
            return NotFound();
        }

        if (!order.AwaitsPayment)
        {
            return Redirect($"/checkout/confirmation/{order.Number}");
        }

        Order = order;
        Message = TempData[PaymentPages.MessageKey] as string;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string number, CancellationToken cancellationToken)
    {
        var order = await mediator.Send(new GetOrder(number), cancellationToken);
        if (order is null || !access.CanSee(HttpContext, order))
        {
            return NotFound();
        }

        Order = order;
        if (!order.AwaitsPayment)
        {
            return Redirect($"/checkout/confirmation/{order.Number}");
        }

        if (CardNumbers.Problem(CardNumber) is { } problem)
        {
            ModelState.AddModelError(nameof(CardNumber), problem);
            return Page();
        }

        try
        {
            return PaymentPages.Next(this, order.Number, await payment.PayAsync(order, CardNumber!, cancellationToken));
        }
        catch (RequestValidationException e)
        {
            ModelState.AddModelError(nameof(CardNumber), e.Errors.Values.SelectMany(m => m).FirstOrDefault() ?? "Please check the card number.");
            return Page();
        }
    }
}
