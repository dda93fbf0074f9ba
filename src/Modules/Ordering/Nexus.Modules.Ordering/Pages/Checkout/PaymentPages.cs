using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Nexus.Modules.Ordering.Features.Payment;

namespace Nexus.Modules.Ordering.Pages.Checkout;

/// <summary>Where a payment step sends the shopper: one mapping for the checkout, the payment page and the return page.</summary>
internal static class PaymentPages
{
    /// <summary>TempData key (a string everywhere) of the decline message shown on the payment page.</summary>
    public const string MessageKey = "OrderingPaymentMessage";

    public static IActionResult Next(PageModel page, string number, PaymentStep step)
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(step);
        switch (step.Kind)
        {
            case PaymentStepKind.Challenge:
                // The provider's challenge page (its URL comes from the provider, never from the request).
                return new RedirectResult(step.ChallengeUrl!);
            case PaymentStepKind.Processing:
                return new RedirectResult($"/checkout/processing/{number}");
            case PaymentStepKind.NeedsCard:
                if (step.Message is not null)
                {
                    page.TempData[MessageKey] = step.Message;
                }

                return new RedirectResult($"/checkout/pay/{number}");
            default:
                return new RedirectResult($"/checkout/confirmation/{number}");
        }
    }
}
