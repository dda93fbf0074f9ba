using System.Net.Mail;
using System.Security.Claims;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Configuration;
using Nexus.Modules.Cart.Contracts;
using Nexus.Modules.Customers.Contracts;
using Nexus.Modules.Ordering.Domain;
using Nexus.Modules.Ordering.Features.Orders;
using Nexus.Modules.Ordering.Features.Payment;
using Nexus.Modules.Ordering.Features.PlaceOrder;
using Nexus.Shared.Application;
using Nexus.Modules.Ordering.Features;

namespace Nexus.Modules.Ordering.Pages.Checkout;

/// <summary>
/// Checkout, without JavaScript: details (e-mail for guests, address from the address book or new, shipping method)
/// → review (the cart's totals for that method, the card) → place order and pay. The idempotency key is made on
/// the first GET and travels in the form, so a double click, a refresh or a retried POST lands on the same order.
/// </summary>
[AllowAnonymous]
[EnableRateLimiting(CheckoutRateLimit.Policy)]
internal sealed class IndexModel(IMediator mediator, CheckoutPlacement placement, CheckoutPayment payment, OrderAccess access, IConfiguration configuration) : PageModel
{
    [BindProperty]
    public CheckoutForm Input { get; set; } = new();

    public CheckoutCart? Cart { get; private set; }

    public IReadOnlyList<AddressBookEntry> AddressBook { get; private set; } = [];

    public bool Reviewing { get; private set; }

    public IReadOnlyList<string> Problems { get; private set; } = [];

    public bool ProblemsNeedCart { get; private set; }

    /// <summary>Orders placed from this cart and still unpaid: linked, and cancelled when this checkout places a new one (decision 0023).</summary>
    public IReadOnlyList<string> UnpaidOrders { get; private set; } = [];

    public bool IsGuest => CustomerId is null;

    /// <summary>Test mode: the in-host NexusPay stub is the provider, so its test cards are shown.</summary>
    public bool ShowTestCards => !string.Equals(configuration["Modules:NexusPay:Enabled"], "false", StringComparison.OrdinalIgnoreCase);

    private string? CustomerId => OrderAccess.UserId(User);

    /// <summary>The shopper's cart: the signed-in customer's, or the guest cookie's (a malformed cookie is no cart at all).</summary>
    private CartOwner Owner => new(
        CustomerId,
        CustomerId is null && Request.Cookies.TryGetValue(CartCookie.Name, out var token) && token is { Length: 43 } && token.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_') ? token : null);

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (Owner is { CustomerId: null, GuestToken: null })
        {
            // No cart cookie and not signed in: nothing to check out (and nothing to look up).
            return Redirect("/cart");
        }

        Cart = await mediator.Send(new GetCartForCheckout(Owner, ShippingMethods.Standard), cancellationToken);
        if (Cart is null || Cart.Lines.Count == 0)
        {
            return Redirect("/cart");
        }

        UnpaidOrders = [.. (await mediator.Send(new GetUnpaidCheckouts(Cart.CartId), cancellationToken)).Select(c => c.OrderNumber)];
        Input.CheckoutKey = Guid.NewGuid().ToString("N");
        Input.Email = User.FindFirstValue(ClaimTypes.Email);
        await LoadAddressBookAsync(cancellationToken);
        var preferred = AddressBook.FirstOrDefault(a => a.IsDefaultShipping) ?? AddressBook.FirstOrDefault();
        Input.SavedAddressId = preferred?.AddressId;
        return Page();
    }

    public async Task<IActionResult> OnPostReviewAsync(CancellationToken cancellationToken)
    {
        var details = await CheckDetailsAsync(cancellationToken);
        if (details is null)
        {
            return Cart is null ? Redirect("/cart") : Page();
        }

        Input.ExpectedTotalMinor = Cart!.Totals.TotalMinor;
        Reviewing = true;
        return Page();
    }

    public async Task<IActionResult> OnPostEditAsync(CancellationToken cancellationToken)
    {
        ModelState.Clear();
        await LoadAddressBookAsync(cancellationToken);
        Cart = Owner is { CustomerId: null, GuestToken: null } ? null : await mediator.Send(new GetCartForCheckout(Owner, ShippingMethods.All.Contains(Input.ShippingMethod) ? Input.ShippingMethod : ShippingMethods.Standard), cancellationToken);
        return Cart is null ? Redirect("/cart") : Page();
    }

    public async Task<IActionResult> OnPostPlaceAsync(CancellationToken cancellationToken)
    {
        // A key that is not one of ours is refused before anything is looked up (the form makes a 32-hex-digit key).
        if (Input.CheckoutKey is not { Length: 32 } key || !key.All(char.IsAsciiHexDigitLower))
        {
            return BadRequest();
        }

        // The same key placed before (a double click, a refresh, a retried request): the same order, never a second one.
        var earlier = await mediator.Send(new GetOrderByCheckoutKey(key), cancellationToken);
        if (earlier is not null && earlier.PlacedAt is not null && earlier.CustomerId == CustomerId)
        {
            access.Remember(HttpContext, earlier.Number);
            return earlier.AwaitsPayment && CardNumbers.Problem(Input.CardNumber) is null
                ? await PayAsync(earlier, cancellationToken)
                : RedirectAfter(earlier);
        }

        var details = await CheckDetailsAsync(cancellationToken);
        if (details is null)
        {
            return Cart is null ? Redirect("/cart") : Page();
        }

        Reviewing = true;
        if (CardNumbers.Problem(Input.CardNumber) is { } cardProblem)
        {
            ModelState.AddModelError("Input.CardNumber", cardProblem);
            return Page();
        }

        var result = await placement.PlaceAsync(
            new PlaceOrderRequest(key, Owner, CustomerId, details.Value.Email, Input.ShippingMethod, details.Value.Shipping, details.Value.Billing, Input.ExpectedTotalMinor),
            cancellationToken);
        if (!result.Placed)
        {
            Problems = result.Problems;
            ProblemsNeedCart = result.BackToCart;
            // Show the review again with the cart as it is now (and its new total to confirm).
            Cart = Owner is { CustomerId: null, GuestToken: null } ? null : await mediator.Send(new GetCartForCheckout(Owner, Input.ShippingMethod), cancellationToken);
            Input.ExpectedTotalMinor = Cart?.Totals.TotalMinor;
            return Page();
        }

        access.Remember(HttpContext, result.OrderNumber!);
        if (Input.SaveToAddressBook && CustomerId is { } customerId && Input.SavedAddressId is null)
        {
            try
            {
                await mediator.Send(new AddToAddressBook(customerId, Input.TypedAddress()), cancellationToken);
            }
            catch (RequestValidationException)
            {
                // Checked by the same rules a moment ago; the order stands either way.
            }
        }

        var order = await mediator.Send(new GetOrder(result.OrderNumber!), cancellationToken);
        return await PayAsync(order!, cancellationToken);
    }

    private async Task<IActionResult> PayAsync(OrderView order, CancellationToken cancellationToken)
    {
        try
        {
            var step = await payment.PayAsync(order, Input.CardNumber!, cancellationToken);
            return PaymentPages.Next(this, order.Number, step);
        }
        catch (RequestValidationException e)
        {
            TempData[PaymentPages.MessageKey] = e.Errors.Values.SelectMany(m => m).FirstOrDefault() ?? "Please check the card number.";
            return Redirect($"/checkout/pay/{order.Number}");
        }
    }

    private RedirectResult RedirectAfter(OrderView order) =>
        Redirect(order.AwaitsPayment ? $"/checkout/pay/{order.Number}" : $"/checkout/confirmation/{order.Number}");

    /// <summary>Checks the details step; null (with inline errors and the page's data loaded) when something is missing.</summary>
    private async Task<(string Email, AddressSnapshot? Shipping, AddressSnapshot Billing)?> CheckDetailsAsync(CancellationToken cancellationToken)
    {
        // Only the fields of this form count: anything else posted (prices, totals, lines) is not even bound.
        ModelState.Clear();
        await LoadAddressBookAsync(cancellationToken);
        if (!ShippingMethods.All.Contains(Input.ShippingMethod))
        {
            ModelState.AddModelError("Input.ShippingMethod", "Choose a shipping method.");
            Input.ShippingMethod = ShippingMethods.Standard;
        }

        Cart = Owner is { CustomerId: null, GuestToken: null } ? null : await mediator.Send(new GetCartForCheckout(Owner, Input.ShippingMethod), cancellationToken);
        if (Cart is null || Cart.Lines.Count == 0)
        {
            Cart = null;
            return null;
        }

        if (string.IsNullOrWhiteSpace(Input.CheckoutKey) || Input.CheckoutKey.Length != 32 || !Input.CheckoutKey.All(char.IsAsciiHexDigitLower))
        {
            Input.CheckoutKey = Guid.NewGuid().ToString("N");
        }

        var email = Input.Email?.Trim();
        if (string.IsNullOrEmpty(email) || email.Length > Order.EmailMaxLength || !MailAddress.TryCreate(email, out _))
        {
            ModelState.AddModelError("Input.Email", "Enter the e-mail address for your receipt (name@example.com).");
        }

        PostalAddress address;
        if (Input.SavedAddressId is { } savedId && AddressBook.FirstOrDefault(a => a.AddressId == savedId) is { } saved)
        {
            address = saved.Address;
        }
        else
        {
            Input.SavedAddressId = null;
            address = Input.TypedAddress();
            foreach (var problem in await mediator.Send(new CheckPostalAddress(address), cancellationToken))
            {
                ModelState.AddModelError($"Input.{problem.Field}", problem.Message);
            }
        }

        if (!ModelState.IsValid)
        {
            Reviewing = false;
            return null;
        }

        var snapshot = CheckoutForm.Snapshot(address);
        return (email!, Cart.RequiresShipping ? snapshot : null, snapshot);
    }

    private async Task LoadAddressBookAsync(CancellationToken cancellationToken)
    {
        AddressBook = CustomerId is { } id ? await mediator.Send(new GetAddressBook(id), cancellationToken) : [];
    }
}
